"""A test HTTP server on 127.0.0.1, on a free port, in a background thread; stopped on exit.

Used by the fake Wikidata API, the fake triplestore, the feed tests and the SPARQL-endpoint
refresh tests, so every loopback server starts and stops the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` until the block ends; yields the base URL (http://127.0.0.1:PORT)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def handler_for(
    handle: Callable[[BaseHTTPRequestHandler], None], *methods: str, protocol: str = "HTTP/1.0"
) -> type[BaseHTTPRequestHandler]:
    """A quiet request handler class that passes each request of `methods` ("GET", "PUT"...) to
    `handle`, the way the fake Wikidata API and the fake triplestore answer."""
    namespace: dict[str, object] = {
        "protocol_version": protocol,
        "log_message": lambda self, *args: None,
    }
    for method in methods:
        namespace[f"do_{method}"] = lambda self: handle(self)
    return type("Handler", (BaseHTTPRequestHandler,), namespace)
