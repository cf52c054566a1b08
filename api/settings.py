"""Server settings, from ``BIENBAN_*`` environment variables.

Read through the ``get_settings`` dependency (or passed to ``create_app``), never at import time,
so that tests and ``bienban serve`` decide what the app sees.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MB = 1024 * 1024


def default_data_dir() -> Path:
    """Where the server keeps its SQLite database: ``$XDG_DATA_HOME/bienban``."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "bienban"


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
    # Requests allowed to wait for an analysis thread; past that, 503 "busy" at once.
    max_waiting_analyses: int = Field(default=32, ge=0, le=10_000)
    # Stored analyses: SQLite in data_dir unless database_url names another database
    # (e.g. postgresql+psycopg://user:password@127.0.0.1/bienban).
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    # Requests without a key act for the "local" organisation unless this is set;
    # `bienban serve` sets it whenever it listens on anything but loopback.
    require_api_key: bool = False
    # Bring the database schema up to date when the app starts (`bienban serve` does it once
    # before starting its workers, then turns this off for them).
    migrate_on_start: bool = True

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'bienban.db'}"

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
