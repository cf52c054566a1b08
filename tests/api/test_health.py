"""Probes, request ids, unknown routes, OpenAPI, CORS and settings."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.helpers import assert_error


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_once_loaded(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_readyz_503_before_the_lifespan_has_loaded_the_analyzer() -> None:
    fresh = TestClient(create_app(Settings()))  # not entered: no lifespan
    assert_error(fresh.get("/readyz"), 503, "not_ready")
    assert fresh.get("/healthz").status_code == 200


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    made = client.get("/healthz").headers["x-request-id"]
    assert len(made) == 32
    # A value that could forge log lines is replaced, not echoed.
    forged = client.get("/healthz", headers={"X-Request-ID": "a b\tc"}).headers["x-request-id"]
    assert forged != "a b\tc" and len(forged) == 32


def test_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/khong-co")
    assert_error(response, 404, "not_found")
    assert response.headers["x-request-id"]


def test_405_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/analyze")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "bienban"
    assert {"/healthz", "/readyz", "/api/v1/analyze"} <= set(spec["paths"])
    body = spec["paths"]["/api/v1/analyze"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    assert "Analysis" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_cors_off_by_default(client: TestClient) -> None:
    response = client.get("/healthz", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_when_origins_are_set() -> None:
    app = create_app(Settings(cors_origins=["https://bienban.example"]))
    client = TestClient(app)
    preflight = client.options(
        "/api/v1/analyze",
        headers={
            "Origin": "https://bienban.example",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://bienban.example"
    other = client.get("/healthz", headers={"Origin": "https://other.example"})
    assert "access-control-allow-origin" not in other.headers


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIENBAN_MAX_UPLOAD_BYTES", "1234")
    monkeypatch.setenv("BIENBAN_REQUEST_TIMEOUT_S", "2.5")
    monkeypatch.setenv("BIENBAN_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("BIENBAN_PORT", "9000")
    settings = Settings()
    assert settings.max_upload_bytes == 1234
    assert settings.request_timeout_s == 2.5
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.port == 9000
    monkeypatch.setenv("BIENBAN_CORS_ORIGINS", '["https://c.example"]')
    assert Settings().cors_origins == ["https://c.example"]


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAX_UPLOAD_BYTES", "REQUEST_TIMEOUT_S", "CORS_ORIGINS", "HOST", "PORT"):
        monkeypatch.delenv(f"BIENBAN_{name}", raising=False)
    settings = Settings()
    assert settings.max_upload_bytes == 20 * 1024 * 1024
    assert settings.request_timeout_s == 60
    assert settings.cors_origins == []
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_docs_page_uses_only_local_assets(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/docs")
    assert page.status_code == 200
    assert (
        "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text
    )
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "bienban"
