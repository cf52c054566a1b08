"""Server settings, from ``BIENBAN_*`` environment variables.

Read through the ``get_settings`` dependency (or passed to ``create_app``), never at import time,
so that tests and ``bienban serve`` decide what the app sees.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MB = 1024 * 1024


class Settings(BaseSettings):
    """What an operator can tune; every field is ``BIENBAN_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="BIENBAN_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_upload_bytes: int = Field(default=20 * MB, gt=0)
    request_timeout_s: float = Field(default=60.0, gt=0)
    # Empty: no CORS headers at all, so browsers only call the API from its own origin.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Analyses run in this many threads per worker process; more requests wait their turn
    # (the wait counts against request_timeout_s).
    analysis_threads: int = Field(default=2, ge=1, le=64)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Accept "https://a, https://b" as well as a JSON list."""
        if isinstance(value, str):
            value = value.strip()
            if value.startswith("["):
                return json.loads(value)
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value


@cache
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()
