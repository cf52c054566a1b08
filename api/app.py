"""The FastAPI application: ``create_app()`` wires settings, the analyzer, routes and errors.

``bienban serve`` runs ``uvicorn api.app:create_app --factory``; each worker process builds one
app and loads the analyzer once, in the lifespan.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse

from api import db
from api.errors import REQUEST_ID_HEADER, RequestContextMiddleware, install_error_handlers
from api.routes import analyses, analyze, health, web
from api.service import AnalyzerService, package_version
from api.settings import Settings, get_settings
from api.store import Store

DESCRIPTION = """\
Phân tích biên bản họp tiếng Việt, hoàn toàn trên máy chủ này: không gửi tài liệu đi đâu.
Offline analysis of Vietnamese meeting minutes; documents never leave this server.

* `POST /api/v1/analyses`: tải lên một tệp (.docx, .pdf, .txt, .md, .vtt, .srt) hoặc gửi JSON
  `{text, filename, roster}`; bản phân tích được lưu cho tổ chức của khóa API. Store and analyse.
* `GET /api/v1/analyses` (lọc theo loại, ngày họp; phân trang), `GET /api/v1/analyses/{id}`,
  `GET /api/v1/analyses/{id}/report?format=md|html|docx|json`, `DELETE /api/v1/analyses/{id}`.
* `POST /api/v1/analyze`: phân tích mà không lưu gì / analyse without storing.
* `GET /healthz`, `GET /readyz`: máy chủ đang chạy / đã nạp xong mô hình. Liveness and readiness.

Khóa API (`Authorization: Bearer <khóa>` hoặc `X-API-Key`) thuộc về một tổ chức và chỉ thấy
bản phân tích của tổ chức đó. An API key belongs to one organisation and sees only its analyses;
on a loopback-only server, requests without a key act for the organisation `local`.

Mọi lỗi có dạng / every error is `{"error": {"code": "...", "message": "..."}}`, the message
in Vietnamese.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    service: AnalyzerService = app.state.service
    store: Store = app.state.store
    if app.state.settings.migrate_on_start:
        db.upgrade(store.engine)
    service.load()
    try:
        yield
    finally:
        service.close()
        store.engine.dispose()


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the swagger-ui-bundle package: nothing is fetched from outside,
    so the page works on an offline machine."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount(
        "/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets"
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="bienban — API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` defaults to the environment (``BIENBAN_*``)."""
    if settings is None:
        settings = get_settings()
    app = FastAPI(
        title="bienban",
        version=package_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below with local assets: the stock page loads them from a CDN
        redoc_url=None,
    )
    _install_docs(app)
    app.state.settings = settings
    app.state.service = AnalyzerService(
        threads=settings.analysis_threads, max_waiting=settings.max_waiting_analyses
    )
    app.state.store = Store(db.make_engine(settings.resolved_database_url))
    # Routes read settings through the get_settings dependency: these settings, not the env.
    app.dependency_overrides[get_settings] = lambda: settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(analyze.router)
    app.include_router(analyses.router)
    web.install(app)  # the web page (/, /dang-nhap, /phan-tich/…) and its /static files
    app.add_middleware(RequestContextMiddleware)
    if settings.cors_origins:
        # Added last, so outermost: error responses carry the CORS headers too.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER, "Content-Disposition"],
        )
    return app
