"""The server's commands: ``serve`` (keys required off loopback), ``keys``, ``db``,
``reanalyze``; each against a database in a temporary folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app
from api.settings import Settings, get_settings
from tests.conftest import SAMPLES

KEY = re.compile(r"^bb_[A-Za-z0-9_-]{40,}$", re.MULTILINE)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every command of the test reads this data folder (and SQLite there)."""
    for name in ("HOST", "PORT", "DATABASE_URL", "REQUIRE_API_KEY", "MIGRATE_ON_START"):
        # Set then removed, so that whatever `serve` writes there is undone after the test.
        monkeypatch.setenv(f"BIENBAN_{name}", "")
        monkeypatch.delenv(f"BIENBAN_{name}")
    monkeypatch.setenv("BIENBAN_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.fixture
def runs(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake_run(target: str, **kwargs: Any) -> None:
        calls.append({"target": target, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def create_key(*args: str) -> str:
    result = invoke("keys", "create", *args)
    assert result.exit_code == 0, result.output
    match = KEY.search(result.stdout)
    assert match, result.output
    return match.group(0)


# --- serve -------------------------------------------------------------------------------------


def test_serve_defaults(runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke("serve")
    assert result.exit_code == 0, result.output
    assert runs == [
        {
            "target": "api.app:create_app",
            "factory": True,
            "host": "127.0.0.1",
            "port": 8000,
            "workers": 1,
        }
    ]
    # The database was migrated once; workers are told not to do it again.
    assert os.environ["BIENBAN_MIGRATE_ON_START"] == "0"
    assert "BIENBAN_REQUIRE_API_KEY" not in os.environ
    assert runs and (Path(os.environ["BIENBAN_DATA_DIR"]) / "bienban.db").exists()


def test_serve_options_and_environment(
    runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIENBAN_PORT", "9100")
    get_settings.cache_clear()
    result = invoke("serve", "--host", "::1", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert (runs[0]["host"], runs[0]["port"], runs[0]["workers"]) == ("::1", 9100, 2)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "bienban.example"])
def test_serve_on_a_network_address_needs_a_key(
    runs: list[dict[str, Any]], host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("serve", "--host", host)
    assert result.exit_code == 2
    assert runs == []
    assert "khóa API" in result.output and "bienban keys create" in result.output

    create_key("chi-bo-1")
    result = invoke("serve", "--host", host)
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == host
    assert os.environ["BIENBAN_REQUIRE_API_KEY"] == "1"


def test_serve_does_not_count_revoked_keys(runs: list[dict[str, Any]]) -> None:
    create_key("chi-bo-1")
    assert invoke("keys", "revoke", "1").exit_code == 0
    assert invoke("serve", "--host", "0.0.0.0").exit_code == 2
    assert runs == []


def test_serve_bad_environment(runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIENBAN_PORT", "tám nghìn")
    get_settings.cache_clear()
    result = invoke("serve")
    assert result.exit_code == 2
    assert "BIENBAN_PORT" in result.output
    assert runs == []


def test_unreachable_database_is_a_clear_error(
    runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIENBAN_DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1:1/none")
    get_settings.cache_clear()
    result = invoke("serve")
    assert result.exit_code == 2
    assert "cơ sở dữ liệu" in result.output and "Traceback" not in result.output
    monkeypatch.setenv("BIENBAN_DATABASE_URL", "not a url")
    get_settings.cache_clear()
    assert "không hợp lệ" in invoke("keys", "list").output


# --- keys --------------------------------------------------------------------------------------


def test_keys_create_list_revoke(data_dir: Path) -> None:
    key = create_key("chi-bo-1", "--name", "thư ký", "--org-name", "Chi bộ 1")
    reader = create_key("chi-bo-1", "--read-only")
    create_key("doan-truong")
    listed = invoke("keys", "list", "--org", "chi-bo-1")
    assert listed.exit_code == 0
    assert "thư ký" in listed.output and "chỉ xem" in listed.output
    assert key not in listed.output and reader not in listed.output  # only a prefix is shown
    assert "doan-truong" not in listed.output

    settings = Settings(data_dir=data_dir, require_api_key=True)
    with TestClient(create_app(settings)) as client:
        headers = {"Authorization": f"Bearer {key}"}
        assert client.get("/api/v1/analyses", headers=headers).status_code == 200
        assert invoke("keys", "revoke", "1").exit_code == 0
        assert client.get("/api/v1/analyses", headers=headers).status_code == 401
    assert invoke("keys", "revoke", "99").exit_code == 2


@pytest.mark.parametrize("slug", ["Chi Bộ", "local", "đội-1", "a" * 65, "chi_bo"])
def test_keys_create_refuses_bad_organisation_names(data_dir: Path, slug: str) -> None:
    result = invoke("keys", "create", slug)
    assert result.exit_code == 2
    assert "không hợp lệ" in result.output


def test_keys_are_stored_hashed(data_dir: Path) -> None:
    key = create_key("chi-bo-1")
    assert key.encode() not in (data_dir / "bienban.db").read_bytes()


# --- db and reanalyze --------------------------------------------------------------------------


def test_db_upgrade_reports_the_revision(data_dir: Path) -> None:
    result = invoke("db", "upgrade")
    assert result.exit_code == 0
    assert "0001" in result.output


def test_reanalyze_recomputes_stored_analyses(data_dir: Path) -> None:
    key = create_key("chi-bo-1")
    with TestClient(create_app(Settings(data_dir=data_dir))) as client:
        headers = {"X-API-Key": key}
        docx = (SAMPLES / "chi-bo-chuyen-de-quy-3.docx").read_bytes()
        first = client.post(
            "/api/v1/analyses", files={"file": ("a.docx", docx)}, headers=headers
        ).json()
        text = client.post(
            "/api/v1/analyses", json={"text": "Đ/c Lan: đề nghị sửa mái nhà văn hóa."}
        ).json()
        result = invoke("reanalyze", "--org", "chi-bo-1")
        assert result.exit_code == 0, result.output
        assert "1 bản" in result.output
        after = client.get(f"/api/v1/analyses/{first['id']}", headers=headers).json()
        assert after["updated_at"] > first["updated_at"]
        assert after["created_at"] == first["created_at"]
        assert after["analysis"] == first["analysis"]  # same models, same analysis
        result = invoke("reanalyze", text["id"])
        assert result.exit_code == 0 and "1 bản" in result.output
        assert (
            client.get(f"/api/v1/analyses/{text['id']}").json()["updated_at"] > text["updated_at"]
        )
