"""The store on a real PostgreSQL server: the same migration, round trip and all-or-nothing.

The test starts its own throw-away server (initdb in a temp folder, a free loopback port, run
as the `postgres` user), so it needs Debian's PostgreSQL server binaries and root to switch
user; it skips with a clear message where either is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog import (
    DRAFT,
    SUBMITTED,
    ImportFailed,
    Kind,
    NewVersion,
    Settings,
    TransitionError,
    add_version,
    create_token,
    current_version,
    current_versions,
    find_token,
    history,
    latest_allocation,
    revoke_token,
    save_allocation,
    session_principal,
    start_session,
)
from catalog._importer import import_paths
from catalog._store import Store, open_store
from tests.catalog.import_files import GOOD, write_files
from tests.catalog.store_samples import batch, samples


def _initdb() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(*args: str) -> None:
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, timeout=60
    )


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    initdb = _initdb()
    if initdb is None or os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("需要 PostgreSQL 服务器程序和 root / needs Debian's PostgreSQL server and root")
    pytest.importorskip("psycopg", reason="psycopg 未安装 / pip install 'kehou[postgres]'")
    bindir = Path(initdb).parent
    # pytest's own temp folders are private to root; the server runs as `postgres`
    home = Path(tempfile.mkdtemp(prefix="kehou-pg-"))
    shutil.chown(home, "postgres")
    data = home / "data"
    port = _free_port()
    _as_postgres(
        str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"
    )
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(home / "server.log")
    _as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-l", log, "-o", opts, "-w", "start")
    try:
        _as_postgres(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "kehou")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/kehou"
    finally:
        _as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(home, ignore_errors=True)


def test_migration_and_round_trip(postgres_url: str) -> None:
    settings = Settings(db=postgres_url)
    records = samples()
    with open_store(settings) as store:
        store.write(batch(records))
        for kind, expected in records.items():
            assert sorted(store.records(kind), key=repr) == sorted(expected, key=repr), kind
    with open_store(settings) as again:  # the migration is idempotent on reopen
        assert again.counts() == {k.value: len(records.get(k, [])) for k in Kind}


def test_failed_import_changes_nothing(postgres_url: str, tmp_path: Path) -> None:
    settings = Settings(db=postgres_url)
    with open_store(settings) as store:
        before = store.fingerprint()
    bad = dict(GOOD)
    bad["courses.csv"] = GOOD["courses.csv"] + "C99,坏课程,音,1-6,abc,45,20,\n"
    with pytest.raises(ImportFailed):
        import_paths([write_files(tmp_path / "bad", bad)], settings)
    with open_store(settings) as store:
        assert store.fingerprint() == before


def _ensure_schools(store: Store) -> None:
    if not store.ids(Kind.SCHOOL):
        store.write(batch(samples()))


def test_programme_versions_and_allocations(postgres_url: str) -> None:
    """Migrations 0005/0006 on PostgreSQL: the version chain, its rules, stored allocations."""
    with open_store(Settings(db=postgres_url)) as store:
        _ensure_schools(store)
        new = NewVersion(
            action="batch", author="batch", doc={"名称": "方案"}, inputs={}, changes={}
        )
        first = add_version(store, "S1", "2026秋", new)
        submit = NewVersion(action="submit", author="S1", doc={}, inputs={}, changes={},
                            consulted_on="2026-09-01", notice_on="2026-09-03")  # fmt: skip
        add_version(store, "S1", "2026秋", submit, after=first.version)
        with pytest.raises(TransitionError):  # a batch never overwrites a submitted programme
            add_version(store, "S1", "2026秋", new)
        with pytest.raises(TransitionError):  # a stale writer is refused
            add_version(store, "S1", "2026秋", submit, after=first.version)
        states = [v.state for v in history(store, "S1", "2026秋")]
        assert states == [DRAFT, SUBMITTED]
        assert current_versions(store, "2026秋")["S1"].doc == {}
        current = current_version(store, "S1", "2026秋")
        assert current is not None and current.notice_on == "2026-09-03"
        save_allocation(store, "2026秋", {"基尼": 0.1}, "bureau")
        save_allocation(store, "2026秋", {"基尼": 0.2}, "bureau")
        assert latest_allocation(store, "2026秋") == ("2026秋", {"基尼": 0.2})


def test_tokens_and_sessions(postgres_url: str) -> None:
    """Migration 0004 on PostgreSQL: tokens with expiry, server-side sessions, revocation."""
    with open_store(Settings(db=postgres_url)) as store:
        _ensure_schools(store)
        secret, info = create_token(store, "planner", "S1", "规划员", expires_days=1)
        assert find_token(store, secret) == info
        session_id = start_session(store, info)
        assert session_principal(store, session_id) == info
        assert revoke_token(store, info.id)
        assert find_token(store, secret) is None
        assert session_principal(store, session_id) is None  # revoking ends its sessions
