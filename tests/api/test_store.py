"""The store and the database layer, below the HTTP routes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from analyzer.errors import EmptyInputError
from analyzer.pipeline import analyze
from analyzer.schema import Analysis
from api import db
from api.store import Store, Upload
from api.tables import Base, Document
from tests.api.helpers import database_url_for_tests

MINUTES = (
    "BIÊN BẢN HỌP CHI BỘ\nThời gian: 8 giờ ngày 05/03/2025.\n"
    "Đ/c Lan phát biểu: đề nghị sửa mái nhà văn hóa thôn trước mùa mưa.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    url = database_url_for_tests() or f"sqlite:///{tmp_path / 'bienban.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(MINUTES, name="hop.txt")


def test_migrations_match_the_tables(store: Store) -> None:
    assert db.current_revision(store.engine) == db.head_revision()
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(store: Store) -> None:
    db.upgrade(store.engine)
    assert db.current_revision(store.engine) == db.head_revision()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize("url", ["nonsense://", "::::", "oracle+nothing://u@h/db"])
def test_bad_database_urls_are_clear_errors(url: str) -> None:
    with pytest.raises(db.DatabaseError):
        db.upgrade(db.make_engine(url))


def test_a_racing_duplicate_returns_the_first(store: Store, analysis: Analysis) -> None:
    principal = store.local_principal()
    upload = Upload(MINUTES.encode(), "hop.txt")
    first, created = store.add(principal, upload, analysis, "v1")
    # A second worker analysed the same upload meanwhile: the unique key catches it.
    second, created_again = store.add(principal, upload, analysis, "v1")
    assert (created, created_again) == (True, False)
    assert second.id == first.id
    assert store.list(principal).total == 1


def test_organisations_are_separate(store: Store, analysis: Analysis) -> None:
    a = store.authenticate(store.create_key("org-a").key)
    b = store.authenticate(store.create_key("org-b").key)
    assert a and b and a.organization_id != b.organization_id
    stored, _ = store.add(a, Upload(MINUTES.encode(), "hop.txt"), analysis, "v1")
    assert store.get(b, stored.id) is None
    assert store.list(b).total == 0
    assert not store.delete(b, stored.id)
    assert store.get(a, stored.id) is not None


def test_authenticate_records_use_and_refuses_revoked(store: Store) -> None:
    new = store.create_key("org-a", can_write=False)
    principal = store.authenticate(new.key)
    assert principal is not None and not principal.can_write
    [(key, slug)] = store.list_keys("org-a")
    assert slug == "org-a" and key.last_used_at is not None
    assert store.revoke_key(new.record.id)
    assert store.authenticate(new.key) is None
    assert store.authenticate("bb_" + "x" * 43) is None


def test_reanalyze_continues_past_a_failure(store: Store, analysis: Analysis) -> None:
    principal = store.local_principal()
    good, _ = store.add(principal, Upload(MINUTES.encode(), "a.txt"), analysis, "v1")
    bad, _ = store.add(principal, Upload(b"x", "b.txt"), analysis, "v1")
    failures: list[str] = []

    def recompute(document: Document) -> Analysis:
        if document.content == b"x":
            raise EmptyInputError("rỗng")
        return analyze(document.content.decode(), name=document.filename)

    done, failed = store.reanalyze(
        recompute, "v2", on_error=lambda analysis_id, exc: failures.append(analysis_id)
    )
    assert (done, failed) == (1, 1) and failures == [bad.id]
    refreshed = store.get(principal, good.id)
    assert refreshed is not None and refreshed.analyzer_version == "v2"
    unchanged = store.get(principal, bad.id)
    assert unchanged is not None and unchanged.analyzer_version == "v1"
