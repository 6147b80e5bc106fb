"""The catalogue database: SQLAlchemy 2, SQLite by default, a PostgreSQL URL accepted.

`open_store` brings the schema to the newest Alembic revision, then `Store` reads records back as
the same pydantic objects that were imported and writes whole batches in ONE transaction, so an
import lands whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from catalog._kinds import IMPORT_ORDER, Kind
from catalog._privacy import ID_LESS_PREFIX
from catalog._problems import ImportFailed, LoadResult, Problem
from catalog._records import Record
from catalog._settings import Settings
from catalog._store_engine import (
    DatabaseBusy,
    is_busy,
    make_engine,
    write_session,
    writer_engine,
)
from catalog._store_tables import (
    KEY_FIELDS,
    TABLES,
    ImportLogRow,
    SurveyResponseRow,
    from_row,
    identity,
    to_row,
)
from catalog._store_tally import count_id_less, drop_id_less, id_less_scopes, tally_notes
from catalog._summary import FileCount, ImportSummary, Progress, empty_counts

_CHUNK = 500  # rows per statement: stays under every driver's bound-parameter limit


def open_store(settings: Settings) -> Store:
    """Connect to `settings.db`, run the Alembic migrations up to head, and return the store."""
    engine = _engine(settings.db_url())
    migrate(engine)
    return Store(engine)


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision; a no-op when it is already there.

    A read decides; only an upgrade takes the write lock (so opening never queues behind a
    long import), and two processes creating one database wait for each other.
    """
    from alembic import command  # imported here: alembic is slow to import and most CLI
    from alembic.config import Config  # commands never open the store
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "catalog:migrations")
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    try:
        with writer_engine(engine).begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    except OperationalError as error:
        if is_busy(error):
            raise DatabaseBusy() from None
        raise


def _engine(url: str) -> Engine:
    return make_engine(url)


class Store:
    """Records of every kind in one database; build it with `open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ---- reading -------------------------------------------------------------------------
    def records(self, kind: Kind) -> list[Record]:
        """Every record of a kind, ordered by id (surveys: by respondent key)."""
        table = TABLES[kind]
        order = [getattr(table, KEY_FIELDS[kind])]
        if kind is Kind.SURVEY:
            order.append(SurveyResponseRow.school_id)
        with Session(self.engine) as session:
            return [from_row(kind, row) for row in session.scalars(select(table).order_by(*order))]

    def get(self, kind: Kind, id: str, *, school_id: str | None = None) -> Record | None:
        """One record by id, or None; surveys by respondent key (within `school_id` if given)."""
        with Session(self.engine) as session:
            if kind is not Kind.SURVEY:
                row = session.get(TABLES[kind], id)
                return None if row is None else from_row(kind, row)
            query = select(SurveyResponseRow).where(SurveyResponseRow.respondent_key == id)
            if school_id is not None:
                query = query.where(SurveyResponseRow.school_id == school_id)
            found = session.scalars(query.order_by(SurveyResponseRow.school_id)).first()
            return None if found is None else from_row(kind, found)

    def surveys(self, school_id: str, semester: str | None = None) -> list[Record]:
        """One school's survey rows (one semester when given), by respondent key: an indexed
        (school, semester) query, so its cost grows with the school and not with the city."""
        table = TABLES[Kind.SURVEY]
        query = select(table).where(table.school_id == school_id)  # type: ignore[attr-defined]
        if semester is not None:
            query = query.where(table.semester == semester)  # type: ignore[attr-defined]
        order = table.respondent_key  # type: ignore[attr-defined]
        with Session(self.engine) as session:
            return [from_row(Kind.SURVEY, row) for row in session.scalars(query.order_by(order))]

    def ids(self, kind: Kind) -> set[str]:
        """Every stored id of a kind: the importer checks cross references against these."""
        table = TABLES[kind]
        with Session(self.engine) as session:
            return set(session.scalars(select(getattr(table, KEY_FIELDS[kind]))))

    def counts(self) -> dict[str, int]:
        """Rows per kind, keyed by `Kind` value (``courses``, ``surveys``, ...)."""
        counts = empty_counts()
        with Session(self.engine) as session:
            for kind, table in TABLES.items():
                counts[kind.value] = session.scalar(select(func.count()).select_from(table)) or 0
        return counts

    def stats(self) -> dict[str, Any]:
        """What `kehou stats --json` prints: counts, and breakdowns by kind/domain/district."""
        from catalog._store_stats import collect_stats

        with Session(self.engine) as session:
            return collect_stats(session, self.counts())

    def fingerprint(self) -> str:
        """SHA-256 over every stored row in key order: equal before and after means unchanged."""
        digest = hashlib.sha256()
        for kind in IMPORT_ORDER:
            for record in self.records(kind):
                digest.update(record.model_dump_json().encode())
        return digest.hexdigest()

    # ---- writing -------------------------------------------------------------------------
    def plan(self, results: Sequence[LoadResult]) -> ImportSummary:
        """The counts `write` would produce, without writing anything (for --dry-run)."""
        inserted, updated = empty_counts(), empty_counts()
        scopes = id_less_scopes(results)
        with Session(self.engine) as session:
            replaced = count_id_less(session, scopes)
            for kind, rows in _rows_by_kind(results).items():
                existing = _existing_keys(session, kind, list(rows))
                if kind is Kind.SURVEY:  # earlier id-less rows go first: these are inserts
                    existing = {k for k in existing if not _replaced(k, scopes)}
                updated[kind.value] = len(existing)
                inserted[kind.value] = len(rows) - len(existing)
        return ImportSummary(
            _file_counts(results),
            inserted,
            updated,
            dry_run=True,
            replaced_id_less=sum(replaced.values()),
            notes=tally_notes(replaced),
        )

    def write(
        self,
        results: Sequence[LoadResult],
        *,
        user: str = "cli",
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Upsert every record of every result in one transaction (an existing id is replaced).

        Any database error rolls the whole batch back and is raised as `ImportFailed`.
        """
        inserted, updated = empty_counts(), empty_counts()
        files = _file_counts(results)
        try:
            with write_session(self.engine) as session:
                replaced = drop_id_less(session, id_less_scopes(results))
                for kind, rows in _rows_by_kind(results).items():
                    ins, upd = _upsert(session, kind, rows, progress)
                    inserted[kind.value], updated[kind.value] = ins, upd
                log = _log_row(files, inserted, updated, user)
                session.add(log)
                session.flush()
                log_id = log.id
        except IntegrityError as error:
            reason = (
                "数据库拒绝写入，未做任何修改 / database refused the batch, nothing changed: "
                f"{error.orig}"
            )
            raise ImportFailed([Problem("", None, None, None, reason)]) from error
        return ImportSummary(
            files,
            inserted,
            updated,
            dry_run=False,
            log_id=log_id,
            replaced_id_less=sum(replaced.values()),
            notes=tally_notes(replaced),
        )


