"""A real HTTP server on 127.0.0.1 for fetch tests: scripted routes, recorded requests.

A route is one Route, or a list of Routes answered in turn (the last one
repeats): `[Route(status=500), Route(body=feed)]` fails once, then serves.
A Route with an `etag` answers 304 to a request that presents it.
"""

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
    delay_seconds: float = 0.0  # sleep before answering, to exercise timeouts and concurrency
    etag: str = ""  # when set, sent as ETag, and If-None-Match with it gets a 304


@dataclasses.dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]


@dataclasses.dataclass
class ServerLog:
    requests: list[RecordedRequest] = dataclasses.field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Set per server by serve(), on a subclass of its own.
    routes: dict[str, Route | list[Route]]
    log: ServerLog
    served: dict[str, int]

    def _route(self) -> Route:
        route = self.routes.get(self.path.split("?", 1)[0], Route(status=404, body=b"not found"))
        if isinstance(route, list):
            with self.log.lock:
                turn = self.served.get(self.path, 0)
                self.served[self.path] = turn + 1
            route = route[min(turn, len(route) - 1)]
        return route

    def do_GET(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.log.lock:
            self.log.requests.append(RecordedRequest(self.path, headers))
            self.log.in_flight += 1
            self.log.max_in_flight = max(self.log.max_in_flight, self.log.in_flight)
        counted = True
        try:
            route = self._route()
            if route.delay_seconds:
                time.sleep(route.delay_seconds)
            status, body = route.status, route.body
            if route.etag and headers.get("if-none-match") == route.etag:
                status, body = 304, b""
            self.send_response(status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # Out of flight before the body goes out: once it has the body, the client frees its per-host
            # slot and may send its next request before this thread runs again, and counting until after
            # the write let two polite requests look like three.
            self._leave_flight()
            counted = False
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)
        finally:
            if counted:
                self._leave_flight()

    def _leave_flight(self) -> None:
        with self.log.lock:
            self.log.in_flight -= 1

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(routes: dict[str, Route | list[Route]], host: str = "127.0.0.1"):
    """Yield (base_url, log) while a server answers `routes`; log.requests lists what was asked.

    `host` may be any loopback address (127.0.0.2, ...) to stand for another site.
    """
    log = ServerLog()
    handler = type("Handler", (_Handler,), {"routes": routes, "log": log, "served": {}})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()
