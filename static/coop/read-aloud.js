/* "Read aloud" buttons, where the browser can speak. The page works without them. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance === "undefined") {
    return;
  }
  var buttons = document.querySelectorAll("[data-read-aloud]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-read-aloud"));
      if (!target) {
        return;
      }
      window.speechSynthesis.cancel();
      var words = new window.SpeechSynthesisUtterance(target.textContent.trim());
      words.lang = "en-GB";
      words.rate = 0.9;
      window.speechSynthesis.speak(words);
    });
  });
})();
