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

from catalog import ImportFailed, Kind, Settings
from catalog._importer import import_paths
from catalog._store import open_store
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
