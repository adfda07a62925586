// Poll a background job's status and move the progress bar; no build step, no libraries.
(function () {
  var box = document.getElementById("job");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  function show(job) {
    document.getElementById("job-progress").value = job.percent;
    document.getElementById("job-progress").textContent = job.percent + "%";
    document.getElementById("job-percent").textContent = job.percent;
    document.getElementById("job-message").textContent = job.message;
    box.setAttribute("data-status", job.status);
    if (job.status === "done") {
      if (job.kind === "refit" || (job.result.themes && job.result.themes.length) || job.result.project_id) {
        // the finished page (themes joined, refit counts) is rendered by the server: reload to show it
        window.location.reload();
        return true;
      }
      document.getElementById("job-stored").textContent = job.result.stored;
      document.getElementById("job-done").hidden = false;
    } else if (job.status === "failed") {
      document.getElementById("job-error").textContent = job.message;
      document.getElementById("job-failed").hidden = false;
    }
    return job.status === "done" || job.status === "failed";
  }
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (job) {
      if (!show(job)) setTimeout(poll, 700);
    }).catch(function () { setTimeout(poll, 2000); });
  }
  var state = box.getAttribute("data-status");
  if (state !== "done" && state !== "failed") poll();
})();
