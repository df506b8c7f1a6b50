/* missionplan web workspace: the little script the pages need (no inline scripts). */
document.addEventListener("htmx:beforeSwap", function (event) {
  /* Show refusals (403, 409, 422) in place instead of dropping them. */
  var status = event.detail.xhr.status;
  if (status >= 400 && status < 500) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
