"""The web page for the secretary and the committee: Vietnamese pages served by the API itself.

Server-rendered Jinja2 templates (``api/web/templates``) and plain HTML forms that work without
JavaScript; ``api/web/static/app.js`` only adds niceties. Nothing is loaded from outside the
server and every page carries a Content-Security-Policy that forbids it. Pages act for the
organisation of the API key in the ``bienban_key`` cookie (set by the sign-in form), or for the
"local" organisation when the server needs no key. Routes stay thin: the store, the analyzer
service and the report renderers do the work; this module only shapes what the templates show.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import defaultdict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from analyzer.errors import AnalyzerError
from analyzer.render import ITEM_LABELS, KIND_LABELS, STATUS_LABELS
from analyzer.render_html import (
    BANDS,
    absentee_lines,
    assignee_label,
    balance_rows,
    fact_rows,
    fmt_date,
    fmt_deadline,
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_points,
    participation_svg,
    speaker_label,
)
from analyzer.schema import Analysis, Item
from api.auth import KEY_COOKIE, MAX_KEY_CHARS
from api.deps import PrincipalDep, SettingsDep, StoreDep, WriterDep
from api.errors import INTERNAL_MESSAGE, ApiError
from api.routes.analyses import analyze_and_store, get_stored
from api.service import AnalyzerService, ReportFormat, attachment, not_ready, render
from api.store import Principal, Store
from api.tables import StoredAnalysis

logger = logging.getLogger("bienban.api")

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
SIGN_IN_PATH = "/dang-nhap"
PAGE_SIZE = 20
MAX_PAGE = 1_000_000
SIGN_IN_MAX_BYTES = 8 * 1024
UPLOAD_ACCEPT = ".docx,.pdf,.txt,.md,.vtt,.srt"

# Pages load nothing from elsewhere: scripts and styles only from /static (no inline code),
# images only from here or data: URLs; the SVG chart is styled through classes.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages show an organisation's documents
}

# The party form's bands of the share of members present who spoke, and what each means.
BAND_MEANINGS = {
    ">50%": "Tốt: hơn một nửa số người có mặt đã phát biểu.",
    "40–50%": "Khá: gần một nửa số người có mặt đã phát biểu.",
    "30–40%": "Trung bình: chưa đến một nửa số người có mặt phát biểu.",
    "<30%": "Yếu: dưới 30% số người có mặt phát biểu.",
}
_ERROR_TITLES = {
    403: "Không có quyền",
    404: "Không tìm thấy",
    413: "Tệp quá lớn",
    415: "Định dạng không được hỗ trợ",
    422: "Không phân tích được",
    503: "Máy chủ đang bận",
}
_DOWNLOADS = (
    (ReportFormat.md, "md", "Markdown (.md)"),
    (ReportFormat.html, "html", "Trang HTML (.html)"),
    (ReportFormat.docx, "docx", "Word (.docx)"),
)
_MAIN_KINDS = ("proposal", "conclusion", "decision", "action_item")


def _finalize(value: object) -> object:
    """Escape text for the page the way the HTML report does for "//": text quoted from the
    minutes (a web address) never reads as a URL in the page source; browsers show it as is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _text(value)
    return value


def _text(value: str) -> Markup:
    return Markup(str(escape(value)).replace("//", "/&#47;"))


_env = Environment(
    loader=FileSystemLoader(WEB_DIR / "templates"),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(
    fmt_int=fmt_int,
    fmt_num=fmt_num,
    fmt_pct=fmt_pct,
    fmt_date=fmt_date,
    fmt_points=fmt_points,
    KIND_LABELS=KIND_LABELS,
    ITEM_LABELS=ITEM_LABELS,
    STATUS_LABELS=STATUS_LABELS,
    UPLOAD_ACCEPT=UPLOAD_ACCEPT,
)
templates = Jinja2Templates(env=_env)


def page(
    request: Request,
    name: str,
    context: dict[str, Any],
    status_code: int = 200,
    principal: Principal | None = None,
) -> Response:
    """A page with the security headers, and what the header needs to show who is signed in."""
    context = {
        "principal": principal,
        "signed_in": bool(request.cookies.get(KEY_COOKIE)),
        **context,
    }
    return templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=PAGE_HEADERS
    )


