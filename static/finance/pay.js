/* Card entry with Stripe.js. The page already explains, without JavaScript, that card
   payment needs it and how to pay in cash instead; this only adds the card box when
   Stripe.js has loaded. Every outcome except a mistake in the card details goes to the
   return page, which asks our server how the payment stands: the server, not this
   script, decides whether it was paid. */
(function () {
  "use strict";
  var box = document.getElementById("card-payment");
  if (!box || typeof window.Stripe !== "function") {
    return;
  }
  var stripe = window.Stripe(box.dataset.publishableKey);
  var card = stripe.elements().create("card", {
    hidePostalCode: true,
    style: { base: { fontSize: "20px", color: "#0b0c0c", lineHeight: "1.5" } }
  });
  var mount = document.getElementById("card-element");
  mount.style.cssText = "border:2px solid #0b0c0c;padding:0.6rem;max-width:30rem;min-height:48px;background:#fff";
  card.mount(mount);

  var errors = document.getElementById("card-errors");
  var button = document.getElementById("card-button");
  var buttonText = button.textContent;
  var busy = false;
  card.on("change", function (event) {
    errors.textContent = event && event.error ? event.error.message : "";
  });

  document.getElementById("needs-javascript").hidden = true;
  box.hidden = false;

  document.getElementById("card-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) {
      return; // one payment at a time; the button stays usable (no disabled buttons)
    }
    busy = true;
    button.textContent = "Paying. Please wait.";
    button.setAttribute("aria-busy", "true");
    stripe.confirmCardPayment(box.dataset.clientSecret, { payment_method: { card: card } })
      .then(function (result) {
        if (result.error && result.error.type === "validation_error") {
          errors.textContent = result.error.message;
          busy = false;
          button.textContent = buttonText;
          button.removeAttribute("aria-busy");
          return;
        }
        window.location.assign(box.dataset.returnUrl);
      });
  });
})();
