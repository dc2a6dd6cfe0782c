"""A tiny HTTP forwarder in front of localstripe. It records each request's method, path
and Idempotency-Key, and can be slow on purpose: how tests see what coop sends to Stripe,
and make callers overlap, without patching anything (localstripe ignores the keys)."""

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    idempotency_key: str | None


@dataclass
class RecordingProxy:
    target: str
    # Seconds to hold each request before forwarding it: a slow Stripe, so that callers
    # overlap.
    delay: float = 0.0
    seen: list[Seen] = field(default_factory=list)

    def __enter__(self) -> "RecordingProxy":
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                proxy.seen.append(
                    Seen(self.command, self.path, self.headers.get("Idempotency-Key"))
                )
                time.sleep(proxy.delay)
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in {"host", "connection"}
                }
                request = urllib.request.Request(
                    proxy.target + self.path, data=body, headers=headers, method=self.command
                )
                try:
                    response = urllib.request.urlopen(request, timeout=10)
                except urllib.error.HTTPError as error:
                    response = error
                data = response.read()
                self.send_response(response.status)
                self.send_header("Content-Type", response.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _forward

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def keys_for(self, method: str, path_start: str) -> list[str | None]:
        return [
            s.idempotency_key
            for s in self.seen
            if s.method == method and s.path.startswith(path_start)
        ]