def error_page(request: Request, status: int, message: str) -> Response:
    title = _ERROR_TITLES.get(status, "Lỗi máy chủ" if status >= 500 else "Yêu cầu không hợp lệ")
    return page(
        request, "error.html", {"status": status, "title": title, "message": message}, status
    )


class PageRoute(APIRoute):
    """A page route: errors become Vietnamese HTML pages (the JSON shape stays for /api/*),
    and a missing or invalid key sends the browser to the sign-in form."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as exc:
                if exc.status == 401:
                    return RedirectResponse(SIGN_IN_PATH, status_code=303)
                return error_page(request, exc.status, exc.message)
            except AnalyzerError as exc:
                return error_page(request, exc.http_status, exc.message)
            except RequestValidationError:
                return error_page(request, 422, "Địa chỉ hoặc biểu mẫu không hợp lệ.")
            except StarletteHTTPException as exc:
                return error_page(request, exc.status_code, "Yêu cầu không thực hiện được.")
            except ClientDisconnect:
                raise
            except Exception as exc:  # a bug: the same generic 500 as the API, as a page
                request_id = getattr(request.state, "request_id", "-")
                logger.error("internal_error request_id=%s type=%s", request_id, type(exc).__name__)
                return error_page(request, 500, INTERNAL_MESSAGE)

        return page_handler


def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (on top of the SameSite=Strict cookie)."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.url.netloc}"
    cross_site = request.headers.get("sec-fetch-site") == "cross-site"
    if cross_site or (origin is not None and origin != own):
        raise ApiError(403, "cross_origin", "Biểu mẫu được gửi từ một trang khác; đã từ chối.")


router = APIRouter(route_class=PageRoute, include_in_schema=False)
SameOrigin = [Depends(same_origin)]


def install(app: FastAPI) -> None:
    """Add the pages and their static files to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")


# --- sign-in ----------------------------------------------------------------------------------


