"""The SQLAlchemy engine behind `Store`, and write transactions that take the lock up front.

SQLite runs in WAL mode with a busy timeout, but a deferred ``BEGIN`` that reads first and
writes later cannot wait for the write lock once another writer has committed: it fails at once
with "database is locked". So every write transaction here starts with ``BEGIN IMMEDIATE``
(the busy timeout applies to it), is retried briefly, and contention that outlasts the retries
is raised as `DatabaseBusy`, a one-line message, never an SQL dump. Reads keep a plain
``BEGIN``, so readers never queue behind each other.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

#: Execution option that marks an engine (and its connections) as a writer.
WRITE_OPTION = "kehou_write"
#: Milliseconds SQLite waits for a lock inside one attempt.
BUSY_TIMEOUT_MS = 5000
#: Attempts to take the write lock before giving up.
ATTEMPTS = 3

BUSY_MESSAGE = (
    "数据库正忙（另一个写入正在进行），未做任何修改，请稍后重试 / the database is busy with "
    "another write; nothing changed, try again shortly"
)


class DatabaseBusy(Exception):
    """The write lock could not be taken in time; nothing was written."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)
        self.message = message


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL, foreign keys and the begin listener."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL journal, and real transactions (pysqlite's own BEGIN handling off)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    writer = bool(conn.get_execution_options().get(WRITE_OPTION))
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def writer_engine(engine: Engine) -> Engine:
    """The same pool, marked so that its transactions begin with the write lock (SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def is_busy(error: BaseException) -> bool:
    """Whether a database error is lock contention (SQLite 'locked'/'busy')."""
    text = str(getattr(error, "orig", error)).lower()
    return isinstance(error, OperationalError) and ("locked" in text or "busy" in text)


@contextmanager
def write_session(engine: Engine, *, attempts: int = ATTEMPTS) -> Iterator[Session]:
    """A session inside one write transaction that already holds the lock; commit on exit.

    The lock is taken (``BEGIN IMMEDIATE``) before the body runs, so only taking it is retried;
    `DatabaseBusy` when it stays taken.
    """
    writer = writer_engine(engine)
    for attempt in range(attempts):
        session = Session(writer, expire_on_commit=False)
        try:
            session.begin()
            session.connection()  # emits BEGIN IMMEDIATE now, inside the retry
            break
        except OperationalError as error:
            session.close()
            if not is_busy(error):
                raise
            if attempt == attempts - 1:
                raise DatabaseBusy() from None
            time.sleep(0.05 * (attempt + 1))
    try:
        yield session
        session.commit()
    except OperationalError as error:
        session.rollback()
        if is_busy(error):
            raise DatabaseBusy() from None
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
