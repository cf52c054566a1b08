"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.auth import API_KEY_HEADER, presented_key, require_write, resolve
from api.service import AnalyzerService, not_ready
from api.settings import Settings, get_settings
from api.store import Principal, Store


def get_service(request: Request) -> AnalyzerService:
    """The app's analyzer service, loaded or not (``/readyz`` reports which)."""
    service: AnalyzerService = request.app.state.service
    return service


def get_ready_service(
    service: Annotated[AnalyzerService, Depends(get_service)],
) -> AnalyzerService:
    """The analyzer service, or a 503 while it is still loading."""
    if not service.ready:
        raise not_ready()
    return service


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[AnalyzerService, Depends(get_service)]
ReadyServiceDep = Annotated[AnalyzerService, Depends(get_ready_service)]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


# Declared for the OpenAPI document (and Swagger's "Authorize" button); the key itself is read by
# presented_key, which also accepts the web page's cookie.
_BEARER = HTTPBearer(auto_error=False, description="Khóa API / API key: `Bearer bb_…`")
_HEADER = APIKeyHeader(name=API_KEY_HEADER, auto_error=False, description="Khóa API / API key")


def get_principal(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)],
    _header: Annotated[str | None, Security(_HEADER)],
) -> Principal:
    """The calling organisation (a sync dependency: the key lookup runs in the thread pool)."""
    return resolve(store, presented_key(request), settings.require_api_key)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_writer(principal: PrincipalDep) -> Principal:
    """The calling organisation, when its key may upload and delete (403 otherwise)."""
    return require_write(principal)


WriterDep = Annotated[Principal, Depends(get_writer)]
