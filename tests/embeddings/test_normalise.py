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
