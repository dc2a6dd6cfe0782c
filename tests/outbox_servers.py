"""Real servers on 127.0.0.1 for the outbox's tests, not mock objects:

- `MailServer`: an SMTP server (aiosmtpd) that keeps every message it receives, and can be
  stopped (the port then refuses connections) and started again on the same port. It
  answers "550 no such mailbox" for the addresses in `no_such_mailbox`.
- `TextProvider`: a small HTTP fake of Twilio's Messages API
  (POST /2010-04-01/Accounts/<sid>/Messages.json with the form fields To, From and Body),
  answering 201 with the JSON the twilio client reads; it can be told to answer 500, or
  400 with a Twilio error code for the numbers in `refused_numbers`, and stopped and
  started again on the same port. It keeps every text it accepted, and counts
  every request, accepted or not.

Both are thread-safe: the outbox's worker may send from several threads at once.
"""

import base64
import email
import email.policy
import itertools
import json
import re
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller
from django.utils import timezone

__all__ = ["MailServer", "Text", "TextProvider", "free_port"]

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nobody listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -- email ----------------------------------------------------------------------------------
class _Keep:
    """aiosmtpd handler: keeps each message, or answers a temporary error when told to."""

    def __init__(self, server: "MailServer") -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802
        if address in self.server.no_such_mailbox:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        if self.server.refusing:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.received.append(message)
        return "250 Message accepted for delivery"


class MailServer:
    """An SMTP server on 127.0.0.1:`port`. `received` holds every message accepted, as
    `email.message.EmailMessage`, oldest first."""

    def __init__(self, port: int | None = None) -> None:
        self.host = HOST
        self.port = port or free_port()
        self.received: list[EmailMessage] = []
        self.refusing = False  # answer "451 try again later" to every message
        self.no_such_mailbox: set[str] = set()  # answer "550 no such mailbox" for these
        self.lock = threading.Lock()
        self._controller: Controller | None = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> "MailServer":
        if self._controller is None:
            controller = Controller(_Keep(self), hostname=self.host, port=self.port)
            controller.start()
            self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[EmailMessage]:
        """The messages received for `address`."""
        with self.lock:
            return [m for m in self.received if address in m.get_all("To", [])]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


# -- texts ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    account_sid: str
    to: str
    from_: str
    body: str
    sid: str


# What Twilio says with the error codes the fake can be told to answer.
_REFUSED_WORDS = {
    21211: "The 'To' number is not a valid phone number.",
    21610: "Attempt to send to unsubscribed recipient",
    21614: "'To' number is not a valid mobile number",
}
_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<sid>[^/]+)/Messages\.json$")


class _TwilioHandler(BaseHTTPRequestHandler):
    provider: "TextProvider"  # set on the subclass made for each provider

    def log_message(self, format, *args) -> None:  # quiet
        pass

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, code: int, message: str) -> None:
        self._answer(
            status,
            {
                "code": code,
                "message": message,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            },
        )

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        provider = self.provider
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        with provider.lock:
            provider.requests += 1
        match = _MESSAGES.match(self.path.split("?")[0])
        if match is None:
            return self._error(404, 20404, "The requested resource was not found")
        sid = match["sid"]
        expected = base64.b64encode(f"{provider.account_sid}:{provider.auth_token}".encode())
        if sid != provider.account_sid or self.headers.get("Authorization") != (
            "Basic " + expected.decode()
        ):
            return self._error(401, 20003, "Authenticate")
        if provider.failing:
            return self._error(500, 20500, "Internal Server Error")
        to, from_, body = (form.get(name, [""])[0] for name in ("To", "From", "Body"))
        if not to or not body or not from_:
            return self._error(400, 21604, "A 'To', 'From' and 'Body' are required.")
        if to in provider.refused_numbers:
            code = provider.refused_numbers[to]
            return self._error(400, code, _REFUSED_WORDS.get(code, "Bad request"))
        message_sid = f"SM{next(provider._numbers):032x}"
        now = format_datetime(timezone.now(), usegmt=True)
        with provider.lock:
            provider.received.append(
                Text(account_sid=sid, to=to, from_=from_, body=body, sid=message_sid)
            )
        uri = f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}.json"
        self._answer(
            HTTPStatus.CREATED,
            {
                "account_sid": sid,
                "api_version": "2010-04-01",
                "body": body,
                "date_created": now,
                "date_sent": None,
                "date_updated": now,
                "direction": "outbound-api",
                "error_code": None,
                "error_message": None,
                "from": from_,
                "messaging_service_sid": None,
                "num_media": "0",
                "num_segments": "1",
                "price": None,
                "price_unit": "GBP",
                "sid": message_sid,
                "status": "queued",
                "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
                "to": to,
                "uri": uri,
            },
        )


@dataclass
class TextProvider:
    """A fake of Twilio's Messages API on 127.0.0.1:`port`. `base_url` goes in
    TWILIO_API_BASE. `received` holds the texts accepted; `requests` counts every POST."""

    account_sid: str = "AC" + "0" * 31 + "1"
    auth_token: str = "test-auth-token"
    port: int = 0
    failing: bool = False  # answer 500 to every text
    # number (as +44...) -> the Twilio error code to answer 400 with
    refused_numbers: dict[str, int] = field(default_factory=dict)
    received: list[Text] = field(default_factory=list)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def __post_init__(self) -> None:
        self.port = self.port or free_port()

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> "TextProvider":
        if self._server is None:
            handler = type("Handler", (_TwilioHandler,), {"provider": self})
            server = ThreadingHTTPServer((HOST, self.port), handler)
            server.daemon_threads = True
            self._thread = threading.Thread(target=server.serve_forever, daemon=True)
            self._thread.start()
            self._server = server
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def to(self, number: str) -> list[Text]:
        with self.lock:
            return [t for t in self.received if t.to == number]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()
            self.requests = 0
