"""The `kehou` command line. Each command lives in its own module and registers on `app`."""

from __future__ import annotations

import sys

from api.cli._app import app

# Command modules register themselves on import; keep one line per module.
from api.cli import _commands_catalog  # noqa: F401,E402  (import, stats, demo)


def main() -> None:
    """Console-script entry point: usage errors exit 2, user errors 1."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["app", "main"]
