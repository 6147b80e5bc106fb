"""Pseudonymous respondent keys: an HMAC of whatever id an export carries, never the id itself."""

from __future__ import annotations

import hashlib
import hmac

#: Keys of rows from a file without respondent ids (anonymous tally sheets) start with this:
#: importing such a file for a school and semester replaces that school's earlier id-less rows.
ID_LESS_PREFIX = "anon-"


def respondent_key(raw_id: str, secret: str, *, scope: str = "") -> str:
    """HMAC-SHA256 (hex) of the export's respondent id, keyed by the settings' secret.

    `scope` (for example the school id and semester) keeps equal raw ids from different exports
    apart, since 问卷星 numbers every export's answers from 1.
    """
    message = f"{scope}\x1f{raw_id.strip()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
