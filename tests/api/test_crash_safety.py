"""Crash safety: the server is killed (SIGKILL) while uploads are in flight; after a restart,
every analysis it had confirmed with 201 is there, whole, and the database is consistent.

Runs on SQLite (WAL, synchronous=FULL) here and on PostgreSQL in CI.
"""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import create_engine, text

from tests.api.helpers import database_url_for_tests
from tests.server import running_server

CLIENTS = 6
CONFIRMED_BEFORE_KILL = 8


def minutes(n: int) -> str:
    """A distinct small document per upload (so none is deduplicated)."""
    return (
        f"BIÊN BẢN HỌP CHI BỘ SỐ {n}\nThời gian: 8 giờ ngày 05/03/2025.\n"
        f"Đ/c Lan phát biểu: đề nghị sửa {n} mái nhà văn hóa thôn trước mùa mưa.\n"
        f"Đ/c Hùng kết luận: giao đồng chí Lan lập dự toán trước ngày {1 + n % 28}/04/2025.\n"
    )


def upload_until_stopped(
    url: str, first: int, stop: threading.Event, confirmed: dict[str, str], lock: threading.Lock
) -> None:
    n = first
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            body = minutes(n)
            try:
                response = client.post(
                    f"{url}/api/v1/analyses", json={"text": body, "filename": f"bb-{n}.txt"}
                )
            except httpx.HTTPError:
                return  # the server is gone
            if response.status_code == 201:
                with lock:
                    confirmed[response.json()["id"]] = body
            n += CLIENTS


@pytest.mark.slow
def test_confirmed_uploads_survive_sigkill(tmp_path: Path) -> None:
    database = database_url_for_tests() or ""
    env = {"BIENBAN_DATABASE_URL": database, "BIENBAN_ANALYSIS_THREADS": "2"}
    confirmed: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()
    with running_server(tmp_path, env) as server:
        threads = [
            threading.Thread(
                target=upload_until_stopped, args=(server.url, i, stop, confirmed, lock)
            )
            for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while len(confirmed) < CONFIRMED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # uploads are still in flight: some analysed, some being written
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert len(confirmed) >= CONFIRMED_BEFORE_KILL

    with running_server(tmp_path, env) as server, httpx.Client(timeout=30) as client:
        for analysis_id, body in confirmed.items():
            response = client.get(f"{server.url}/api/v1/analyses/{analysis_id}")
            assert response.status_code == 200, analysis_id
            stored = response.json()
            assert stored["sha256"] == hashlib.sha256(body.encode()).hexdigest()
            assert stored["analysis"]["text"].startswith(body.splitlines()[0])
        listed = client.get(f"{server.url}/api/v1/analyses", params={"page_size": 100}).json()
        assert listed["total"] >= len(confirmed)

    url = database or f"sqlite:///{tmp_path / 'bienban.db'}"
    engine = create_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        # One transaction per upload: never a file without its analysis, or the reverse.
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM documents d LEFT JOIN analyses a ON a.document_id = d.id "
                "WHERE a.id IS NULL"
            )
        ).scalar()
        assert orphans == 0
        assert connection.execute(text("SELECT count(*) FROM analyses")).scalar() == listed["total"]
    engine.dispose()
