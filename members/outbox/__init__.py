"""The outbox: every message to a person, written in the same transaction as the change
that causes it, and sent by the task worker (never by a web request), each by the way the
person chose: an email or a text is sent with retries; a letter waits to be printed; a phone
call waits on an organiser's call list.

- `ways.py` decides the way (one place for every kind of message);
- `models.py` has the `Message` row and its table of allowed moves;
- `services.py` writes messages (`tell`; `tell_many`, many members in bulk; `tell_user`)
  and records what organisers do (try again, called, no answer, printed);
- `sending.py` sends what is due (`send_due`), with retries, for the task worker;
- `refusals.py` tells a refusal for good (no such mailbox, not a mobile) from a failure
  that may pass, and says it in plain words;
- `backends.py` has the text-message senders (Twilio; the console one only with DEBUG).
"""
