"""A real HTTP server on 127.0.0.1 for fetch tests: scripted routes, recorded requests."""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import threading
import time


@dataclasses.dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    body: bytes = b""
    delay_seconds: float = 0.0  # sleep before answering, to exercise timeouts


@dataclasses.dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]


class _Handler(http.server.BaseHTTPRequestHandler):
    # Set per server by serve(), on a subclass of its own.
    routes: dict[str, Route]
    requests: list[RecordedRequest]

    def do_GET(self) -> None:
        self.requests.append(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.routes.get(self.path, Route(status=404, body=b"not found"))
        if route.delay_seconds:
            time.sleep(route.delay_seconds)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(route.body)

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(routes: dict[str, Route]):
    """Yield (base_url, recorded requests) while a server answers `routes`."""
    handler = type("Handler", (_Handler,), {"routes": routes, "requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()
