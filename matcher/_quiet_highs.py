"""A HiGHS instance without its copyright banner.

highspy prints a banner on the C-level stdout the first time a `Highs()` is built; the user
of `kehou demo` or a `--json` command should see neither it nor a stray line on stdout, so the
first build sends the C stdout to the null device for that moment. Later builds print nothing.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_built = {"done": False}


def quiet_highs() -> Any:
    """A new `highspy.Highs()`; the first one of the process is built with stdout muted."""
    import highspy

    if _built["done"]:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    _built["done"] = True
    return h
