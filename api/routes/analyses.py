"""Stored analyses: ``/api/v1/analyses``, scoped to the caller's organisation.

Routes check the request and the key, hand the document to the analyzer service and the rows
to the store. The same file (with the same roster) uploaded again by one organisation returns
the analysis already stored (200) instead of a new one (201).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from analyzer.schema import Analysis, MeetingKind
from api.deps import PrincipalDep, ReadyServiceDep, SettingsDep, StoreDep, WriterDep
from api.errors import ApiError, ErrorBody
from api.routes.analyze import ANALYSIS_ERRORS, AUTH_ERRORS, REPORT_CONTENT, UPLOAD_BODY, read_input
from api.service import AnalyzerService, ReportFormat, render
from api.settings import Settings
from api.store import Principal, Store
from api.tables import StoredAnalysis

router = APIRouter(prefix="/api/v1/analyses", tags=["analyses"])

MAX_PAGE_SIZE = 100

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "not_found (also for another organisation's id)"},
}
_READ_ONLY: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody, "description": "read_only_key"},
}


# Dates as YYYY-MM-DD only: pydantic's lax date parsing would take "0" as 1970-01-01.
_DATE: dict[str, Any] = {"pattern": r"^\d{4}-\d{2}-\d{2}$", "json_schema_extra": {"format": "date"}}


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, "invalid_request", f"Yêu cầu không hợp lệ: {name} không phải ngày có thật."
        ) from None


class AnalysisInfo(BaseModel):
    """A stored analysis without its content, as lists show it."""

    id: str
    filename: str
    sha256: str = Field(description="SHA-256 of the uploaded file")
    kind: MeetingKind
    title: str | None
    meeting_date: dt.date | None
    members_present: int | None
    members_spoke: int | None
    score_points: float | None = Field(description="null when too little can be assessed")
    schema_version: str
    analyzer_version: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, stored: StoredAnalysis) -> AnalysisInfo:
        return cls(
            id=stored.id,
            filename=stored.document.filename,
            sha256=stored.document.sha256,
            kind=stored.kind,  # type: ignore[arg-type]  # written from Analysis.meeting.kind
            title=stored.title,
            meeting_date=stored.meeting_date,
            members_present=stored.members_present,
            members_spoke=stored.members_spoke,
            score_points=stored.score_points,
            schema_version=stored.schema_version,
            analyzer_version=stored.analyzer_version,
            created_at=stored.created_at,
            updated_at=stored.updated_at,
        )


class StoredAnalysisOut(AnalysisInfo):
    """A stored analysis with its content (the JSON contract)."""

    analysis: Analysis


class AnalysisPage(BaseModel):
    items: list[AnalysisInfo]
    total: int
    page: int
    page_size: int


def _record_response(stored: StoredAnalysis, status_code: int, **headers: str) -> Response:
    """The stored JSON spliced into the envelope as it is: no parsing and re-serialising."""
    info = AnalysisInfo.of(stored).model_dump_json()
    body = info[:-1] + ',"analysis":' + stored.result + "}"
    return Response(body, status_code, headers=headers, media_type="application/json")


async def analyze_and_store(
    request: Request,
    settings: Settings,
    service: AnalyzerService,
    store: Store,
    principal: Principal,
) -> tuple[StoredAnalysis, bool]:
    """Read the request's document, analyse it and store both for ``principal``'s
    organisation; ``(stored, False)`` when the same upload was stored before."""
    upload = await read_input(request, settings)
    existing = await run_in_threadpool(store.find, principal, upload)
    if existing is not None:
        return existing, False
    analysis = await service.run(lambda: service.analyze(upload), settings.request_timeout_s)
    return await run_in_threadpool(store.add, principal, upload, analysis, service.version)


async def get_stored(store: Store, principal: Principal, analysis_id: str) -> StoredAnalysis:
    """The organisation's analysis ``analysis_id``, or a 404 (also for another's id)."""
    stored = await run_in_threadpool(store.get, principal, analysis_id)
    if stored is None:
        raise ApiError(404, "not_found", "Không tìm thấy bản phân tích này.")
    return stored


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Lưu và phân tích một biên bản / Store and analyse one document",
    response_model=StoredAnalysisOut,
    responses={
        200: {"model": StoredAnalysisOut, "description": "The same file was stored before."},
        **AUTH_ERRORS,
        **_READ_ONLY,
        **ANALYSIS_ERRORS,
    },
    openapi_extra=UPLOAD_BODY,
)
async def create_analysis(
    request: Request,
    settings: SettingsDep,
    service: ReadyServiceDep,
    store: StoreDep,
    principal: WriterDep,
) -> Response:
    """Tải lên một tệp (multipart: `file`, tùy chọn `roster`) hoặc gửi JSON `{text, filename,
    roster}`; bản phân tích được lưu cho tổ chức của khóa API. Gửi lại đúng tệp đó trả về bản
    đã lưu (200).

    Upload a file or send JSON text; the analysis is stored for the key's organisation (201,
    with `Location`). The same file with the same roster returns the stored analysis (200).
    """
    stored, created = await analyze_and_store(request, settings, service, store, principal)
    return _record_response(
        stored,
        status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        Location=str(request.url_for("get_analysis", analysis_id=stored.id).path),
    )


@router.get(
    "",
    response_model=AnalysisPage,
    summary="Danh sách bản phân tích / List stored analyses",
    responses={**AUTH_ERRORS, 422: {"model": ErrorBody, "description": "invalid_request"}},
)
async def list_analyses(
    store: StoreDep,
    principal: PrincipalDep,
    kind: Annotated[MeetingKind | None, Query(description="Loại cuộc họp / meeting kind")] = None,
    date_from: Annotated[
        str | None, Query(description="Họp từ ngày / meeting on or after", **_DATE)
    ] = None,
    date_to: Annotated[
        str | None, Query(description="Họp đến ngày / meeting on or before", **_DATE)
    ] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
) -> AnalysisPage:
    """Các bản phân tích của tổ chức, cuộc họp mới nhất trước. This organisation's analyses,
    the latest meeting first; analyses without a meeting date come last."""
    first, last = _date(date_from, "date_from"), _date(date_to, "date_to")
    found = await run_in_threadpool(
        lambda: store.list(
            principal,
            kind=kind,
            date_from=first,
            date_to=last,
            page=page,
            page_size=page_size,
        )
    )
    return AnalysisPage(
        items=[AnalysisInfo.of(stored) for stored in found.items],
        total=found.total,
        page=found.page,
        page_size=found.page_size,
    )


@router.get(
    "/{analysis_id}",
    response_model=StoredAnalysisOut,
    summary="Một bản phân tích / One stored analysis",
    responses={**AUTH_ERRORS, **_NOT_FOUND},
)
async def get_analysis(analysis_id: str, store: StoreDep, principal: PrincipalDep) -> Response:
    return _record_response(await get_stored(store, principal, analysis_id), status.HTTP_200_OK)


@router.get(
    "/{analysis_id}/report",
    summary="Báo cáo của một bản phân tích / The report of a stored analysis",
    responses={200: {"content": REPORT_CONTENT}, **AUTH_ERRORS, **_NOT_FOUND},
)
async def get_report(
    analysis_id: str,
    settings: SettingsDep,
    service: ReadyServiceDep,
    store: StoreDep,
    principal: PrincipalDep,
    fmt: Annotated[
        ReportFormat,
        Query(alias="format", description="md (mặc định / default), html, docx hoặc json."),
    ] = ReportFormat.md,
) -> Response:
    stored = await get_stored(store, principal, analysis_id)
    rendered = await service.run(
        lambda: render(Analysis.model_validate_json(stored.result), fmt),
        settings.request_timeout_s,
    )
    return Response(rendered.body, media_type=rendered.media_type, headers=rendered.headers)


@router.delete(
    "/{analysis_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Xóa một bản phân tích và tệp gốc / Delete an analysis and its file",
    responses={**AUTH_ERRORS, **_READ_ONLY, **_NOT_FOUND},
)
async def delete_analysis(analysis_id: str, store: StoreDep, principal: WriterDep) -> Response:
    if not await run_in_threadpool(store.delete, principal, analysis_id):
        raise ApiError(404, "not_found", "Không tìm thấy bản phân tích này.")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
