"""Clear messages and exit 1, never a traceback (issue 11): a file that is not a database given
to serve or import, a full disk and a read-only output folder during a batch."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.catalog.import_files import GOOD, write_files


def _one_clear_error(result: object) -> str:
    stderr = str(getattr(result, "stderr", ""))
    assert getattr(result, "exit_code", None) == 1, stderr
    assert "Traceback" not in str(getattr(result, "output", ""))
    assert "INSERT" not in stderr and "SELECT" not in stderr
    return " ".join(stderr.split())


def test_serve_and_import_refuse_a_file_that_is_not_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOU_HMAC_SECRET", "test-secret")
    fake = tmp_path / "notes.db"
    fake.write_text("这不是数据库 / not a database\n" * 200, encoding="utf-8")
    runner = CliRunner()
    served = _one_clear_error(runner.invoke(app, ["serve", "--db", str(fake), "--port", "1"]))
    assert "cannot use database" in served and "not a database" in served
    data = write_files(tmp_path / "in", GOOD)
    imported = _one_clear_error(runner.invoke(app, ["import", str(data), "--db", str(fake)]))
    assert "cannot use database" in imported


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "disk full"), (errno.EROFS, "read-only file system")]
)
def test_a_batch_that_cannot_write_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    """The machine's disk is neither full nor read-only (and root ignores modes), so the
    temp-file call every atomic write makes fails the way the kernel would."""
    db = str(tmp_path / "k.db")
    data = write_files(tmp_path / "in", GOOD)
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(data), "--db", db]).exit_code == 0

    def refuse(*_args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code), str(kwargs.get("dir", "")))

    monkeypatch.setattr("catalog._files.tempfile.mkstemp", refuse)
    args = ["batch", "--semester", "2026秋", "--out", str(tmp_path / "out"), "--backend", "tfidf"]
    message = _one_clear_error(runner.invoke(app, [*args, "--db", db]))
    assert words in message and "cannot read or write" in message
