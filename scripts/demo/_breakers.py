"""Deliberately non-compliant catalogue rows, so the rules downstream have something real to catch.

Listed in docs/data-contract.md ("Deliberate rule-breakers in the demo data"); keep both in step.
"""

from __future__ import annotations

UNVERIFIED_SPECIALIST = {
    "id": "SP901",
    "name": "周墨林",
    "kind": "文艺工作者",
    "skills": "书法、篆刻",
    "bio": "自称书法家协会会员，资质材料尚未提交，教育局未审核。",
    "district": "荷塘区",
    "lat": "27.86012",
    "lon": "113.16533",
    "max_travel_km": "15",
    "available_slots": "周二下午、周四下午",
    "max_schools": "3",
    "fee_per_session": "120",
    "qualification": "",
    "verified": "否",
    "institution_id": "",
}


def _course(
    cid: str,
    title: str,
    domains: str,
    grades: str,
    fee: str,
    minutes: str,
    provider: str,
    description: str,
) -> dict[str, str]:
    return {
        "id": cid,
        "title": title,
        "description": description,
        "domains": domains,
        "grades": grades,
        "fee_per_session": fee,
        "session_minutes": minutes,
        "capacity": "40",
        "provider_id": provider,
        "tags": "拓展",
    }


BREAKER_COURSES = (
    _course(
        "C901",
        "思维拓展（培优班）",
        "智",
        "3-6",
        "3",
        "45",
        "",
        "以奥数经典题型为主线：鸡兔同笼、行程问题、数论与计数。每次课讲例题、做练习卷，"
        "每月一次测验，帮助孩子在小升初选拔中脱颖而出。",
    ),
    _course(
        "C902",
        "英语口语提升班",
        "智",
        "3-6",
        "2",
        "45",
        "",
        "名为口语，实际每次课按教材单元讲解语法、做句型转换和单词听写，课后布置练习册，"
        "期末进行模拟测试并公布成绩。",
    ),
    _course(
        "C903",
        "作文提高班",
        "智、美",
        "7-9",
        "2",
        "45",
        "",
        "围绕中考作文评分标准，每周写一篇考场作文，老师逐篇批改打分并讲评满分范文，积累高分素材。",
    ),
    _course(
        "C904",
        "物理实验精讲",
        "智",
        "8-9",
        "3",
        "45",
        "",
        "针对中考物理实验题逐题精讲，梳理历年真题考点，课堂限时训练并讲评试卷。",
    ),
    _course(
        "C905",
        "趣味逻辑游戏",
        "智",
        "2-5",
        "3",
        "45",
        "INS17",
        "用桌游、数独和推理卡牌训练逻辑，由合作机构派老师到校授课。",
    ),
    _course(
        "C906",
        "篮球精英训练营",
        "体",
        "4-9",
        "12",
        "45",
        "",
        "校队标准的专项训练，外聘教练带队，每次课十二元，含器材损耗费。",
    ),
    _course(
        "C907",
        "书法与篆刻",
        "美",
        "4-9",
        "2",
        "60",
        "SP901",
        "学写隶书和刻一方自己的名章，由校外书法老师授课。",
    ),
)
