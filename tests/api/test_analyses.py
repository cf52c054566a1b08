"""``/api/v1/analyses``: stored analyses, deduplication, lists, reports, deletion, and keys.

Every test module gets its own database (SQLite in a temporary folder, or the PostgreSQL
database named by BIENBAN_TEST_DATABASE_URL in CI).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.api.helpers import assert_error
from tests.conftest import SAMPLES

URL = "/api/v1/analyses"
SAMPLE_NAMES = [
    "chi-bo-chuyen-de-quy-3.docx",
    "chi-bo-dinh-ky-thang-3.pdf",
    "hop-hoi-dong-su-pham.txt",
    "hop-nhom-du-an.vtt",
    "chi-doan-thang-10.srt",
]
MINUTES = (
    "BIÊN BẢN HỌP CHI ĐOÀN\n"
    "Thời gian: 14 giờ ngày 10/10/2025. Chủ trì: đồng chí Nguyễn Văn Hùng.\n"
    "Đ/c Lan phát biểu: đề nghị tổ chức thêm buổi sinh hoạt chuyên đề về chuyển đổi số.\n"
    "Đ/c Hùng kết luận: giao đồng chí Lan chuẩn bị kế hoạch trước ngày 20/10/2025.\n"
)
INFO_FIELDS = {
    "id",
    "filename",
    "sha256",
    "kind",
    "title",
    "meeting_date",
    "members_present",
    "members_spoke",
    "score_points",
    "schema_version",
    "analyzer_version",
    "created_at",
    "updated_at",
}


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def post_file(
    client: TestClient, name: str, data: bytes, roster: str | None = None, **headers: str
) -> Any:
    form = {"roster": roster} if roster is not None else None
    return client.post(URL, files={"file": (name, data)}, data=form, headers=headers)


def clear(client: TestClient, **headers: str) -> None:
    while items := client.get(URL, params={"page_size": 100}, headers=headers).json()["items"]:
        for item in items:
            assert client.delete(f"{URL}/{item['id']}", headers=headers).status_code == 204


@pytest.fixture
def empty(client: TestClient) -> TestClient:
    """The module's client with no stored analysis for the local organisation."""
    clear(client)
    return client


# --- create, read, dedupe ----------------------------------------------------------------------


