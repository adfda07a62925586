// Tell the worker straight away when a file is over the upload limit, before it is sent.
(function () {
  var form = document.getElementById("upload-form");
  if (!form) return;
  var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
  form.addEventListener("submit", function (event) {
    var input = document.getElementById("file");
    var file = input.files && input.files[0];
    if (!file || file.size <= limit) return;
    event.preventDefault();
    var box = document.getElementById("size-error");
    box.querySelector("p").textContent = file.name + " is " + (file.size / 1e6).toFixed(1) +
      " MB. Files can be at most " + Math.round(limit / 1e6) + " MB: split it into smaller files.";
    box.hidden = false;
    box.focus();
  });
})();
