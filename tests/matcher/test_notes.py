"""Academic wishes the vocabulary does not know are decided by the one 学科类 wish rule."""

from __future__ import annotations

import pytest

from catalog.policy import is_academic_wish
from matcher._notes import academic_notes, is_academic_theme
from matcher._profile import InterestProfile, Theme


def theme(label: str, topic: str | None = None) -> Theme:
    return Theme(label, (label,), 4, 0.2, label, topic)


@pytest.mark.parametrize("wish", ["想提高英语成绩", "补数学", "物理题讲解"])
def test_unknown_academic_themes_follow_the_wish_rule(wish: str) -> None:
    assert is_academic_wish(wish)
    assert is_academic_theme(theme(wish))


@pytest.mark.parametrize("wish", ["想和同学一起搭积木", "作业没人辅导"])
def test_other_unknown_themes_are_not_academic(wish: str) -> None:
    assert not is_academic_theme(theme(wish))


def test_a_vocabulary_theme_is_never_re_judged() -> None:
    assert not is_academic_theme(theme("英语绘本剧", topic="戏剧"))


def test_the_note_names_each_academic_wish_with_its_count() -> None:
    profile = InterestProfile(
        "X",
        10,
        8,
        2,
        {},
        {},
        (theme("想提高英语成绩"), theme("足球", "足球")),
        academic={"奥数": 5},
    )
    notes = academic_notes(profile)
    assert len(notes) == 1
    assert "奥数（5 人）" in notes[0] and "想提高英语成绩（4 人）" in notes[0]
    assert "足球" not in notes[0]
