"""Who is calling: an API key names one organisation.

A key comes in ``Authorization: Bearer <key>``, in ``X-API-Key``, or, for the web page, in the
``bienban_key`` cookie set by its sign-in form. Without a key, a server bound to loopback only
acts for the "local" organisation; with ``require_api_key`` (any other address) it answers 401.
Keys never appear in logs or error messages.
"""

from __future__ import annotations

from fastapi import Request

from api.errors import ApiError
from api.store import Principal, Store

KEY_COOKIE = "bienban_key"
API_KEY_HEADER = "X-API-Key"
MAX_KEY_CHARS = 200


def presented_key(request: Request) -> str | None:
    """The key the request carries, headers first, or None.

    An ``Authorization`` header that is not ``Bearer <key>`` is an invalid key, not a missing
    one: credentials the server cannot read must never fall back to another header's key.
    """
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, credentials = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise unauthorized(
                "invalid_api_key", "Tiêu đề Authorization phải có dạng 'Bearer <khóa API>'."
            )
        return credentials.strip()
    for value in (request.headers.get(API_KEY_HEADER), request.cookies.get(KEY_COOKIE)):
        if value and value.strip():
            return value.strip()
    return None


def unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message, headers={"WWW-Authenticate": 'Bearer realm="bienban"'})


def resolve(store: Store, key: str | None, require_key: bool) -> Principal:
    if key is None:
        if require_key:
            raise unauthorized(
                "missing_api_key",
                "Cần khóa API (tiêu đề 'Authorization: Bearer <khóa>' hoặc 'X-API-Key').",
            )
        return store.local_principal()
    principal = store.authenticate(key) if len(key) <= MAX_KEY_CHARS else None
    if principal is None:
        raise unauthorized("invalid_api_key", "Khóa API không hợp lệ hoặc đã bị thu hồi.")
    return principal


def require_write(principal: Principal) -> Principal:
    if not principal.can_write:
        raise ApiError(
            403, "read_only_key", "Khóa API này chỉ được xem, không được tải lên hoặc xóa."
        )
    return principal