@router.get(SIGN_IN_PATH, name="sign_in")
async def sign_in_form(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    stale = False
    saved = request.cookies.get(KEY_COOKIE)
    if saved:
        stale = await run_in_threadpool(_authenticate, store, saved) is None
    return page(
        request,
        "sign_in.html",
        {"error": None, "stale": stale, "required": settings.require_api_key},
    )


@router.post(SIGN_IN_PATH, dependencies=SameOrigin)
async def sign_in(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    key = await _posted_key(request)
    principal = await run_in_threadpool(_authenticate, store, key) if key else None
    if principal is None:
        error = "Hãy dán khóa API." if not key else "Khóa API không hợp lệ hoặc đã bị thu hồi."
        context = {"error": error, "stale": False, "required": settings.require_api_key}
        return page(request, "sign_in.html", context, 401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        KEY_COOKIE,
        key,
        httponly=True,
        samesite="strict",
        path="/",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/dang-xuat", name="sign_out", dependencies=SameOrigin)
async def sign_out(request: Request, settings: SettingsDep) -> Response:
    response = RedirectResponse(SIGN_IN_PATH if settings.require_api_key else "/", 303)
    response.delete_cookie(
        KEY_COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


async def _posted_key(request: Request) -> str:
    """The ``key`` field of the sign-in form (URL-encoded), reading at most a few kilobytes."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/x-www-form-urlencoded":
        raise ApiError(415, "unsupported_media_type", "Biểu mẫu đăng nhập không hợp lệ.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > SIGN_IN_MAX_BYTES:
            raise ApiError(413, "input_too_large", "Dữ liệu gửi lên quá lớn.")
    try:
        fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=4)
    except ValueError:
        raise ApiError(422, "invalid_request", "Biểu mẫu đăng nhập không hợp lệ.") from None
    return (fields.get("key") or [""])[0].strip()


def _authenticate(store: Store, key: str) -> Principal | None:
    return store.authenticate(key) if len(key) <= MAX_KEY_CHARS else None


# --- home: upload and history -----------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The history's filters as the query string gives them; bad values are reported, unused."""

    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    errors: tuple[str, ...] = ()

    @classmethod
    def of(cls, request: Request) -> Filters:
        query = request.query_params
        errors: list[str] = []
        kind = query.get("loai") or None
        if kind is not None and kind not in KIND_LABELS:
            errors.append("Loại cuộc họp không hợp lệ.")
            kind = None
        dates: list[dt.date | None] = []
        for name, label in (("tu", "Từ ngày"), ("den", "Đến ngày")):
            value = query.get(name) or None
            try:
                dates.append(dt.date.fromisoformat(value) if value else None)
            except ValueError:
                errors.append(f"{label} không hợp lệ (dạng năm-tháng-ngày).")
                dates.append(None)
        raw_page = query.get("trang", "1")
        number = 1
        if raw_page.isascii() and raw_page.isdigit():
            number = int(raw_page) if len(raw_page) <= 7 else MAX_PAGE
        return cls(kind, dates[0], dates[1], max(1, min(number, MAX_PAGE)), tuple(errors))

    def query(self, page: int) -> str:
        """The query string of ``page`` of the history with these filters."""
        params = {
            "loai": self.kind,
            "tu": self.date_from.isoformat() if self.date_from else None,
            "den": self.date_to.isoformat() if self.date_to else None,
            "trang": str(page) if page > 1 else None,
        }
        kept = urlencode({name: value for name, value in params.items() if value})
        return "/?" + kept if kept else "/"

    @property
    def active(self) -> bool:
        return bool(self.kind or self.date_from or self.date_to)


@dataclass(frozen=True)
class HistoryRow:
    id: str
    title: str
    kind: str
    meeting_date: str
    filename: str
    attendance: str
    score: str
    uploaded: str

    @classmethod
    def of(cls, stored: StoredAnalysis) -> HistoryRow:
        created = stored.created_at
        spoke = (
            f"{stored.members_spoke}/{stored.members_present}" if stored.members_present else "—"
        )
        return cls(
            id=stored.id,
            title=stored.title or stored.document.filename,
            kind=KIND_LABELS.get(stored.kind, stored.kind),
            meeting_date=fmt_date(stored.meeting_date),
            filename=stored.document.filename,
            attendance=spoke,
            score=fmt_points(stored.score_points),
            uploaded=created.astimezone().strftime("%d/%m/%Y %H:%M"),
        )


@router.get("/", name="home")
async def home(request: Request, store: StoreDep, principal: PrincipalDep) -> Response:
    return await _home(request, store, principal)


@router.post("/tai-len", name="upload", dependencies=SameOrigin)
async def upload(
    request: Request, settings: SettingsDep, store: StoreDep, principal: WriterDep
) -> Response:
    service: AnalyzerService = request.app.state.service
    try:
        if not service.ready:
            raise not_ready()
        stored, _ = await analyze_and_store(request, settings, service, store, principal)
    except AnalyzerError as exc:
        return await _home(request, store, principal, exc.http_status, exc.message)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        return await _home(request, store, principal, exc.status, exc.message)
    return RedirectResponse(f"/phan-tich/{stored.id}", status_code=303)


async def _home(
    request: Request,
    store: Store,
    principal: Principal,
    status_code: int = 200,
    upload_error: str | None = None,
) -> Response:
    filters = Filters.of(request) if request.method == "GET" else Filters()
    found = await run_in_threadpool(
        lambda: store.list(
            principal,
            kind=filters.kind,
            date_from=filters.date_from,
            date_to=filters.date_to,
            page=filters.page,
            page_size=PAGE_SIZE,
        )
    )
    pages = max(1, math.ceil(found.total / PAGE_SIZE))
    context = {
        "upload_error": upload_error,
        "deleted": request.query_params.get("da-xoa") == "1",
        "filters": filters,
        "rows": [HistoryRow.of(stored) for stored in found.items],
        "total": found.total,
        "page_number": filters.page,
        "pages": pages,
        "prev_url": filters.query(min(filters.page - 1, pages)) if filters.page > 1 else None,
        "next_url": filters.query(filters.page + 1) if filters.page < pages else None,
    }
    return page(request, "home.html", context, status_code, principal)


# --- one analysis -----------------------------------------------------------------------------


@router.get("/phan-tich/{analysis_id}", name="analysis_page")
async def analysis_page(
    request: Request, analysis_id: str, store: StoreDep, principal: PrincipalDep
) -> Response:
    stored = await get_stored(store, principal, analysis_id)
    context = await run_in_threadpool(analysis_context, stored)
    return page(request, "analysis.html", context, principal=principal)


@router.get("/phan-tich/{analysis_id}/tai-ve/{fmt}", name="analysis_download")
async def analysis_download(
    request: Request,
    analysis_id: str,
    fmt: str,
    settings: SettingsDep,
    store: StoreDep,
    principal: PrincipalDep,
) -> Response:
    chosen = next((f for f, ext, _ in _DOWNLOADS if ext == fmt), None)
    if chosen is None:
        raise ApiError(404, "not_found", "Không có định dạng tải về này.")
    service: AnalyzerService = request.app.state.service
    if not service.ready:
        raise not_ready()
    stored = await get_stored(store, principal, analysis_id)
    analysis = await run_in_threadpool(Analysis.model_validate_json, stored.result)
    rendered = await service.run(lambda: render(analysis, chosen), settings.request_timeout_s)
    name = f"{Path(stored.document.filename).stem or 'bienban'}-bao-cao.{fmt}"
    headers = {
        **rendered.headers,
        "Content-Disposition": attachment(name),
        "X-Content-Type-Options": "nosniff",
    }
    return Response(rendered.body, media_type=rendered.media_type, headers=headers)


@router.post("/phan-tich/{analysis_id}/xoa", name="analysis_delete", dependencies=SameOrigin)
async def analysis_delete(analysis_id: str, store: StoreDep, principal: WriterDep) -> Response:
    if not await run_in_threadpool(store.delete, principal, analysis_id):
        raise ApiError(404, "not_found", "Không tìm thấy bản phân tích này.")
    return RedirectResponse("/?da-xoa=1", status_code=303)


@dataclass(frozen=True)
class ItemView:
    """An item as the page lists it."""

    id: str
    kind: str
    text: str
    speaker: str | None
    marked: bool
    status: str | None = None
    status_label: str | None = None
    answered_by: str | None = None
    assignee: str | None = None
    task: str | None = None
    deadline: str | None = None


def item_views(analysis: Analysis) -> list[ItemView]:
    names = {m.id: m.name for m in analysis.members}
    marked = {i.id for i in markable(analysis)}
    views = []
    for item in analysis.items:
        is_task = item.kind == "action_item"
        views.append(
            ItemView(
                id=item.id,
                kind=item.kind,
                text=" ".join(item.text.split()),
                speaker=speaker_label(analysis, item.speaker_id),
                marked=item.id in marked,
                status=item.status,
                status_label=STATUS_LABELS.get(item.status) if item.status else None,
                answered_by=item.answered_by if item.answered_by in marked else None,
                assignee=assignee_label(item, names) if is_task else None,
                task=" ".join((item.task or item.text).split()) if is_task else None,
                deadline=fmt_deadline(item.deadline, item.deadline_text) if is_task else None,
            )
        )
    return views


def analysis_context(stored: StoredAnalysis) -> dict[str, Any]:
    """What the analysis page shows (built in a worker thread: parsing and marking a long
    text takes a moment)."""
    analysis = Analysis.model_validate_json(stored.result)
    items = item_views(analysis)
    by_kind: dict[str, list[ItemView]] = defaultdict(list)
    for view in items:
        by_kind[view.kind].append(view)
    m = analysis.metrics
    return {
        "id": stored.id,
        "filename": stored.document.filename,
        "uploaded": HistoryRow.of(stored).uploaded,
        "analysis": analysis,
        "title": analysis.meeting.title or stored.document.filename,
        "facts": fact_rows(analysis),
        "absentees": absentee_lines(analysis),
        "chart": Markup(participation_svg(analysis)),
        "members": m.members,
        "bands": [(band, BAND_MEANINGS[band], band == m.speaking_band) for band in BANDS],
        "band_meaning": BAND_MEANINGS.get(m.speaking_band or ""),
        "balance": balance_rows(analysis),
        "silent": [p.name for p in m.silent_members],
        "by_kind": by_kind,
        "main_kinds": _MAIN_KINDS,
        "other_kinds": [k for k in ITEM_LABELS if k not in _MAIN_KINDS and by_kind.get(k)],
        "open_proposals": [v for v in by_kind["proposal"] if v.status == "open"],
        "source": highlight(analysis),
        "legend": [k for k in ITEM_LABELS if any(i.kind == k for i in markable(analysis))],
        "downloads": [(ext, label) for _, ext, label in _DOWNLOADS],
    }


# --- the source text with every item marked ---------------------------------------------------


def markable(analysis: Analysis) -> list[Item]:
    """Items whose offsets fall inside the text, in document order (outer spans first)."""
    size = len(analysis.text)
    valid = (i for i in analysis.items if 0 <= i.start < i.end <= size)
    return sorted(valid, key=lambda i: (i.start, -i.end))


def highlight(analysis: Analysis) -> Markup:
    """``analysis.text`` as HTML with a ``<mark id="item-…">`` around every item's span.

    Items may nest or overlap. Marks are opened and closed strictly last-in first-out, so the
    HTML stays well-formed: when an item ends inside a later one, the later one is closed and
    reopened as a continuation (same class, ``data-item``, no id), so every id appears once.
    """
    text = analysis.text
    items = markable(analysis)
    labels = _mark_titles(analysis)
    starts: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        starts[item.start].append(item)
    bounds = sorted({0, len(text), *starts, *(i.end for i in items)})
    out: list[str] = []
    stack: list[Item] = []
    for pos, following in zip(bounds, [*bounds[1:], len(text)], strict=True):
        ending = [index for index, item in enumerate(stack) if item.end == pos]
        if ending:
            depth = ending[0]
            reopen = [item for item in stack[depth:] if item.end != pos]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for item in reopen:
                out.append(_open_mark(item, labels[item.id], first=False))
                stack.append(item)
        for item in starts.get(pos, ()):
            out.append(_open_mark(item, labels[item.id], first=True))
            stack.append(item)
        out.append(str(_text(text[pos:following])))
    out.append("</mark>" * len(stack))  # none left open: every end is a bound
    return Markup("".join(out))


def _open_mark(item: Item, title: str, first: bool) -> str:
    where = (
        f'id="item-{escape(item.id)}" tabindex="-1"' if first else f'data-item="{escape(item.id)}"'
    )
    return f'<mark class="hl {escape(item.kind)}" {where} title="{_text(title)}">'


def _mark_titles(analysis: Analysis) -> dict[str, str]:
    titles = {}
    for item in analysis.items:
        title = ITEM_LABELS.get(item.kind, item.kind)
        who = speaker_label(analysis, item.speaker_id)
        titles[item.id] = f"{title} — {who}" if who else title
    return titles
