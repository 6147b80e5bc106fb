"""The one text normalisation every backend and the cache apply, so equal texts embed equally.

NFKC folds full-width letters, digits and punctuation to half width (Ａ→A, １→1, ，→,) and the
ideographic space to a plain space; runs of whitespace collapse to one space. Chinese
characters themselves are left alone. Bump `NORMALISATION_VERSION` when this changes: it is part
of every fingerprint, so cached vectors and saved indexes are invalidated.
"""

from __future__ import annotations

import re
import unicodedata

NORMALISATION_VERSION = "nfkc-ws-1"
RAW_VERSION = "raw"

_WHITESPACE = re.compile(r"\s+")
#: full-width ASCII (！…～) and the ideographic space to what NFKC makes of them; each maps to
#: one character that NFKC leaves alone, so NFKC(translate(t)) == NFKC(t), and most catalogue
#: texts (Chinese with ，：（）) are then already NFKC: half the time of NFKC on the whole text
_FULL_WIDTH = str.maketrans(
    {c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}
)


def normalise(text: str) -> str:
    """NFKC (full width to half width) and whitespace collapsed and stripped."""
    text = text.translate(_FULL_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):  # the quick check is most of the time
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())  # str.split's whitespace is re's \s: the same collapse


def normalise_all(texts: list[str] | tuple[str, ...], enabled: bool = True) -> list[str]:
    """`normalise` over a batch, or the texts unchanged (as a list) when disabled."""
    if not enabled:
        return list(texts)
    return [normalise(t) for t in texts]


def normalisation_tag(enabled: bool) -> str:
    """The fingerprint part that names the normalisation in force."""
    return NORMALISATION_VERSION if enabled else RAW_VERSION
