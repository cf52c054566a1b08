"""Schema fuzzing with schemathesis: requests generated from the app's own OpenAPI document,
valid and invalid, with a valid key, with another organisation's key and without a key.

No response may be a 5xx, and every response must match the documented status codes, media
types, headers and schemas. The check that schema-valid data is accepted is left out: the schema
cannot say that a file must be readable minutes, so a valid-looking PNG is rightly refused.

Examples per operation: BIENBAN_FUZZ_EXAMPLES (default 25); BIENBAN_FUZZ_RANDOM=1 draws new
cases on each run instead of the fixed CI set. The long run is in docs/robustness.md.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from api.app import create_app
from api.settings import Settings
from tests.api.helpers import database_url_for_tests

EXAMPLES = int(os.environ.get("BIENBAN_FUZZ_EXAMPLES", "25"))
MINUTES = (
    "BIÊN BẢN HỌP CHI BỘ\nThời gian: 8 giờ ngày 05/03/2025.\n"
    "Đ/c Lan phát biểu: đề nghị sửa mái nhà văn hóa thôn trước mùa mưa.\n"
)


class Server:
    def __init__(self, client: TestClient) -> None:
        store = client.app.state.store  # type: ignore[attr-defined]
        self.client = client
        self.key_a = store.create_key("org-a").key
        self.key_b = store.create_key("org-b").key
        self.reader_a = store.create_key("org-a", can_write=False).key
        headers = {"Authorization": f"Bearer {self.key_a}"}
        created = client.post("/api/v1/analyses", json={"text": MINUTES}, headers=headers)
        assert created.status_code == 201
        self.analysis_a = created.json()["id"]


# The schema is read from the app when the module is collected; the app's lifespan (database,
# analyzer) starts in the fixture below, before the first case is sent.
_DATA = Path(tempfile.mkdtemp(prefix="bienban-fuzz-"))
APP = create_app(
    Settings(
        data_dir=_DATA,
        database_url=os.environ.get("BIENBAN_TEST_DATABASE_URL"),
        require_api_key=True,
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    database_url_for_tests()  # an empty PostgreSQL database when CI names one
    try:
        with TestClient(APP) as client:
            yield Server(client)
    finally:
        shutil.rmtree(_DATA, ignore_errors=True)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    # The same cases on every CI run; BIENBAN_FUZZ_RANDOM=1 for a randomised long run.
    derandomize=os.environ.get("BIENBAN_FUZZ_RANDOM") != "1",
)


def _documented_method(case: Any) -> bool:
    """False for the cases that try a method the path does not have (those get 405 first)."""
    return bool(case.method.upper() == case.operation.method.upper())


def _call(case: Any, headers: dict[str, str]) -> Any:
    excluded = [positive_data_acceptance]
    if case.media_type == "multipart/form-data":
        # Every multipart field is text: a roster "-363227" that schemathesis meant as an
        # integer is a valid (if odd) roster, so "invalid data accepted" cannot be judged there.
        excluded.append(negative_data_rejection)
    return case.call_and_validate(headers=headers, excluded_checks=excluded)


@schema.parametrize()
@FUZZ
def test_with_a_valid_key(case: Any, server: Server) -> None:
    _call(case, {"Authorization": f"Bearer {server.key_a}"})


@schema.parametrize()
@FUZZ
def test_with_a_read_only_key(case: Any, server: Server) -> None:
    _call(case, {"X-API-Key": server.reader_a})


@schema.parametrize()
@FUZZ
def test_without_a_key(case: Any, server: Server) -> None:
    case.headers = {
        name: value
        for name, value in (case.headers or {}).items()
        if name.lower() not in ("authorization", "x-api-key")
    }
    response = _call(case, {})
    if case.path not in ("/healthz", "/readyz") and _documented_method(case):
        assert response.status_code == 401


@schema.parametrize()
@FUZZ
def test_another_organisation_never_sees_the_analysis(case: Any, server: Server) -> None:
    if "{analysis_id}" not in case.path:
        return
    case.path_parameters = {"analysis_id": server.analysis_a}
    response = _call(case, {"Authorization": f"Bearer {server.key_b}"})
    if _documented_method(case):
        assert response.status_code in (404, 422), response.text
    assert server.analysis_a not in response.text
