"""Student keys for 选课 are school-scoped and stable across semesters (issue 11)."""

from __future__ import annotations

import pytest

from catalog import respondent_key, student_key


def test_student_key_is_stable_across_semesters_and_scoped_by_school() -> None:
    first = student_key("2023010101", "s3cret", school_id="TY01")
    assert first == student_key(
        " ２０２３０１０１０１ ", "s3cret", school_id="TY01"
    )  # 全角, spaces
    assert len(first) == 64 and "2023010101" not in first
    assert first != student_key("2023010101", "s3cret", school_id="TY02")
    assert first != student_key("2023010101", "other", school_id="TY01")
    assert first != respondent_key("2023010101", "s3cret", scope="TY01|")


@pytest.mark.parametrize(("code", "school"), [("", "TY01"), ("  ", "TY01"), ("7", "")])
def test_student_key_refuses_empty_parts(code: str, school: str) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        student_key(code, "s", school_id=school)
