// Move focus to the error summary when a form comes back with problems, as GOV.UK pages do.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
