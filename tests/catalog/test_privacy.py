"""Free-text scrubbing: names and numbers never reach a stored survey answer, interests stay."""

from __future__ import annotations

import pytest

from catalog._privacy import scrub_free_text


@pytest.mark.parametrize(
    ("text", "secrets", "kept"),
    [
        ("联系电话13812345678 王小明", ("13812345678", "王小明", "电话"), ""),
        ("想学围棋 联系电话13812345678 王小明", ("13812345678", "王小明"), "想学围棋"),
        ("王小明 13812345678，书法", ("13812345678", "王小明"), "书法"),
        ("欧阳娜娜 电话13812345678", ("欧阳娜娜", "13812345678"), ""),
        ("姓名：李华，学号20230101，喜欢足球", ("李华", "20230101", "姓名"), "喜欢足球"),
        ("学号：S2023001，喜欢足球", ("S2023001",), "喜欢足球"),
        ("孩子叫李华，喜欢画画", ("李华",), "喜欢画画"),
        ("家长王小明希望开设舞蹈", ("王小明",), "家长 希望开设舞蹈"),
        ("孩子们喜欢足球，联系人：李四", ("李四", "联系人"), "孩子们喜欢足球"),
        ("身份证43020319800101123X 想学编程", ("43020319800101123X",), "想学编程"),
        ("ip 113.246.1.2 或 a.b@qq.com 机器人", ("113.246.1.2", "a.b@qq.com"), "或 机器人"),
        ("座机 0731-22334455，钢琴", ("22334455",), "座机，钢琴"),
    ],
)
def test_names_and_numbers_are_removed(text: str, secrets: tuple[str, ...], kept: str) -> None:
    cleaned = scrub_free_text(text)
    assert [s for s in secrets if s in cleaned] == []
    assert cleaned == kept


@pytest.mark.parametrize(
    "text",
    [
        "家长希望孩子学舞蹈",
        "家长高兴就好",
        "家长和孩子一起做手工",
        "我是家长，想让孩子学钢琴",
        "游泳 还有篮球",
        "机器人、编程、2024年比赛",
        "每周2次，3-6年级",
        "",
    ],
)
def test_ordinary_answers_are_left_alone(text: str) -> None:
    assert scrub_free_text(text) == text
