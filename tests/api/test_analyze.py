"""``POST /api/v1/analyze``: JSON and multipart input, reports, and every error code."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import random
import threading
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from analyzer.pipeline import analyze as analyze_text
from api.errors import ApiError
from api.service import DOCX_MEDIA_TYPE, AnalyzerService
from api.settings import Settings, get_settings
from api.store import Upload
from tests.api.helpers import assert_error
from tests.conftest import SAMPLES

URL = "/api/v1/analyze"
MINUTES = (
    "BIÊN BẢN HỌP CHI ĐOÀN\n"
    "Thời gian: 14 giờ ngày 10/10/2025. Chủ trì: đồng chí Nguyễn Văn Hùng.\n"
    "Đ/c Lan phát biểu: đề nghị tổ chức thêm buổi sinh hoạt chuyên đề về chuyển đổi số.\n"
    "Đ/c Hùng kết luận: giao đồng chí Lan chuẩn bị kế hoạch trước ngày 20/10/2025.\n"
)
SAMPLE_FORMATS = {
    "chi-bo-chuyen-de-quy-3.docx": "docx",
    "chi-bo-dinh-ky-thang-3.pdf": "pdf",
    "hop-hoi-dong-su-pham.txt": "txt",
    "hop-nhom-du-an.vtt": "vtt",
    "chi-doan-thang-10.srt": "srt",
}
ABSENT_NAME = "Phạm Thị Kiểm Tra"


def upload(
    client: TestClient,
    name: str,
    data: bytes,
    roster: str | None = None,
    fmt: str | None = None,
) -> Any:
    params = {"format": fmt} if fmt else None
    form = {"roster": roster} if roster is not None else None
    return client.post(URL, params=params, files={"file": (name, data)}, data=form)


def member_names(response: Any) -> set[str]:
    return {member["name"] for member in response.json()["members"]}


# --- success ---------------------------------------------------------------------------------


def test_json_body_returns_the_analysis_contract(client: TestClient) -> None:
    response = client.post(URL, json={"text": MINUTES})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]
    body = response.json()
    assert body["source"]["name"] == "text.txt"
    # Exactly the document the library and `bienban analyze` produce.
    assert body == analyze_text(MINUTES, name="text.txt").model_dump(mode="json")
    assert body["turns"] and body["items"]


def test_json_filename_selects_the_caption_format(client: TestClient) -> None:
    vtt = (SAMPLES / "hop-nhom-du-an.vtt").read_text(encoding="utf-8")
    response = client.post(URL, json={"text": vtt, "filename": "hop.vtt"})
    assert response.status_code == 200, response.text
    assert response.json()["source"] == {
        "name": "hop.vtt",
        "format": "vtt",
        "sha256": hashlib.sha256(vtt.encode()).hexdigest(),
    }


@pytest.mark.parametrize(("name", "fmt"), sorted(SAMPLE_FORMATS.items()))
def test_upload_each_sample(client: TestClient, name: str, fmt: str) -> None:
    data = (SAMPLES / name).read_bytes()
    response = upload(client, name, data)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["schema_version"] == "1"
    assert body["source"] == {
        "name": name,
        "format": fmt,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert body["turns"] and body["members"]


def test_upload_keeps_only_the_base_name(client: TestClient) -> None:
    response = upload(client, "C:\\Users\\thu ky\\bien-ban.txt", MINUTES.encode())
    assert response.status_code == 200, response.text
    assert response.json()["source"]["name"] == "bien-ban.txt"


def test_roster_field_adds_silent_members(client: TestClient) -> None:
    roster = f"# danh sách chi đoàn\n1. Nguyễn Văn Hùng, Bí thư\n\n2. {ABSENT_NAME}\n"
    response = upload(client, "bien-ban.txt", MINUTES.encode(), roster=roster)
    assert response.status_code == 200, response.text
    members = {m["name"]: m for m in response.json()["members"]}
    assert members[ABSENT_NAME]["spoke"] is False
    assert "Bí thư" in members["Nguyễn Văn Hùng"]["roles"]
    assert ABSENT_NAME not in member_names(upload(client, "bien-ban.txt", MINUTES.encode()))


def test_roster_as_an_uploaded_file(client: TestClient) -> None:
    response = client.post(
        URL,
        files={
            "file": ("bien-ban.txt", MINUTES.encode()),
            "roster": ("thanh-vien.txt", f"\ufeff{ABSENT_NAME}\n".encode()),
        },
    )
    assert response.status_code == 200, response.text
    assert ABSENT_NAME in member_names(response)


def test_roster_in_json(client: TestClient) -> None:
    response = client.post(URL, json={"text": MINUTES, "roster": [ABSENT_NAME, "  "]})
    assert response.status_code == 200, response.text
    assert ABSENT_NAME in member_names(response)


@pytest.mark.parametrize(
    ("fmt", "media_type", "marker"),
    [
        ("md", "text/markdown; charset=utf-8", "## Thông tin cuộc họp"),
        ("html", "text/html; charset=utf-8", "<!DOCTYPE html>"),
        ("json", "application/json", '"schema_version"'),
    ],
)
def test_text_reports(client: TestClient, fmt: str, media_type: str, marker: str) -> None:
    response = upload(client, "bien-ban.txt", MINUTES.encode(), fmt=fmt)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert marker.lower() in response.text.lower()


def test_docx_report_reopens_in_python_docx(client: TestClient) -> None:
    name = "chi-bo-chuyen-de-quy-3.docx"
    response = upload(client, name, (SAMPLES / name).read_bytes(), fmt="docx")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX_MEDIA_TYPE
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="chi-bo-chuyen-de-quy-3-bao-cao.docx"')
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tóm tắt cuộc họp" in text


def test_docx_report_of_json_text_with_a_vietnamese_name(client: TestClient) -> None:
    response = client.post(
        URL, params={"format": "docx"}, json={"text": MINUTES, "filename": "Biên bản họp.txt"}
    )
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert 'filename="Bien-ban-hop-bao-cao.docx"' in disposition
    assert "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp-bao-cao.docx" in disposition
    docx.Document(io.BytesIO(response.content))


# --- 413 -------------------------------------------------------------------------------------


@pytest.fixture
def small_limit(overrides: dict[Any, Any]) -> int:
    limit = 1000
    overrides[get_settings] = lambda: Settings(max_upload_bytes=limit)
    return limit


def test_413_file_over_the_limit(client: TestClient, small_limit: int) -> None:
    assert upload(client, "a.txt", MINUTES.encode()[:small_limit]).status_code == 200
    response = upload(client, "a.txt", b"x" * (small_limit + 1))
    assert "1000 byte" in assert_error(response, 413, "input_too_large")


def test_413_from_content_length_before_reading(client: TestClient, small_limit: int) -> None:
    response = upload(client, "a.txt", b"x" * (1024 * 1024))
    assert_error(response, 413, "input_too_large")


def test_413_chunked_body_without_content_length(client: TestClient, small_limit: int) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 10_000
        yield b'"}'

    response = client.post(URL, content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413, "input_too_large")


def test_413_text_over_the_analyzer_limit(client: TestClient) -> None:
    response = client.post(URL, json={"text": "họp " * 260_000})
    assert_error(response, 413, "input_too_large")


# --- 415 -------------------------------------------------------------------------------------


def test_415_png_upload(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert_error(upload(client, "anh.png", png), 415, "unsupported_format")


def test_415_old_word_document(client: TestClient) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 512
    assert_error(upload(client, "bien-ban.doc", ole), 415, "unsupported_format")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_415_unsupported_media_type(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post(URL, content=MINUTES.encode(), headers=headers)
    assert_error(response, 415, "unsupported_media_type")


# --- 422 -------------------------------------------------------------------------------------


def _corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("rong.txt", b"", "empty_input"),
        ("trang.txt", b" \n\t\n ", "empty_input"),
        ("hong.docx", _corrupt_docx(), "corrupt_document"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "corrupt_document"),
        ("hong.pdf", b"%PDF-1.4\n garbage garbage", "corrupt_document"),
        ("nhi-phan.txt", bytes(range(32)) * 64, "undecodable_text"),
        ("phu-de.vtt", "Đây không phải phụ đề".encode(), "corrupt_document"),
    ],
)
def test_422_unreadable_documents(client: TestClient, name: str, data: bytes, code: str) -> None:
    message = assert_error(upload(client, name, data), 422, code)
    assert name in message


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{not json", "JSON"),
        (b"[]", "nội dung"),
        (b'{"filename": "a.txt"}', "text bị thiếu"),
        (b'{"text": 5}', "text không hợp lệ"),
        (b'{"text": null}', "text không hợp lệ"),
        (b'{"text": "a", "roster": "Nguyen Van A"}', "roster không hợp lệ"),
        (b'{"text": "a", "roster": [1, 2]}', "roster.0 không hợp lệ"),
        (b'{"text": "\\ud800 lone surrogate"}', "JSON"),
        (b'{"text": "a", "filename": "' + b"x" * 300 + b'"}', "filename"),
    ],
)
def test_422_bad_json(client: TestClient, body: bytes, field: str) -> None:
    response = client.post(URL, content=body, headers={"content-type": "application/json"})
    assert field in assert_error(response, 422, "invalid_request")


def test_422_json_text_empty(client: TestClient) -> None:
    assert_error(client.post(URL, json={"text": "   "}), 422, "empty_input")


def test_422_unknown_report_format(client: TestClient) -> None:
    response = client.post(URL, params={"format": "pdf"}, json={"text": MINUTES})
    assert "format" in assert_error(response, 422, "invalid_request")


def test_422_multipart_without_file(client: TestClient) -> None:
    response = client.post(URL, data={"roster": ABSENT_NAME}, files={"other": ("a.txt", b"x")})
    assert "file" in assert_error(response, 422, "invalid_request")


def test_422_file_field_sent_as_text(client: TestClient) -> None:
    response = client.post(URL, data={"file": MINUTES}, files={"other": ("a.txt", b"x")})
    assert_error(response, 422, "invalid_request")


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=zz"],
)
def test_422_malformed_multipart(client: TestClient, content_type: str) -> None:
    response = client.post(URL, content=b"--zz\r\nbroken", headers={"content-type": content_type})
    assert_error(response, 422, "invalid_request")


def test_422_roster_file_not_utf8(client: TestClient) -> None:
    response = client.post(
        URL,
        files={"file": ("a.txt", MINUTES.encode()), "roster": ("r.txt", "Hùng".encode("utf-16"))},
    )
    assert_error(response, 422, "invalid_roster")


def test_422_roster_too_long(client: TestClient) -> None:
    names = "\n".join(f"Thành viên {i}" for i in range(1001))
    assert_error(upload(client, "a.txt", MINUTES.encode(), roster=names), 422, "invalid_roster")
    long_name = "Nguyễn " * 100
    assert_error(upload(client, "a.txt", MINUTES.encode(), roster=long_name), 422, "invalid_roster")


# --- user input never causes a 500 -----------------------------------------------------------

HOSTILE_UPLOADS = [
    ("a.txt", "Đ/c Lan: ý kiến".encode("utf-16")),
    ("a.txt", b"\xd0/c Lan: \xf0\xf4\xccng y\xec"),  # Windows-1258
    ("a.txt", b"\x00" * 100),
    ("a.txt", b"\xff" * 100),
    ("a.md", "# " + "Đ/c Lan: " * 300),
    ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")),
    ("a.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    ("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n"),
    ("a.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v >\n"),
    ("", "Chủ trì: Đ/c Hùng\nĐ/c Lan: nhất trí"),
    ("khong-duoi", b"PK\x03\x04" + b"\x00" * 100),
    ("a.zip", b"PK\x05\x06" + b"\x00" * 18),
    ("a.txt\x00.exe", b"Noi dung khong dau. Dong chi Lan: nhat tri."),
]


@pytest.mark.parametrize(("name", "data"), HOSTILE_UPLOADS)
def test_hostile_uploads_never_500(client: TestClient, name: str, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    response = upload(client, name, raw, roster="\x00\ud7ff,,,\n,chỉ chức vụ")
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}


def test_random_bytes_never_500(client: TestClient) -> None:
    rng = random.Random(0)
    for i in range(12):
        data = rng.randbytes(rng.randint(1, 3000))
        if i % 3 == 0:
            data = b"PK\x03\x04" + data
        name = f"r{i}" + rng.choice([".txt", ".docx", ".pdf", ".vtt", ".srt", ".md", ""])
        response = upload(client, name, data)
        assert response.status_code < 500, (name, response.text)


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "\u202e\u0000 Đ/c: :\n" * 50},
        {"text": "WEBVTT\n\n" + "00:00.000 --> 00:01.000\n<v A>x</v>\n\n" * 200},
        {"text": "Đ/c " * 2000},
        {"text": MINUTES, "filename": "../../etc/passwd"},
        {"text": MINUTES, "filename": ""},
        {"text": MINUTES, "roster": [",", "#", "1.", "Đ/c Lan, , ,"]},
        {"text": "💬 " * 1000},
    ],
)
def test_hostile_json_never_500(client: TestClient, payload: dict[str, Any]) -> None:
    response = client.post(URL, json=payload)
    assert response.status_code < 500, response.text
    if response.status_code == 200:
        assert "/" not in response.json()["source"]["name"]


# --- 500 and 503 -----------------------------------------------------------------------------


def test_500_internal_error_reveals_nothing(
    client: TestClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    secret = "SECRET contents of the minutes"

    def broken(upload: Upload) -> Any:
        raise RuntimeError(secret)

    monkeypatch.setattr(app.state.service, "analyze", broken)
    with caplog.at_level(logging.DEBUG):
        response = client.post(URL, json={"text": MINUTES}, headers={"X-Request-ID": "req-42"})
    message = assert_error(response, 500, "internal_error")
    assert secret not in response.text and "Traceback" not in response.text
    assert "RuntimeError" not in message
    assert response.headers["x-request-id"] == "req-42"
    assert secret not in caplog.text and "Traceback" not in caplog.text
    records = [r for r in caplog.records if r.name == "bienban.api"]
    assert len(records) == 1 and records[0].exc_info is None
    assert "RuntimeError" in records[0].getMessage() and "req-42" in records[0].getMessage()


def test_503_timeout(
    client: TestClient,
    app: FastAPI,
    overrides: dict[Any, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    overrides[get_settings] = lambda: Settings(request_timeout_s=0.2)
    release = threading.Event()

    def slow(upload: Upload) -> Any:
        release.wait(10)
        raise RuntimeError("never reaches the client")

    monkeypatch.setattr(app.state.service, "analyze", slow)
    try:
        response = client.post(URL, json={"text": MINUTES})
    finally:
        release.set()
    assert "0.2 giây" in assert_error(response, 503, "timeout")


def test_503_busy_when_every_thread_and_waiting_place_is_taken() -> None:
    service = AnalyzerService(threads=1, max_waiting=1)
    service.load()
    release = threading.Event()

    async def scenario() -> ApiError:
        running = asyncio.create_task(service.run(lambda: release.wait(10), 30))
        waiting = asyncio.create_task(service.run(lambda: release.wait(10), 30))
        await asyncio.sleep(0.05)
        with pytest.raises(ApiError) as busy:
            await service.run(lambda: None, 30)
        release.set()
        await running
        await waiting
        assert await service.run(lambda: 42, 30) == 42  # room again once they are done
        return busy.value

    try:
        error = asyncio.run(scenario())
    finally:
        release.set()
        service.close()
    assert (error.status, error.code) == (503, "busy")
    assert error.headers["Retry-After"] == "10"


def test_503_while_the_analyzer_loads() -> None:
    from api.app import create_app

    # Without entering the client, the lifespan (which loads the analyzer) does not run.
    response = TestClient(create_app(Settings())).post(URL, json={"text": MINUTES})
    assert_error(response, 503, "not_ready")


def test_json_response_is_valid_utf8_json(client: TestClient) -> None:
    response = client.post(URL, json={"text": MINUTES})
    json.loads(response.content.decode("utf-8"))
