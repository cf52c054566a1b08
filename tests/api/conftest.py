"""API fixtures: one app per test module, the analyzer loaded once through the lifespan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # TestClient re-raises server exceptions: an error that escaped our own 500 handling
    # fails the test instead of passing unnoticed.
    with TestClient(create_app(Settings())) as test_client:
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
