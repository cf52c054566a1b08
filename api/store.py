"""Stored analyses, organisations and API keys: every read and write goes through here.

Every analysis query is filtered by the caller's organisation: another organisation's id is
simply not found. No NLP here: the caller passes the analysis to store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, undefer

from analyzer.schema import Analysis
from api.db import session_factory
from api.tables import ApiKey, Document, Organization, StoredAnalysis, utcnow

LOCAL_ORGANIZATION = "local"  # requests without a key on a loopback-only server act for it
KEY_PREFIX = "bb_"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_ANALYSIS_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who is calling: an organisation, and whether the key may upload and delete."""

    organization_id: int
    organization: str  # slug
    can_write: bool
    key_id: int | None = None


@dataclass(frozen=True)
class NewKey:
    key: str  # shown once, never stored
    record: ApiKey


@dataclass(frozen=True)
class Upload:
    """A file to store and analyse, with the roster lines sent with it."""

    content: bytes
    filename: str
    roster: Sequence[str] = ()
    from_text: bool = False  # JSON text, stored as UTF-8

    @cached_property  # a 20 MB file is hashed once, not at every lookup
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @cached_property
    def roster_text(self) -> str:
        return "\n".join(self.roster)

    @cached_property
    def roster_sha256(self) -> str:
        return hashlib.sha256(self.roster_text.encode()).hexdigest() if self.roster else ""


@dataclass(frozen=True)
class Page:
    items: list[StoredAnalysis]
    total: int
    page: int
    page_size: int


def hash_key(key: str) -> str:
    # Keys are 256-bit random tokens: a plain SHA-256 cannot be reversed or guessed.
    return hashlib.sha256(key.encode()).hexdigest()


