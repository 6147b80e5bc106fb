"""Pseudonymous respondent keys: an HMAC of whatever id an export carries, never the id itself."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

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


def student_key(code: str, secret: str, *, school_id: str) -> str:
    """HMAC-SHA256 (hex) of a school's own student code, for 选课 choices.

    Scoped by school only (never by semester), so the same pupil has the same key next
    semester (priority by last semester's placement) while equal codes in two schools never
    meet. The code is NFKC-normalised (全角 digits = 半角) and stripped; it is never stored.
    """
    normal = unicodedata.normalize("NFKC", code).strip()
    if not normal or not school_id:
        raise ValueError(
            "学生编号和学校编号不能为空 / student code and school id must not be empty"
        )
    message = f"student\x1f{school_id}\x1f{normal}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
