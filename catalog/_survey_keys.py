"""Survey identity rules shared by validation: which ready-made keys are accepted, and the
digest an anonymous tally sheet's keys are derived from."""

from __future__ import annotations

import hashlib
import re

from catalog._readers import Table

#: An exported key: 64 hex digits, `anon-` first for rows of an id-less file.
HEX_KEY = re.compile(r"(?:anon-)?[0-9a-f]{64}")

KEYS_REFUSED = (
    "上传的问卷不能带现成的答卷标识（respondent_key）列；请删去该列，原始编号放在「答卷编号」列"
    "或不带编号 / an upload may not carry a ready-made respondent_key column: remove it and put "
    "raw ids in respondent_id, or send no id at all"
)


def tally_digest(table: Table) -> str:
    """SHA-256 of a table's text: what an id-less row's key is derived from (with its row)."""
    digest = hashlib.sha256()
    for row in [table.header, *table.rows]:
        digest.update("\x1f".join(row).encode("utf-8") + b"\x1e")
    return digest.hexdigest()
