"""Assertions shared by the API tests."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import create_engine, text


def assert_error(response: Any, status: int, code: str) -> str:
    """``response`` is ``status`` with the one error shape and ``code``; returns the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return str(body["error"]["message"])


def database_url_for_tests() -> str | None:
    """The PostgreSQL database named by BIENBAN_TEST_DATABASE_URL, emptied, or None (SQLite)."""
    url = os.environ.get("BIENBAN_TEST_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url