Identity = tuple[str, str]


def _replaced(identity: Identity, scopes: set[tuple[str, str]]) -> bool:
    school, key = identity
    return key.startswith(ID_LESS_PREFIX) and any(school == s for s, _ in scopes)


def _rows_by_kind(results: Iterable[LoadResult]) -> dict[Kind, dict[Identity, dict[str, Any]]]:
    """Rows grouped per kind in dependency order, keyed by identity; a later duplicate wins."""
    grouped: dict[Kind, dict[Identity, dict[str, Any]]] = {}
    for result in results:
        rows = grouped.setdefault(result.kind, {})
        for record in result.records:
            rows[identity(result.kind, record)] = to_row(record)
    return {kind: grouped[kind] for kind in IMPORT_ORDER if grouped.get(kind)}


def _existing_keys(session: Session, kind: Kind, keys: list[Identity]) -> set[Identity]:
    """Which identities are stored; surveys match on (school, key), so a key of another school
    is never "existing" for this one."""
    column = getattr(TABLES[kind], KEY_FIELDS[kind])
    found: set[Identity] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        if kind is Kind.SURVEY:
            pair = tuple_(SurveyResponseRow.school_id, column)
            rows = session.execute(
                select(SurveyResponseRow.school_id, column).where(pair.in_(chunk))
            )
            found.update((str(school), str(key)) for school, key in rows)
        else:
            plain = [key for _school, key in chunk]
            found.update(
                ("", key) for key in session.scalars(select(column).where(column.in_(plain)))
            )
    return found


def _upsert(
    session: Session, kind: Kind, rows: dict[Identity, dict[str, Any]], progress: Progress | None
) -> tuple[int, int]:
    """Insert new keys and update existing ones with ORM bulk statements, chunk by chunk."""
    table = TABLES[kind]
    existing = _existing_keys(session, kind, list(rows))
    items = list(rows.items())
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        new = [row for key, row in chunk if key not in existing]
        old = [row for key, row in chunk if key in existing]
        if new:
            session.execute(insert(table), new)
        if old:
            session.execute(update(table), old)
        if progress is not None:
            progress(f"写入 / writing {kind.value}", start + len(chunk), len(items))
    return len(items) - len(existing), len(existing)


def _file_counts(results: Iterable[LoadResult]) -> tuple[FileCount, ...]:
    return tuple(FileCount(r.file, r.kind, len(r.records)) for r in results)


def _log_row(
    files: tuple[FileCount, ...], inserted: dict[str, int], updated: dict[str, int], user: str
) -> ImportLogRow:
    return ImportLogRow(
        at=datetime.now(UTC).replace(tzinfo=None),
        user=user,
        files=json.dumps([f.file for f in files], ensure_ascii=False),
        counts=json.dumps({"inserted": inserted, "updated": updated}, ensure_ascii=False),
    )
