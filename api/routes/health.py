"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep
from api.errors import ErrorBody
from api.service import not_ready

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness / Máy chủ đang chạy")
async def healthz() -> dict[str, str]:
    """Always 200 while the process answers."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness / Sẵn sàng phân tích",
    responses={503: {"model": ErrorBody, "description": "The analyzer is still loading."}},
)
async def readyz(service: ServiceDep) -> dict[str, str]:
    """200 once the analyzer is loaded, 503 before."""
    if not service.ready:
        raise not_ready()
    return {"status": "ready"}
