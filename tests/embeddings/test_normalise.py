"""The one text normalisation: width folding and whitespace, idempotent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from embeddings import normalise


def test_full_width_becomes_half_width() -> None:
    assert normalise("ＡＢＣ１２３，（陶艺）") == "ABC123,(陶艺)"


def test_whitespace_collapses_and_strips() -> None:
    assert normalise("  陶艺\u3000\u3000课程\n\t入门 ") == "陶艺 课程 入门"


def test_chinese_punctuation_without_half_width_form_is_kept() -> None:
    assert normalise("剪纸、泥塑。") == "剪纸、泥塑。"


@given(st.text())
def test_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def reference(text: str) -> str:
    """The definition: NFKC on the whole text, then whitespace collapsed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_full_width_shortcut_is_nfkc_for_every_character() -> None:
    """Every BMP character alone, and each full-width one before every combining mark."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    assert [normalise(c) for c in chars] == [reference(c) for c in chars]
    marks = [chr(c) for c in range(0x0300, 0x0370)]
    pairs = [chr(w) + m for w in (*range(0xFF01, 0xFF5F), 0x3000) for m in marks]
    assert [normalise(p) for p in pairs] == [reference(p) for p in pairs]


@given(st.text(alphabet=st.sampled_from("Ａａ１，（）\u3000 \u0301\u0308陶艺课ｶﾞ①㈱ﬁ\n")))
def test_the_full_width_shortcut_is_nfkc_on_any_text(text: str) -> None:
    assert normalise(text) == reference(text)
