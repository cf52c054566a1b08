"""Dependencies shared by the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.service import AnalyzerService, not_ready
from api.settings import Settings, get_settings


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
