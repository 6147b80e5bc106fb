"""The `kehou` command line. Each command lives in its own module and registers on `app`."""

from __future__ import annotations

import sys

# Command modules register themselves on import; keep one line per module.
from api.cli import (
    _commands_alloc,  # noqa: F401  (gap)
    _commands_allocate,  # noqa: F401  (allocate)
    _commands_batch,  # noqa: F401  (batch)
    _commands_catalog,  # noqa: F401  (import, stats, demo)
    _commands_check,  # noqa: F401  (check)
    _commands_embed,  # noqa: F401  (embed, search)
    _commands_enrol,  # noqa: F401  (enrol)
    _commands_evaluate,  # noqa: F401  (evaluate)
    _commands_purge,  # noqa: F401  (purge)
    _commands_recommend,  # noqa: F401  (recommend)
    _commands_serve,  # noqa: F401  (serve)
    _commands_token,  # noqa: F401  (token create)
    _demo_stages,  # noqa: F401  (demo: check, recommend, allocate; after _commands_catalog)
)
from api.cli._app import app


def main() -> None:
    """Console-script entry point: usage errors exit 2, user errors 1."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


__all__ = ["app", "main"]