def test_create_stores_the_analysis(empty: TestClient) -> None:
    data = sample("chi-bo-chuyen-de-quy-3.docx")
    response = post_file(empty, "chi-bo-chuyen-de-quy-3.docx", data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == INFO_FIELDS | {"analysis"}
    assert response.headers["location"] == f"{URL}/{body['id']}"
    assert body["filename"] == "chi-bo-chuyen-de-quy-3.docx"
    assert body["kind"] == body["analysis"]["meeting"]["kind"] == "chi_bo_thematic"
    assert body["meeting_date"] == body["analysis"]["meeting"]["date"]
    assert body["members_spoke"] == body["analysis"]["metrics"]["members_spoke"]
    assert body["schema_version"] == "1" and "+items" in body["analyzer_version"]
    # The stored analysis is the one the stateless endpoint computes for the same file.
    stateless = empty.post(
        "/api/v1/analyze", files={"file": ("chi-bo-chuyen-de-quy-3.docx", data)}
    ).json()
    assert body["analysis"] == stateless

    fetched = empty.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == body


def test_same_file_twice_returns_the_stored_analysis(empty: TestClient) -> None:
    data = sample("hop-hoi-dong-su-pham.txt")
    first = post_file(empty, "a.txt", data)
    again = post_file(empty, "renamed.txt", data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["filename"] == "a.txt"  # the stored one
    # Another roster is another analysis of the same file.
    with_roster = post_file(empty, "a.txt", data, roster="Nguyễn Văn An\nTrần Thị Bình")
    assert with_roster.status_code == 201
    assert with_roster.json()["id"] != first.json()["id"]
    assert empty.get(URL).json()["total"] == 2


def test_control_characters_anywhere_are_stored_safely(empty: TestClient) -> None:
    # PostgreSQL text cannot hold NUL: names, rosters and text must still store (or be refused).
    text = MINUTES + "Đ/c Lan\x0b: đề nghị\x07 sửa mái nhà văn hóa thôn trước mùa mưa.\n"
    response = post_file(empty, "a\x00b.txt", text.encode(), roster="Lê Thị\x00 Lan\nAn\x01")
    assert response.status_code == 201, response.text
    assert "\x00" not in response.json()["filename"]
    nul = empty.post(URL, json={"text": MINUTES + "Đ/c Lan\x00: đề nghị sửa mái nhà."})
    assert nul.status_code in (201, 422), nul.text
    response = empty.post(URL, json={"text": text, "filename": "x\x00.md", "roster": ["A\x00"]})
    assert response.status_code == 201, response.text


def test_json_text_is_stored_too(empty: TestClient) -> None:
    response = empty.post(URL, json={"text": MINUTES, "filename": "hop.txt"})
    assert response.status_code == 201, response.text
    analysis = response.json()["analysis"]
    assert analysis["text"].startswith("BIÊN BẢN HỌP CHI ĐOÀN")
    again = empty.post(URL, json={"text": MINUTES, "filename": "hop.txt"})
    assert again.status_code == 200 and again.json()["id"] == response.json()["id"]


@pytest.mark.parametrize(
    ("fmt", "media_type", "marker"),
    [
        ("md", "text/markdown", b"# "),
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("json", "application/json", b'"schema_version":"1"'),
    ],
)
def test_reports(empty: TestClient, fmt: str, media_type: str, marker: bytes) -> None:
    created = empty.post(URL, json={"text": MINUTES}).json()
    response = empty.get(f"{URL}/{created['id']}/report", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert marker in response.content[:2000]


def test_docx_report_downloads(empty: TestClient) -> None:
    created = post_file(empty, "chi-doan-thang-10.srt", sample("chi-doan-thang-10.srt")).json()
    response = empty.get(f"{URL}/{created['id']}/report", params={"format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    document = docx.Document(io.BytesIO(response.content))
    assert document.tables


def test_report_default_is_markdown_and_bad_format_is_422(empty: TestClient) -> None:
    created = empty.post(URL, json={"text": MINUTES}).json()
    assert (
        empty.get(f"{URL}/{created['id']}/report")
        .headers["content-type"]
        .startswith("text/markdown")
    )
    response = empty.get(f"{URL}/{created['id']}/report", params={"format": "pdf"})
    assert_error(response, 422, "invalid_request")


def test_delete(empty: TestClient) -> None:
    created = empty.post(URL, json={"text": MINUTES}).json()
    assert empty.delete(f"{URL}/{created['id']}").status_code == 204
    assert_error(empty.get(f"{URL}/{created['id']}"), 404, "not_found")
    assert_error(empty.get(f"{URL}/{created['id']}/report"), 404, "not_found")
    assert_error(empty.delete(f"{URL}/{created['id']}"), 404, "not_found")
    # The file went with it: uploading it again makes a new analysis.
    again = empty.post(URL, json={"text": MINUTES})
    assert again.status_code == 201 and again.json()["id"] != created["id"]


def test_405_lists_every_allowed_method(empty: TestClient) -> None:
    response = empty.put(URL)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, POST"
    response = empty.patch(f"{URL}/x")
    assert response.headers["allow"] == "DELETE, GET"


@pytest.mark.parametrize("analysis_id", ["nope", "0" * 36, "../../etc/passwd", "%00", "é" * 40])
def test_unknown_ids_are_404(empty: TestClient, analysis_id: str) -> None:
    assert_error(empty.get(f"{URL}/{analysis_id}"), 404, "not_found")


# --- bad uploads store nothing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("empty.txt", b"", 422, "empty_input"),
        ("broken.docx", b"PK\x03\x04 not really a zip", 422, "corrupt_document"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, 415, "unsupported_format"),
    ],
)
def test_bad_upload_stores_nothing(
    empty: TestClient, name: str, data: bytes, status: int, code: str
) -> None:
    assert_error(post_file(empty, name, data), status, code)
    assert empty.get(URL).json()["total"] == 0


@pytest.mark.parametrize(
    ("files", "data", "payload"),
    [
        ({"file": ("a.txt", MINUTES.encode())}, {"extra": "x"}, None),
        ([("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))], None, None),
        (None, None, {"text": MINUTES, "fileName": "typo.txt"}),
    ],
)
def test_unknown_or_repeated_fields_are_refused(
    empty: TestClient, files: Any, data: Any, payload: Any
) -> None:
    response = empty.post(URL, files=files, data=data, json=payload)
    assert_error(response, 422, "invalid_request")
    assert empty.get(URL).json()["total"] == 0


def test_too_large_is_refused_before_analysis(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 1000})
    with TestClient(create_app(small)) as client:
        response = post_file(client, "big.txt", b"a" * 5000)
        assert_error(response, 413, "input_too_large")
        assert client.get(URL).json()["total"] == 0


# --- lists -------------------------------------------------------------------------------------


@pytest.fixture
def five(empty: TestClient) -> list[dict[str, Any]]:
    return [post_file(empty, name, sample(name)).json() for name in SAMPLE_NAMES]


def test_list_pages_cover_everything_once(empty: TestClient, five: list[dict[str, Any]]) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        body = empty.get(URL, params={"page": page, "page_size": 2}).json()
        assert (body["total"], body["page"], body["page_size"]) == (5, page, 2)
        assert set(body["items"][0]) == INFO_FIELDS
        seen += [item["id"] for item in body["items"]]
    assert sorted(seen) == sorted(item["id"] for item in five)
    assert empty.get(URL, params={"page": 4, "page_size": 2}).json()["items"] == []


def test_list_is_latest_meeting_first(empty: TestClient, five: list[dict[str, Any]]) -> None:
    dates = [item["meeting_date"] for item in empty.get(URL).json()["items"]]
    known = [date for date in dates if date is not None]
    assert known == sorted(known, reverse=True)
    assert dates[: len(known)] == known  # undated analyses come last


def test_list_filters(empty: TestClient, five: list[dict[str, Any]]) -> None:
    kinds = {item["kind"] for item in five}
    for kind in kinds:
        listed = empty.get(URL, params={"kind": kind}).json()
        assert listed["total"] == sum(item["kind"] == kind for item in five)
        assert {item["kind"] for item in listed["items"]} == {kind}
    dated = sorted(item["meeting_date"] for item in five if item["meeting_date"])
    assert len(dated) >= 2
    low, high = dated[0], dated[-2]
    listed = empty.get(URL, params={"date_from": low, "date_to": high}).json()
    assert sorted(item["meeting_date"] for item in listed["items"]) == dated[:-1]
    assert empty.get(URL, params={"date_from": "2999-01-01"}).json()["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "tea_party"},
        {"date_from": "31/12/2025"},
        {"date_to": "0"},
        {"date_to": "2025-02-30"},
        {"page": 0},
        {"page_size": 101},
        {"page_size": "mười"},
    ],
)
def test_list_rejects_bad_parameters(empty: TestClient, params: dict[str, Any]) -> None:
    assert_error(empty.get(URL, params=params), 422, "invalid_request")


# --- keys and organisations --------------------------------------------------------------------


class Keys:
    def __init__(self, client: TestClient) -> None:
        store = client.app.state.store  # type: ignore[attr-defined]
        self.a = store.create_key("org-a", name="thư ký").key
        self.a_reader = store.create_key("org-a", can_write=False).key
        self.b = store.create_key("org-b").key
        revoked = store.create_key("org-a")
        store.revoke_key(revoked.record.id)
        self.revoked = revoked.key


@pytest.fixture(scope="module")
def keyed(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A server that requires keys (as on a network address), with its own database."""
    required = settings.model_copy(
        update={"require_api_key": True, "data_dir": tmp_path_factory.mktemp("keyed")}
    )
    with TestClient(create_app(required)) as client:
        yield client


@pytest.fixture(scope="module")
def keys(keyed: TestClient) -> Keys:
    return Keys(keyed)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


ENDPOINTS = [
    ("GET", URL),
    ("POST", URL),
    ("GET", URL + "/{id}"),
    ("GET", URL + "/{id}/report"),
    ("DELETE", URL + "/{id}"),
]


@pytest.fixture
def stored_a(keyed: TestClient, keys: Keys) -> Iterator[str]:
    response = keyed.post(URL, json={"text": MINUTES}, headers=bearer(keys.a))
    assert response.status_code in (200, 201)
    yield response.json()["id"]
    keyed.delete(f"{URL}/{response.json()['id']}", headers=bearer(keys.a))


CREDENTIALS = {
    "none": ({}, "missing_api_key"),
    "unknown": ({"Authorization": "Bearer bb_not-a-real-key"}, "invalid_api_key"),
    "huge": ({"X-API-Key": "x" * 5000}, "invalid_api_key"),
    "basic": ({"Authorization": "Basic dXNlcjpwYXNz"}, "invalid_api_key"),
    "empty bearer": ({"Authorization": "Bearer", "X-API-Key": "bb_x"}, "invalid_api_key"),
    "revoked": (None, "invalid_api_key"),
    "revoked cookie": (None, "invalid_api_key"),
}


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize("credential", list(CREDENTIALS))
def test_every_endpoint_needs_a_valid_key(
    keyed: TestClient, keys: Keys, stored_a: str, method: str, path: str, credential: str
) -> None:
    headers, code = CREDENTIALS[credential]
    if credential == "revoked":
        headers = bearer(keys.revoked)
    elif credential == "revoked cookie":
        headers = {"Cookie": f"bienban_key={keys.revoked}"}
    kwargs: dict[str, Any] = {"json": {"text": MINUTES}} if method == "POST" else {}
    response = keyed.request(method, path.format(id=stored_a), headers=headers, **kwargs)
    assert_error(response, 401, code)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert stored_a not in response.text


def test_revoked_key_is_refused(keyed: TestClient, keys: Keys) -> None:
    assert_error(keyed.get(URL, headers=bearer(keys.revoked)), 401, "invalid_api_key")


def test_key_in_either_header(keyed: TestClient, keys: Keys, stored_a: str) -> None:
    for headers in (bearer(keys.a), {"X-API-Key": keys.a}):
        assert keyed.get(f"{URL}/{stored_a}", headers=headers).status_code == 200


def test_another_organisation_sees_nothing(keyed: TestClient, keys: Keys, stored_a: str) -> None:
    b = bearer(keys.b)
    assert stored_a not in [item["id"] for item in keyed.get(URL, headers=b).json()["items"]]
    assert_error(keyed.get(f"{URL}/{stored_a}", headers=b), 404, "not_found")
    assert_error(keyed.get(f"{URL}/{stored_a}/report", headers=b), 404, "not_found")
    assert_error(keyed.delete(f"{URL}/{stored_a}", headers=b), 404, "not_found")
    # Still there for its owner.
    assert keyed.get(f"{URL}/{stored_a}", headers=bearer(keys.a)).status_code == 200


def test_same_file_in_two_organisations_is_two_analyses(
    keyed: TestClient, keys: Keys, stored_a: str
) -> None:
    response = keyed.post(URL, json={"text": MINUTES}, headers=bearer(keys.b))
    assert response.status_code == 201
    assert response.json()["id"] != stored_a
    keyed.delete(f"{URL}/{response.json()['id']}", headers=bearer(keys.b))


def test_read_only_key(keyed: TestClient, keys: Keys, stored_a: str) -> None:
    reader = bearer(keys.a_reader)
    assert keyed.get(URL, headers=reader).json()["total"] >= 1
    assert keyed.get(f"{URL}/{stored_a}", headers=reader).status_code == 200
    assert keyed.get(f"{URL}/{stored_a}/report", headers=reader).status_code == 200
    assert_error(keyed.post(URL, json={"text": MINUTES}, headers=reader), 403, "read_only_key")
    assert_error(keyed.delete(f"{URL}/{stored_a}", headers=reader), 403, "read_only_key")


def test_keys_never_reach_the_log(keyed: TestClient, keys: Keys, caplog: Any) -> None:
    with caplog.at_level(logging.DEBUG):
        keyed.get(URL, headers=bearer(keys.a))
        keyed.get(URL, headers=bearer(keys.revoked))
        keyed.post(URL, json={"text": MINUTES + "bí mật"}, headers=bearer(keys.a))
    assert keys.a not in caplog.text and keys.revoked not in caplog.text
    assert "bí mật" not in caplog.text


def test_stateless_analyze_needs_a_key_too(keyed: TestClient, keys: Keys) -> None:
    assert_error(keyed.post("/api/v1/analyze", json={"text": MINUTES}), 401, "missing_api_key")
    ok = keyed.post("/api/v1/analyze", json={"text": MINUTES}, headers=bearer(keys.a_reader))
    assert ok.status_code == 200


def test_health_needs_no_key(keyed: TestClient) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200


def test_loopback_server_without_key_acts_for_the_local_organisation(
    empty: TestClient,
) -> None:
    store = empty.app.state.store  # type: ignore[attr-defined]
    key = store.create_key("org-c").key
    mine = empty.post(URL, json={"text": MINUTES}, headers=bearer(key)).json()["id"]
    listed = [item["id"] for item in empty.get(URL).json()["items"]]
    assert mine not in listed  # the local organisation is another organisation
    assert_error(empty.get(URL, headers=bearer("bb_wrong")), 401, "invalid_api_key")
