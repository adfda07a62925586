// After "Hide this", the page comes back checked again: move focus to the message that says what was hidden,
// so a keyboard or screen-reader user continues from there rather than from the top of the page.
(function () {
  if (document.getElementById("error-summary")) return;   // errors.js focuses the error summary instead
  var status = document.getElementById("risk-status");
  if (status) status.focus();
})();
