"""HiGHS's first-build banner reaches neither stdout (a --json document) nor stderr (the demo's
screen): checked in a fresh process, since the banner prints once per process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = "from matcher._quiet_highs import quiet_highs; quiet_highs(); quiet_highs(); print('ok')"


def test_no_banner_on_either_stream() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
    assert "HiGHS" not in done.stderr


def test_plain_highspy_does_print_it() -> None:
    """The guard above can fail: without the muting, the banner is there."""
    code = "import highspy; highspy.Highs()"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "HiGHS" in done.stdout + done.stderr
