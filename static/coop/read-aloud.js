/* "Read aloud" buttons, where the browser can speak. The page works without them. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance === "undefined") {
    return;
  }
  /* Each line of the part (a paragraph, an answer) is said as its own sentence, with a
     pause, so a list of answers is not run together. */
  function spoken(target) {
    return target.textContent.split(/\n+/).map(function (line) {
      return line.trim();
    }).filter(Boolean).map(function (line) {
      return /[.?!:]$/.test(line) ? line : line + ".";
    }).join(" ");
  }
  var buttons = document.querySelectorAll("[data-read-aloud]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      /* data-read-aloud names one part, or several with spaces (a question, its answers). */
      var said = button.getAttribute("data-read-aloud").split(" ").map(function (id) {
        return document.getElementById(id);
      }).filter(Boolean).map(spoken).join(" ");
      if (!said) {
        return;
      }
      window.speechSynthesis.cancel();
      var words = new window.SpeechSynthesisUtterance(said);
      words.lang = "en-GB";
      words.rate = 0.9;
      window.speechSynthesis.speak(words);
    });
  });
})();
