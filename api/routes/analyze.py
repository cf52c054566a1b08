"""``POST /api/v1/analyze``: analyse one document and return the result; nothing is stored.

The route only checks the request (type, size, fields) and hands the document to the service;
every problem with the document itself comes back from the analyzer as an ``AnalyzerError``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message

from analyzer.schema import Analysis
from api.deps import PrincipalDep, ReadyServiceDep, SettingsDep
from api.errors import ApiError, ErrorBody, describe_validation
from api.service import DOCX_MEDIA_TYPE, ReportFormat, render
from api.settings import Settings
from api.store import Upload

router = APIRouter(prefix="/api/v1", tags=["analyze"])

ROSTER_MAX_BYTES = 64 * 1024
ROSTER_MAX_NAMES = 1000
ROSTER_NAME_MAX_CHARS = 200
FILENAME_MAX_CHARS = 255
# Room for the multipart headers and the roster field on top of the file itself.
BODY_OVERHEAD = ROSTER_MAX_BYTES + 64 * 1024
_CHUNK = 256 * 1024
_NUMBERING = re.compile(r"^\d+[.)]?\s*")

RosterName = Annotated[str, StringConstraints(max_length=ROSTER_NAME_MAX_CHARS)]


class TextRequest(BaseModel):
    """JSON input: the text of the minutes or transcript, as it would be in a file."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored

    text: str = Field(description="Nội dung biên bản / the minutes or transcript text.")
    filename: Annotated[str, StringConstraints(max_length=FILENAME_MAX_CHARS)] = Field(
        default="text.txt",
        description="Tên tệp; đuôi .vtt/.srt/.md cho biết định dạng / a name whose extension "
        "hints the format.",
    )
    roster: list[RosterName] | None = Field(
        default=None,
        max_length=ROSTER_MAX_NAMES,
        description="Danh sách thành viên, mỗi phần tử 'Họ tên[, chức vụ]' / roster entries.",
    )


_UPLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["file"],
    "additionalProperties": False,
    "properties": {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "Biên bản / minutes: .docx, .pdf, .txt, .md, .vtt, .srt.",
        },
        "roster": {
            "type": "string",
            "description": "Danh sách thành viên, mỗi dòng một tên (có thể thêm ', chức vụ') / "
            "one member per line.",
        },
    },
}

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing_api_key, invalid_api_key"},
}
ANALYSIS_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorBody, "description": "input_too_large"},
    415: {"model": ErrorBody, "description": "unsupported_format, unsupported_media_type"},
    422: {
        "model": ErrorBody,
        "description": "invalid_request, empty_input, corrupt_document, encrypted_document, "
        "scanned_pdf, undecodable_text, invalid_roster",
    },
    503: {"model": ErrorBody, "description": "timeout, busy, not_ready"},
}

REPORT_CONTENT: dict[str, Any] = {
    "text/markdown": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
    DOCX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": _UPLOAD_SCHEMA},
            "application/json": {"schema": TextRequest.model_json_schema()},
        },
    }
}


@router.post(
    "/analyze",
    summary="Phân tích một biên bản / Analyse one document (stateless)",
    response_description="The analysis (JSON contract, schema_version 1) or the chosen report.",
    responses={
        200: {"model": Analysis, "content": REPORT_CONTENT},
        **AUTH_ERRORS,
        **ANALYSIS_ERRORS,
    },
    openapi_extra=UPLOAD_BODY,
)
async def analyze(
    request: Request,
    settings: SettingsDep,
    service: ReadyServiceDep,
    _principal: PrincipalDep,  # any valid key (or none on a loopback server); nothing is stored
    fmt: Annotated[
        ReportFormat,
        Query(
            alias="format",
            description="json (mặc định / default), md, html hoặc docx (báo cáo Word).",
        ),
    ] = ReportFormat.json,
) -> Response:
    """Tải lên một tệp (multipart: `file`, tùy chọn `roster`) hoặc gửi JSON `{text, filename,
    roster}`; nhận kết quả phân tích. Không lưu gì trên máy chủ.

    Upload a file (multipart `file`, optional `roster` text, one name per line) or send JSON
    `{"text", "filename", "roster"}`; get the analysis back. Nothing is stored.
    """
    upload = await read_input(request, settings)
    rendered = await service.run(
        lambda: render(service.analyze(upload), fmt), settings.request_timeout_s
    )
    return Response(rendered.body, media_type=rendered.media_type, headers=rendered.headers)


