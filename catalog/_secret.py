"""The HMAC secret behind respondent and student keys: never the built-in default in service.

`KEHOU_HMAC_SECRET` wins; else a SQLite database may keep its own secret in a file beside it
(``<database>.secret``, mode 0600), which `kehou demo` writes so that the demo database works
with `kehou serve` without configuration. `kehou serve` refuses the built-in default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url

from catalog._settings import Settings

#: The development default: anyone can read it here, so keys made with it are not secret.
DEFAULT_SECRET = "kehou-dev-secret-change-me"


def uses_default_secret(settings: Settings) -> bool:
    return settings.hmac_secret == DEFAULT_SECRET


def secret_file(settings: Settings) -> Path | None:
    """Where a SQLite file database keeps its secret; None for other databases."""
    url = make_url(settings.db_url())
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        return None
    return Path(f"{Path(database).expanduser()}.secret")


def with_stored_secret(settings: Settings) -> Settings:
    """`settings` with the database's own secret when the default is in force and one exists."""
    path = secret_file(settings)
    if not uses_default_secret(settings) or path is None or not path.is_file():
        return settings
    stored = path.read_text(encoding="utf-8").strip()
    return settings.model_copy(update={"hmac_secret": stored}) if stored else settings


def ensure_secret(settings: Settings) -> Settings:
    """The settings with a secret of their own: an explicit one, the stored one, or a new random
    one kept beside the database (for the demo); a database without a file gets it in memory."""
    settings = with_stored_secret(settings)
    if not uses_default_secret(settings):
        return settings
    fresh = secrets.token_urlsafe(32)
    path = secret_file(settings)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(fresh + "\n")
    return settings.model_copy(update={"hmac_secret": fresh})
