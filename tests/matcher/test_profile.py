"""Interest profiles: aggregated, pseudonymous, deterministic; needs kept apart from interests."""

from __future__ import annotations

from catalog import Domain, Respondent, SurveyResponse
from embeddings import TfidfEmbedder
from matcher._phrases import need_of
from matcher._profile import ProfileConfig, build_profile


def response(i: int, text: str, grade: int = 3, domains: tuple[str, ...] = ()) -> SurveyResponse:
    return SurveyResponse(
        respondent_key=f"{i:064x}",
        school_id="S1",
        respondent=Respondent.STUDENT if i % 2 else Respondent.PARENT,
        grade=grade,
        interests=text,
        preferred_domains=[Domain(d) for d in domains],
        preferred_days=["周三下午"],
    )


ANSWERS = [
    *["想学陶瓷", "陶瓷和篮球", "做陶瓷", "陶瓷", "学陶瓷吧"],
    *["篮球", "打篮球", "篮球都想学"],
    *["希望能管作业", "作业在学校写完", "六点才能接孩子"],
    "我叫张小明想学航模",  # a single person's unique phrase must not surface
]


def encoder() -> TfidfEmbedder:
    emb = TfidfEmbedder()
    emb.fit(["陶瓷 篮球 航模 作业 编程 舞蹈 书法 想学 做 打", *ANSWERS])
    return emb


def test_themes_counted_in_respondents_and_needs_apart() -> None:
    rows = [response(i, t, grade=2 if i < 6 else 8, domains=("美",)) for i, t in enumerate(ANSWERS)]
    p = build_profile("S1", rows, encoder(), ProfileConfig(min_respondents=2))
    labels = {t.label: t.respondents for t in p.themes}
    ceramics = next(n for label, n in labels.items() if "陶" in label)
    assert ceramics == 5
    assert p.needs["作业辅导"] == 2 and p.needs["延时接送"] == 1
    assert not any("作业" in t.label for t in p.themes)
    assert p.respondents == len(ANSWERS)
    assert p.grade_bands == {"1-3": 6, "7-9": 6}
    assert p.domain_share["美"] == 1.0
    assert p.preferred_days == {"周三下午": len(ANSWERS)}


def test_no_single_response_is_exposed() -> None:
    rows = [response(i, t) for i, t in enumerate(ANSWERS)]
    p = build_profile("S1", rows, encoder(), ProfileConfig(min_respondents=3))
    shown = " ".join(ph for t in p.themes for ph in t.phrases) + " ".join(t.label for t in p.themes)
    assert "张小明" not in shown and "航模" not in shown
    assert all(t.respondents >= 3 for t in p.themes)


def test_profile_is_deterministic_and_order_free() -> None:
    rows = [response(i, t) for i, t in enumerate(ANSWERS)]
    a = build_profile("S1", rows, encoder())
    b = build_profile("S1", list(reversed(rows)), encoder())
    assert a == b


def test_other_schools_rows_are_ignored() -> None:
    other = response(99, "陶瓷").model_copy(update={"school_id": "S2"})
    p = build_profile(
        "S1", [response(1, "篮球"), other], encoder(), ProfileConfig(min_respondents=1)
    )
    assert p.respondents == 1


def test_need_cues() -> None:
    assert need_of("希望能管作业") == "作业辅导"
    assert need_of("外面报班太贵") == "费用"
    assert need_of("陶瓷") is None


def test_unknown_phrases_are_named_by_a_clean_phrase_never_a_fragment() -> None:
    answers = ["想学魔术", "魔术", "想学魔术", "希望学校能搞魔术表演"]
    answers += ["希望学校能开航海", "希望学校能开航海", "希望学校能开航海"]
    rows = [response(i, t) for i, t in enumerate(answers)]
    emb = TfidfEmbedder()
    emb.fit(["魔术 航海 表演 足球 编程", *answers])
    p = build_profile("S1", rows, emb, ProfileConfig(min_respondents=2))
    labels = {t.label for t in p.themes}
    assert "魔术" in labels
    assert not any(label.startswith("校") for label in labels)


def test_vocabulary_names_themes_and_keeps_academic_wishes_apart() -> None:
    answers = [
        "跳舞",
        "舞到",
        "民族舞",
        "开舞到就好",
        "画话",
        "画画儿",
        "画画",
        "奥数",
        "奥数",
        "写作文",
    ]
    rows = [response(i, t) for i, t in enumerate(answers)]
    p = build_profile("S1", rows, encoder(), ProfileConfig(min_respondents=3))
    labels = {t.label: t.respondents for t in p.themes}
    assert labels == {"舞蹈": 4, "绘画": 3}
    assert p.academic == {"奥数": 2, "作文": 1}