async def read_input(request: Request, settings: Settings) -> Upload:
    """The document of a request: a multipart upload or JSON text, within the size limit."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limited = _limit_body(request, settings.max_upload_bytes)
    if media_type == "multipart/form-data":
        data, filename, roster = await _read_upload(limited, settings.max_upload_bytes)
        return Upload(data, filename, roster or ())
    if media_type == "application/json" or media_type.endswith("+json"):
        body = await _read_json(limited)
        return Upload(
            body.text.encode("utf-8", "surrogatepass"),
            _filename(body.filename, "text.txt"),
            _roster(body.roster) or (),
            from_text=True,
        )
    raise ApiError(
        415,
        "unsupported_media_type",
        "Hãy gửi tệp dạng multipart/form-data (trường 'file') hoặc JSON "
        '{"text": ...} (Content-Type: application/json).',
    )


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "input_too_large", f"Dữ liệu gửi lên quá lớn (tối đa {_size(limit)}).")


def _size(n: int) -> str:
    mb = 1024 * 1024
    return f"{n / mb:g} MB" if n >= mb else f"{n} byte"


def _limit_body(request: Request, max_upload_bytes: int) -> Request:
    """The request with its body capped: refused at once on a larger Content-Length, and
    counted while it arrives (a chunked body has no Content-Length)."""
    limit = max_upload_bytes + BODY_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(max_upload_bytes)
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _too_large(max_upload_bytes)
        return message

    return Request(request.scope, receive)


async def _read_upload(request: Request, max_bytes: int) -> tuple[bytes, str, list[str] | None]:
    try:
        async with request.form(max_files=2, max_fields=8, max_part_size=ROSTER_MAX_BYTES) as form:
            unknown = sorted(set(form.keys()) - {"file", "roster"})
            if unknown or len(form.getlist("file")) > 1 or len(form.getlist("roster")) > 1:
                raise ApiError(
                    422,
                    "invalid_request",
                    "Biểu mẫu chỉ nhận một trường 'file' và một trường 'roster' (tùy chọn).",
                )
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(
                    422, "invalid_request", "Thiếu tệp cần phân tích (trường 'file' của biểu mẫu)."
                )
            data = await _read_limited(upload, max_bytes, _too_large(max_bytes))
            roster_field = form.get("roster")
            if isinstance(roster_field, UploadFile):
                roster_bytes = await _read_limited(
                    roster_field, ROSTER_MAX_BYTES, _roster_error("quá dài")
                )
                try:
                    roster_text = roster_bytes.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise _roster_error("không phải văn bản UTF-8") from None
            else:
                roster_text = roster_field or ""
            return data, _filename(upload.filename, "upload"), _roster(roster_text.splitlines())
    except StarletteHTTPException as exc:
        # Starlette's form parser reports malformed multipart data (and oversized fields) as 400.
        raise ApiError(
            422,
            "invalid_request",
            "Dữ liệu biểu mẫu multipart không hợp lệ (hoặc danh sách thành viên quá dài).",
        ) from exc


async def _read_limited(upload: UploadFile, limit: int, too_large: ApiError) -> bytes:
    """Read an uploaded part in chunks, stopping as soon as it passes ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_json(request: Request) -> TextRequest:
    body = await request.body()
    try:
        return TextRequest.model_validate_json(body)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", describe_validation(exc.errors())) from None


def _filename(name: str | None, default: str) -> str:
    """The last component of a client-side name, without control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name) if c.isprintable()).strip()
    return name[:FILENAME_MAX_CHARS] or default


def _roster(lines: list[str] | None) -> list[str] | None:
    """Roster lines as in a ``--roster`` file: blank lines and ``#`` comments skipped,
    leading numbers ("1. ") dropped."""
    if not lines:
        return None
    names: list[str] = []
    for line in lines:
        line = "".join(c for c in unicodedata.normalize("NFC", line) if c.isprintable()).strip()
        if not line or line.startswith("#"):
            continue
        line = _NUMBERING.sub("", line)
        if len(line) > ROSTER_NAME_MAX_CHARS:
            raise _roster_error(f"có dòng dài quá {ROSTER_NAME_MAX_CHARS} ký tự")
        if line:
            names.append(line)
    if len(names) > ROSTER_MAX_NAMES:
        raise _roster_error(f"có hơn {ROSTER_MAX_NAMES} tên")
    return names or None


def _roster_error(reason: str) -> ApiError:
    return ApiError(422, "invalid_roster", f"Danh sách thành viên {reason}.")
