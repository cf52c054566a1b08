"""One error shape for every failure: ``{"error": {"code": str, "message": str}}``.

Analyzer errors keep their ``code`` and HTTP status; request errors, unknown routes and
methods get the same shape. Anything unexpected becomes a 500 with a generic message, and only
the exception type and the request id are logged: neither the response nor the log may carry
a traceback, a file's contents or the exception's text (which can quote the input).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from analyzer.errors import AnalyzerError

logger = logging.getLogger("bienban.api")

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
INTERNAL_MESSAGE = "Lỗi nội bộ của máy chủ; vui lòng thử lại sau hoặc báo cho quản trị viên."

# HTTP errors raised by the framework itself (routing, methods, request parsing).
_HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần xác thực để dùng chức năng này."),
    403: ("forbidden", "Không có quyền thực hiện yêu cầu này."),
    404: ("not_found", "Không tìm thấy địa chỉ được yêu cầu."),
    405: ("method_not_allowed", "Phương thức HTTP này không được hỗ trợ tại địa chỉ này."),
    413: ("input_too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ."),
    422: ("invalid_request", "Yêu cầu không hợp lệ."),
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error of the HTTP layer (request shape, size, time limit), not of the document."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def describe_validation(errors: Sequence[Any]) -> str:
    """A Vietnamese one-liner naming the bad fields, without echoing their values."""
    if any(error.get("type") == "json_invalid" for error in errors):
        return "Nội dung JSON gửi lên không hợp lệ."
    parts: list[str] = []
    for error in errors[:5]:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "header")]
        field = ".".join(location) or "nội dung"
        problem = "bị thiếu" if error.get("type") == "missing" else "không hợp lệ"
        parts.append(f"{field} {problem}")
    if len(errors) > 5:
        parts.append(f"và {len(errors) - 5} lỗi khác")
    return "Yêu cầu không hợp lệ: " + "; ".join(parts) + "."


async def _analyzer_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AnalyzerError)
    return error_response(exc.http_status, exc.code, exc.message)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", describe_validation(exc.errors()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    # The framework's detail is English and may quote the request: use our own message.
    code, message = _HTTP_ERRORS.get(
        exc.status_code, (f"http_{exc.status_code}", "Yêu cầu không thực hiện được.")
    )
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return error_response(exc.status_code, code, message, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts at this path: Starlette's own ``Allow`` names only the
    first route that matched the path (GET and POST on one path are two routes here)."""
    from starlette.routing import Match

    return [
        method
        for method in ("DELETE", "GET", "PATCH", "POST", "PUT")
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    ]


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AnalyzerError, _analyzer_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


class RequestContextMiddleware:
    """Gives each request an id (echoed in ``X-Request-ID``) and turns any unhandled exception
    into the generic 500.

    A pure ASGI middleware inside Starlette's ServerErrorMiddleware: that one would re-raise
    the exception to the server, which logs the full traceback.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except ClientDisconnect:
            return  # nobody is left to answer
        except Exception as exc:
            logger.error("internal_error request_id=%s type=%s", request_id, type(exc).__name__)
            if not started:
                response = error_response(500, "internal_error", INTERNAL_MESSAGE)
                await response(scope, receive, send_with_id)


def _request_id(scope: Scope) -> str:
    """The caller's X-Request-ID when it is a plain token, else a fresh one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex
