"""API fixtures: one app per test module, the analyzer loaded once through the lifespan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.helpers import database_url_for_tests


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a fresh SQLite database for each test module (or the PostgreSQL database
    named by BIENBAN_TEST_DATABASE_URL, emptied first)."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"), database_url=database_url_for_tests())


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    # TestClient re-raises server exceptions: an error that escaped our own 500 handling
    # fails the test instead of passing unnoticed.
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def app(client: TestClient) -> FastAPI:
    application = client.app
    assert isinstance(application, FastAPI)
    return application


@pytest.fixture
def overrides(app: FastAPI) -> Iterator[dict[Any, Any]]:
    """``app.dependency_overrides`` for one test, restored afterwards."""
    saved = dict(app.dependency_overrides)
    yield app.dependency_overrides
    app.dependency_overrides.clear()
    app.dependency_overrides.update(saved)
