"""A 200 MB upload against the real server: refused early (413) without reading it all, and
without the server's memory growing with it. Sockets, not TestClient: TestClient reads the
whole body before the app sees it."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import ServerProcess, running_server

MB = 1024 * 1024
HUGE = 200 * MB
DEFAULT_LIMIT = 20 * MB


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(tmp_path_factory.mktemp("limits")) as running:
        yield running


def _connect(server: ServerProcess) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=30)


def _status(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def _peak_rss_mb(server: ServerProcess) -> float:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _send_until_answered(sock: socket.socket, chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send chunks until the server answers (or the body ends); returns (reply, bytes sent)."""
    sent = 0
    for chunk in chunks:
        readable, _, _ = select.select([sock], [], [], 0)
        if readable:
            break
        try:
            sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(chunk)
    sock.settimeout(30)
    return sock.recv(65536), sent


def test_declared_200_mb_is_refused_at_once(server: ServerProcess) -> None:
    with _connect(server) as sock:
        started = time.monotonic()
        sock.sendall(
            b"POST /api/v1/analyses HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=zz\r\n"
            + f"Content-Length: {HUGE}\r\n\r\n".encode()
        )
        reply, sent = _send_until_answered(sock, (b"z" * MB for _ in range(HUGE // MB)))
        elapsed = time.monotonic() - started
    print(f"declared 200 MB: answered after {sent / MB:.0f} MB sent, {elapsed:.2f} s")
    assert _status(reply) == 413
    assert b"input_too_large" in reply
    assert sent < 40 * MB  # nowhere near the 200 MB it announced
    assert elapsed < 10


def test_streamed_200_mb_stops_near_the_limit(server: ServerProcess) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        piece = b"x" * MB
        for _ in range(HUGE // MB):
            yield b"%x\r\n%s\r\n" % (len(piece), piece)

    with _connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        first = next(chunk := chunks())
        sock.sendall(b"%x\r\n%s\r\n" % (len(first), first))
        reply, sent = _send_until_answered(sock, chunk)
    print(
        f"streamed 200 MB: answered after {sent / MB:.0f} MB sent, peak RSS "
        f"{_peak_rss_mb(server):.0f} MB"
    )
    assert _status(reply) == 413
    # Stopped once the body passed the 20 MB limit; socket buffers hold a few MB more.
    assert DEFAULT_LIMIT < sent < DEFAULT_LIMIT + 40 * MB
    assert _peak_rss_mb(server) < 1500