def valid_slug(slug: str) -> bool:
    return _SLUG.fullmatch(slug) is not None


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = session_factory(engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # Organisations and keys ---------------------------------------------------------------

    def organization(self, slug: str, name: str | None = None, create: bool = True) -> int | None:
        """The id of the organisation ``slug``, created when missing (unless ``create`` is off)."""
        with self.session() as session:
            found = session.scalar(select(Organization.id).where(Organization.slug == slug))
            if found is not None or not create:
                return found
        try:
            with self.session() as session:
                org = Organization(slug=slug, name=name or slug)
                session.add(org)
                session.flush()
                return org.id
        except IntegrityError:  # created meanwhile by another process
            with self.session() as session:
                return session.scalar(select(Organization.id).where(Organization.slug == slug))

    def local_principal(self) -> Principal:
        org_id = self.organization(LOCAL_ORGANIZATION, "Máy này")
        assert org_id is not None
        return Principal(org_id, LOCAL_ORGANIZATION, can_write=True)

    def create_key(
        self, organization: str, name: str = "", can_write: bool = True, org_name: str | None = None
    ) -> NewKey:
        org_id = self.organization(organization, org_name)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        record = ApiKey(
            organization_id=org_id,
            name=name,
            prefix=key[:10],
            key_hash=hash_key(key),
            can_write=can_write,
        )
        with self.session() as session:
            session.add(record)
        return NewKey(key, record)

    def list_keys(self, organization: str | None = None) -> list[tuple[ApiKey, str]]:
        """Keys with their organisation's slug, oldest first."""
        query = select(ApiKey, Organization.slug).join(Organization).order_by(ApiKey.id)
        if organization:
            query = query.where(Organization.slug == organization)
        with self.session() as session:
            return [(key, slug) for key, slug in session.execute(query).all()]

    def revoke_key(self, key_id: int) -> bool:
        with self.session() as session:
            key = session.get(ApiKey, key_id)
            if key is None:
                return False
            if key.revoked_at is None:
                key.revoked_at = utcnow()
            return True

    def authenticate(self, key: str) -> Principal | None:
        """The principal of a valid, unrevoked key, or None."""
        query = (
            select(ApiKey, Organization.slug)
            .join(Organization)
            .where(ApiKey.key_hash == hash_key(key))
        )
        with self.session() as session:
            row = session.execute(query).first()
            if row is None or row[0].revoked_at is not None:
                return None
            record, slug = row
            now = utcnow()
            last = record.last_used_at
            if last is None or now - last > LAST_USED_RESOLUTION:
                record.last_used_at = now
            return Principal(record.organization_id, slug, record.can_write, record.id)

    # Analyses ------------------------------------------------------------------------------

    def find(self, principal: Principal, upload: Upload) -> StoredAnalysis | None:
        """The analysis of the same file with the same roster, already uploaded by this
        organisation."""
        query = (
            select(StoredAnalysis)
            .join(Document)
            .where(
                Document.organization_id == principal.organization_id,
                Document.sha256 == upload.sha256,
                Document.roster_sha256 == upload.roster_sha256,
            )
            .options(undefer(StoredAnalysis.result), selectinload(StoredAnalysis.document))
        )
        with self.session() as session:
            return session.scalar(query)

    def add(
        self, principal: Principal, upload: Upload, analysis: Analysis, analyzer_version: str
    ) -> tuple[StoredAnalysis, bool]:
        """Store the file and its analysis; ``(stored, True)``, or the existing analysis and
        False when the same upload was stored meanwhile."""
        try:
            with self.session() as session:
                document = Document(
                    organization_id=principal.organization_id,
                    sha256=upload.sha256,
                    roster_sha256=upload.roster_sha256,
                    filename=upload.filename,
                    from_text=upload.from_text,
                    size=len(upload.content),
                    content=upload.content,
                    roster=upload.roster_text,
                )
                session.add(document)
                session.flush()
                stored = StoredAnalysis(
                    id=str(uuid.uuid4()),
                    organization_id=principal.organization_id,
                    document_id=document.id,
                    document=document,
                    result="",
                    schema_version=analysis.schema_version,
                    analyzer_version=analyzer_version,
                )
                _fill(stored, analysis)
                session.add(stored)
            return stored, True
        except IntegrityError:
            existing = self.find(principal, upload)
            if existing is None:
                raise
            return existing, False

    def get(self, principal: Principal, analysis_id: str) -> StoredAnalysis | None:
        if not _ANALYSIS_ID.fullmatch(analysis_id):
            return None  # not an id this store makes (and nothing a database should see)
        query = (
            select(StoredAnalysis)
            .where(
                StoredAnalysis.id == analysis_id,
                StoredAnalysis.organization_id == principal.organization_id,
            )
            .options(undefer(StoredAnalysis.result), selectinload(StoredAnalysis.document))
        )
        with self.session() as session:
            return session.scalar(query)

    def list(
        self,
        principal: Principal,
        *,
        kind: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        page: int = 1,
        page_size: int = 20,
    ) -> Page:
        """This organisation's analyses, newest meeting first (then newest upload)."""
        where = [StoredAnalysis.organization_id == principal.organization_id]
        if kind:
            where.append(StoredAnalysis.kind == kind)
        if date_from:
            where.append(StoredAnalysis.meeting_date >= date_from)
        if date_to:
            where.append(StoredAnalysis.meeting_date <= date_to)
        with self.session() as session:
            total = session.scalar(select(func.count()).select_from(StoredAnalysis).where(*where))
            rows = session.scalars(
                select(StoredAnalysis)
                .where(*where)
                .options(selectinload(StoredAnalysis.document))
                .order_by(
                    StoredAnalysis.meeting_date.desc().nulls_last(),
                    StoredAnalysis.created_at.desc(),
                    StoredAnalysis.id,
                )
                .offset((page - 1) * page_size)
                .limit(page_size)
            ).all()
        return Page(list(rows), total or 0, page, page_size)

    def delete(self, principal: Principal, analysis_id: str) -> bool:
        """Delete an analysis and its file."""
        if not _ANALYSIS_ID.fullmatch(analysis_id):
            return False
        with self.session() as session:
            stored = session.scalar(
                select(StoredAnalysis).where(
                    StoredAnalysis.id == analysis_id,
                    StoredAnalysis.organization_id == principal.organization_id,
                )
            )
            if stored is None:
                return False
            session.delete(stored.document)  # the analysis goes with it (ON DELETE CASCADE)
            session.delete(stored)
            return True

    def reanalyze(
        self,
        analyze: Callable[[Document], Analysis],
        analyzer_version: str,
        *,
        organization: str | None = None,
        ids: Sequence[str] = (),
        on_error: Callable[[str, Exception], None] | None = None,
    ) -> tuple[int, int]:
        """Recompute stored analyses from their files with ``analyze``; returns (done, failed).

        Each analysis is updated in its own transaction, so an interruption loses nothing.
        """
        query = select(StoredAnalysis.id).order_by(StoredAnalysis.created_at)
        if organization:
            query = query.join(Organization).where(Organization.slug == organization)
        if ids:
            query = query.where(
                StoredAnalysis.id.in_([i for i in ids if _ANALYSIS_ID.fullmatch(i)])
            )
        with self.session() as session:
            todo = list(session.scalars(query))
        done = failed = 0
        for analysis_id in todo:
            with self.session() as session:
                stored = session.get(
                    StoredAnalysis,
                    analysis_id,
                    options=[selectinload(StoredAnalysis.document).undefer(Document.content)],
                )
                if stored is None:  # deleted meanwhile
                    continue
                try:
                    analysis = analyze(stored.document)
                except Exception as exc:  # one bad document must not stop the batch
                    failed += 1
                    if on_error:
                        on_error(analysis_id, exc)
                    continue
                _fill(stored, analysis)
                stored.schema_version = analysis.schema_version
                stored.analyzer_version = analyzer_version
                stored.updated_at = utcnow()
                done += 1
        return done, failed


def _fill(stored: StoredAnalysis, analysis: Analysis) -> None:
    """Copy the analysis and the columns lists filter and show."""
    stored.result = analysis.model_dump_json()
    stored.kind = analysis.meeting.kind
    stored.meeting_date = analysis.meeting.date
    stored.title = (analysis.meeting.title or "")[:500] or None
    stored.members_present = analysis.metrics.members_present
    stored.members_spoke = analysis.metrics.members_spoke
    stored.score_points = analysis.score.points if analysis.score.assessable_points else None
