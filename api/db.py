"""The database connection and its migrations.

SQLite (the default, a file in the data directory) runs in WAL mode with foreign keys on and a
busy timeout, so that several worker processes can share it; PostgreSQL is used when
``BIENBAN_DATABASE_URL`` names it. The schema is created and upgraded by Alembic only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from analyzer.errors import AnalyzerError

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(AnalyzerError):
    """The database cannot be opened or is not at the expected schema."""

    code = "database_error"
    http_status = 503


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, the folder is created and the pragmas set."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError("Địa chỉ cơ sở dữ liệu (BIENBAN_DATABASE_URL) không hợp lệ.") from None
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite:
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(
            f"Không hỗ trợ loại cơ sở dữ liệu '{parsed.drivername}'; dùng sqlite hoặc "
            "postgresql+psycopg."
        ) from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"Thiếu thư viện kết nối cơ sở dữ liệu ({exc.name}).") from None
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a transaction the API confirmed survives a crash of the process or the machine.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database)."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), "head")
    except Exception as exc:  # any driver error: connection refused, permissions, disk full
        raise DatabaseError(
            f"Không mở hoặc cập nhật được cơ sở dữ liệu ({type(exc).__name__}); kiểm tra "
            "BIENBAN_DATABASE_URL / BIENBAN_DATA_DIR."
        ) from exc


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(create_engine("sqlite://")))
    head = script.get_current_head()
    assert head is not None
    return head
