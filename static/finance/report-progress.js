/* While a quarterly report is being made, fetch its page every few seconds and put the
   new status into the live region, so a screen reader says what has changed. Without
   JavaScript the page reloads itself (a refresh inside <noscript>) and has a "Check
   again" link: this script only makes the same thing quieter. */
(function () {
  "use strict";
  var region = document.getElementById("report-progress");
  if (!region || region.dataset.finished === "true" || !window.fetch || !window.DOMParser) {
    return;
  }
  var every = (parseInt(region.dataset.checkEvery, 10) || 5) * 1000;

  function check() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var status = fresh.getElementById("report-progress");
        if (!status) {
          window.setTimeout(check, every * 2);
          return;
        }
        if (status.innerHTML !== region.innerHTML) {
          region.innerHTML = status.innerHTML;
          document.title = fresh.title;
        }
        if (status.dataset.finished === "true") {
          region.dataset.finished = "true";
        } else {
          window.setTimeout(check, every);
        }
      })
      .catch(function () {
        window.setTimeout(check, every * 2);
      });
  }
  window.setTimeout(check, every);
})();
