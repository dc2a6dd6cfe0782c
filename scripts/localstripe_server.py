"""Run localstripe (a fake, stateful Stripe API server) for tests, bound to 127.0.0.1 only.

localstripe's own command line binds every interface and pickles its whole store to a fixed
file in the system temp folder after every write (slow, and shared between runs). This runner
imports its aiohttp app instead, turns that persistence off and listens on loopback.

    python scripts/localstripe_server.py [--port N] [--port-file PATH]

--port 0 (the default) lets the kernel pick a free port: the socket is bound here before the
server starts, so there is no race between choosing a port and using it. The chosen port is
printed and, with --port-file, written to PATH once the socket is bound.

localstripe is GPL-3.0: it is imported and run as a separate test-only process, never copied.
"""

import argparse
import os
import socket
import sys


def _no_persistence() -> None:
    from localstripe import resources

    resources.Store.dump_to_disk = lambda self: None
    resources.Store.try_load_from_disk = lambda self: None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the bound port here")
    args = parser.parse_args(argv)

    # Before localstripe.server is imported: nothing may touch /tmp/localstripe.pickle.
    _no_persistence()
    from aiohttp import web
    from localstripe.server import app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    if args.port_file:
        tmp = f"{args.port_file}.tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, args.port_file)  # appears whole or not at all
    print(f"localstripe listening on http://{args.host}:{port}", flush=True)

    # shutdown_timeout: a test run's end should not wait on idle keep-alive connections.
    web.run_app(app, sock=sock, print=None, shutdown_timeout=1, handle_signals=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
