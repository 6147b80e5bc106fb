"""The interest vocabulary: names as people use them, typos in answers only, academic group."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Domain, ImportFailed, load_vocabulary, parse_vocabulary, vocabulary
from catalog._interests import canonical, interest_domain, is_academic, lookup, room_type

HEADER = "name,topic,feature,domain,category,room,academic,synonyms,typos\n"


def test_shipped_file_is_large_and_covers_every_domain() -> None:
    vocab = vocabulary()
    assert len(vocab.interests) >= 180
    assert {i.domain for i in vocab.interests} == set(Domain)
    assert {i.category for i in vocab.interests} >= {"体育", "艺术", "科技", "劳动", "德育", "学科"}
    assert all(i.feature for i in vocab.interests if not i.academic)


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("跳舞", "舞蹈"),
        ("开舞到就好", "舞蹈"),
        ("踢球", "足球"),
        ("捏泥巴", "泥塑"),
        ("下棋", "下棋"),
        ("下围棋", "围棋"),
        ("写代码", "编程"),
        ("打蓝球吧", "篮球"),
        ("画话", "绘画"),
        ("把字写好", "硬笔书法"),
        ("我家孩子喜欢智能机器人", "机器人"),
        ("Python", "Python编程"),
        ("ＰＹＴＨＯＮ", "Python编程"),
        ("醴陵釉下五彩瓷", "釉下五彩瓷"),
    ],
)
def test_colloquial_forms_map_to_the_name_people_use(said: str, name: str) -> None:
    assert canonical(said) == name


def test_unknown_and_need_phrases_name_nothing() -> None:
    assert canonical("校能开~") is None
    assert canonical("希望学校能开") is None
    assert lookup("六点才能接") == []


def test_longest_term_wins_and_matches_are_in_order() -> None:
    found = lookup("智能机器人和英语绘本剧场")
    assert [m.interest.name for m in found] == ["机器人", "英语戏剧"]
    assert [m.term for m in found] == ["智能机器人", "英语绘本剧"]
    assert found[0].start == 0 and found[0].end == 5


def test_typos_only_in_survey_phrases() -> None:
    assert canonical("想学编成") == "编程"
    assert lookup("把故事改编成课本剧", typos=False)[0].interest.name == "戏剧"
    assert not any(m.interest.name == "编程" for m in lookup("改编成", typos=False))


def test_academic_group() -> None:
    for wish in ("奥数", "学英语", "写作文", "作文", "写作", "英语口语", "物理辅导"):
        assert is_academic(wish), wish
    for wish in ("英语绘本剧", "毛笔书法", "足球", "科学小实验", "围棋"):
        assert not is_academic(wish), wish


def test_domain_category_and_room() -> None:
    vocab = vocabulary()
    assert interest_domain("踢足球") == Domain.TI
    assert interest_domain("做饭") == Domain.LAO
    assert room_type("写代码") == "计算机房"
    assert room_type("跳舞") == "舞蹈房"
    assert vocab.get("足球") is not None and vocab.get("足球").feature == "校园足球"  # type: ignore[union-attr]
    assert {i.name for i in vocab.topic_members("陶瓷")} >= {"陶艺", "泥塑", "釉下五彩瓷"}


def test_best_reads_title_first_and_can_skip_academic() -> None:
    vocab = vocabulary()
    found = vocab.best("孩子们画瓷坯，学习醴陵釉下五彩瓷技法", title="小小瓷画师")
    assert found is not None and found.topic == "陶瓷"
    show = vocab.best("物理、化学趣味实验，到校开展讲座", title="科普大篷车", academic=False)
    assert show is not None and not show.academic


def test_bad_file_names_row_and_column(tmp_path: Path) -> None:
    bad = HEADER + "足球,足球,校园足球,体,体育,操场,0,踢球,\n篮球,篮球,篮球,X,体育,操场,0,,\n"
    with pytest.raises(ImportFailed) as err:
        parse_vocabulary("v.csv", bad.encode())
    assert "第3行" in str(err.value) and "domain" in str(err.value)
    dup = HEADER + "足球,足球,校园足球,体,体育,操场,0,踢球,\n篮球,篮球,篮球,体,体育,操场,0,踢球,\n"
    with pytest.raises(ImportFailed, match="踢球"):
        parse_vocabulary("v.csv", dup.encode())
    with pytest.raises(ImportFailed, match="missing columns"):
        parse_vocabulary("v.csv", b"name,topic\n")


def test_gb18030_file_reads_the_same(tmp_path: Path) -> None:
    text = HEADER + "足球,足球,校园足球,体,体育,操场,0,踢球、踢足球,踢足求\n"
    path = tmp_path / "interests.csv"
    path.write_bytes(text.encode("gb18030"))
    vocab = load_vocabulary(path)
    assert vocab.canonical("踢足求") == "足球" and vocab.canonical("踢足球") == "足球"
