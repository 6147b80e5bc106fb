"""Write realistic 问卷星 exports of the real interest questionnaire, in both export styles.

Reads ../shared/data/afterschool/questionnaire_primary_interest_classes_wjx.json (14 real
questions), adds what a school using kehou would add (学校编号, 填写人身份, 孩子最想学什么,
希望哪几天参加, 接孩子时间) plus the 姓名 and 手机 questions schools often ask (fake values, so
tests can prove they are never stored), and writes 40 answer sheets as

    tests/data/wjx/问卷星_按选项文本.xlsx / .csv (UTF-8 with BOM)
    tests/data/wjx/问卷星_按选项序号.xlsx / .csv (GB18030, as Excel on Chinese Windows saves it)
    tests/data/wjx/questionnaire.txt (the questionnaire as 问卷星 downloads it as text)

and, when the demo schools exist (catalog/demo_data/schools.*), catalog/demo_data/问卷星_<id>.xlsx.
Deterministic: same seed, same bytes.  Usage: python scripts/make_wjx_fixtures.py [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from catalog import xlsx_bytes, xlsx_value

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / ".." / "shared" / "data" / "afterschool"
QUESTIONNAIRE = SOURCE / "questionnaire_primary_interest_classes_wjx.json"
OUT = ROOT / "tests" / "data" / "wjx"
DEMO = ROOT / "catalog" / "demo_data"
FIXTURE_SCHOOL = "TY03"
META = ("序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP")
FIXED_TIME = (2025, 9, 10, 8, 0, 0)


@dataclass(frozen=True)
class Q:
    """One question: number, text, 问卷星 type, options."""

    no: int
    text: str
    kind: str
    options: tuple[str, ...] = ()

    @property
    def multi(self) -> bool:
        return self.kind == "多选题"


ADDED_BEFORE = (
    ("学校编号（请向班主任询问）", "填空题", ()),
    ("填写人身份", "单选题", ("学生", "家长")),
    ("学生姓名", "填空题", ()),
    ("家长手机号码", "填空题", ()),
)
ADDED_AFTER = (
    ("孩子最想学什么？（可以写多个）", "填空题", ()),
    ("您希望孩子每周哪几天参加课后兴趣活动？", "多选题", ("周一", "周二", "周三", "周四", "周五")),
    ("您一般几点来接孩子？", "单选题", ("16:30前", "16:30-17:30", "17:30-18:00", "18:00以后")),
)

# fmt: off
WISHES = (
    "想学编成，他对电脑特别感兴趣", "乐高机器人", "游泳 还有篮球", "画画儿", "书发（毛笔字）",
    "围期", "跳舞和唱歌", "足求", "没想好，看孩子自己", "科学小实验", "编程、航模", "吉他",
    "小主持人，练练口才", "象棋", "跆拳道", "陶艺 捏泥巴那种", "种菜，养植物", "尤克里里",
    "街舞", "英语口语", "数学思维", "做饭 想自己炒个蛋炒饭", "羽毛球", "轮滑", "无人机",
    "花鼓戏", "剪纸", "武术，强身健体", "啥都行 孩子开心就好", "天文，喜欢看星星",
)
OTHER_CLASSES = ("机器人", "游泳", "围期", "乐高", "跆拳道", "小主持人", "轮滑", "街舞")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗谭彭邓"
GIVEN = (
    "子涵", "欣怡", "梓轩", "浩然", "雨桐", "宇航", "诗涵", "俊熙", "可馨", "一诺", "思远", "佳琪",
)
# fmt: on
IP_PREFIXES = ("113.246", "175.6", "222.247", "59.51", "110.53", "36.157")
CITIES = ("湖南-株洲",) * 5 + ("湖南-长沙", "湖南-湘潭")


def load_questions() -> list[Q]:
    """The real questionnaire with the kehou questions around it, renumbered from 1."""
    real = json.loads(QUESTIONNAIRE.read_text(encoding="utf-8"))
    spec = [*ADDED_BEFORE, *((q["question"], q["type"], tuple(q["options"])) for q in real)]
    spec += ADDED_AFTER
    return [Q(no, text, kind, tuple(opts)) for no, (text, kind, opts) in enumerate(spec, start=1)]


def answer_sheet(rng: random.Random, questions: list[Q], index: int) -> dict[int, object]:
    """One respondent: question number -> option numbers (list), free text (str), -2 or -3."""
    who = 2 if rng.random() < 0.75 else 1
    phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
    sheet: dict[int, object] = {1: FIXTURE_SCHOOL, 2: [who], 3: _name(rng), 4: phone}
    for q in questions[4:]:
        sheet[q.no] = _choose(rng, q) if q.options else ""
    by_text = {q.text: q.no for q in questions}
    interests = by_text["您的孩子参加以下哪些兴趣班："]
    picks = sorted(rng.sample(range(1, 11), rng.choice((1, 1, 2, 2, 3, 4))))
    if rng.random() < 0.3:
        picks.append(11)  # 其他, with typed text
    sheet[interests] = picks
    wish = by_text["孩子最想学什么？（可以写多个）"]
    sheet[wish] = rng.choice(WISHES) if rng.random() < 0.7 else ""
    if index == 7:
        sheet[wish] = f"想学编程，有问题可以打我电话{phone}"
    if who == 1:  # 接孩子时间 is shown to parents only
        sheet[by_text["您一般几点来接孩子？"]] = -3
    if index == 11:
        sheet[by_text["您的孩子是小学几年级"]] = -2
    if index == 23:
        sheet[by_text["您更偏重孩子“德智体美劳”那一方面的塑造"]] = -3
    if index % 9 == 4:
        sheet[by_text["您希望孩子每周哪几天参加课后兴趣活动？"]] = -2
    return sheet


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _choose(rng: random.Random, q: Q) -> list[int] | int:
    """Random option numbers; 其他 only where typed text is expected; a few skips (-2)."""
    real = [i for i, opt in enumerate(q.options, start=1) if opt not in ("其他", "其它")]
    if q.multi:
        most = min(3, len(real) - 1) if len(real) > 2 else 1  # 会/不会, 是/否: one of them
        return sorted(rng.sample(real, rng.randint(1, most)))
    if rng.random() < 0.05 and q.no > 10:
        return -2
    return [rng.choice(real)]


def other_text(rng: random.Random) -> str:
    return rng.choice(OTHER_CLASSES)


def text_cell(q: Q, value: object, fill: str) -> str:
    """按选项文本: option texts joined by ┋, typed text in 〖〗; (跳过) / (空) for -2 / -3."""
    if value == -2:
        return "(跳过)"
    if value == -3 or value == "":
        return "(空)"
    if isinstance(value, str):
        return value
    parts = [q.options[i - 1] for i in value]  # type: ignore[attr-defined]
    return "┋".join(f"{p}〖{fill}〗" if p == "其他" else p for p in parts)


def code_cells(q: Q, value: object, fill: str) -> list[object]:
    """按选项序号: a number per 单选题, a 1/0 column per option of a 多选题 (其他: typed text)."""
    if isinstance(value, str):
        return [value or "(空)"]
    if isinstance(value, int):
        return [value] * (len(q.options) if q.multi else 1)
    chosen = list(value)  # type: ignore[call-overload]
    if not q.multi:
        return [chosen[0]]
    return [
        (fill if opt == "其他" else 1) if i in chosen else 0
        for i, opt in enumerate(q.options, start=1)
    ]


def headers(questions: list[Q], code: bool) -> list[str]:
    cols = list(META)
    for q in questions:
        if code and q.multi:
            cols += [f"{q.no}、{q.text}({opt})" for opt in q.options]
        else:
            cols.append(f"{q.no}、{q.text}")
    return cols


def meta(rng: random.Random, index: int, when: datetime) -> list[object]:
    ip = f"{rng.choice(IP_PREFIXES)}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}"
    source = rng.choice(("手机提交", "微信", "微信", "链接"))
    detail = "N/A" if source == "手机提交" else rng.choice(("直接访问", "微信群", "N/A"))
    stamp = f"{when.year}/{when.month}/{when.day} {when:%H:%M:%S}"
    return [
        index,
        stamp,
        f"{rng.randint(70, 600)}秒",
        source,
        detail,
        f"{ip}({rng.choice(CITIES)})",
    ]


def build(
    seed: int, count: int, school: str, start: datetime = datetime(2025, 9, 8, 18, 2, 11)
) -> tuple[list[Q], list[list[object]], list[list[object]]]:
    """Rows of both styles for `count` respondents (same people, same answers)."""
    rng = random.Random(seed)
    questions = load_questions()
    when = start
    text_rows: list[list[object]] = []
    code_rows: list[list[object]] = []
    for index in range(1, count + 1):
        when += timedelta(seconds=rng.randint(30, 5400))
        head = meta(rng, index, when)
        sheet = answer_sheet(rng, questions, index)
        sheet[1] = school
        fill = other_text(rng)
        text_rows.append(head + [text_cell(q, sheet[q.no], fill) for q in questions])
        code_rows.append(head + [c for q in questions for c in code_cells(q, sheet[q.no], fill)])
    return questions, text_rows, code_rows


def questionnaire_txt(questions: list[Q]) -> str:
    blocks = [
        f"{q.no}. {q.text}[{q.kind}]\n" + "".join(o + "\n" for o in q.options) for q in questions
    ]
    return "\n".join(blocks)


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """XLSX through kehou's one XLSX helper (catalog.xlsx_value: no cell can run as a formula;
    catalog.xlsx_bytes: fixed timestamps, so reruns give the same bytes). No styling: this
    imitates a 问卷星 export."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append([xlsx_value(h) for h in header])
    for row in rows:
        sheet.append([xlsx_value(v) for v in row])
    path.write_bytes(xlsx_bytes(book, fixed=datetime(*FIXED_TIME)))


def write_csv(path: Path, header: list[str], rows: list[list[object]], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([["" if c is None else c for c in row] for row in rows])


def demo_school() -> str | None:
    """The first 小学 (the questionnaire is for primary pupils) in the demo schools file, if any."""
    from catalog import Kind, kind_from_filename, read_table

    for path in sorted(DEMO.iterdir()):
        if path.suffix not in (".csv", ".xlsx") or kind_from_filename(path.name) is not Kind.SCHOOL:
            continue
        table = read_table(path)
        ids = [h for h in ("id", "学校编号") if h in table.header]
        levels = [h for h in ("level", "学段") if h in table.header]
        if not ids or not levels:
            continue
        id_col, level_col = table.header.index(ids[0]), table.header.index(levels[0])
        return next((r[id_col] for r in table.rows if r[level_col] == "小学"), None)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20250908)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    questions, text_rows, code_rows = build(args.seed, args.count, FIXTURE_SCHOOL)
    write_xlsx(OUT / "问卷星_按选项文本.xlsx", headers(questions, False), text_rows)
    write_csv(OUT / "问卷星_按选项文本.csv", headers(questions, False), text_rows, "utf-8-sig")
    write_xlsx(OUT / "问卷星_按选项序号.xlsx", headers(questions, True), code_rows)
    write_csv(OUT / "问卷星_按选项序号.csv", headers(questions, True), code_rows, "gb18030")
    (OUT / "questionnaire.txt").write_text(questionnaire_txt(questions), encoding="utf-8")
    print(f"wrote {args.count} answer sheets in both styles to {OUT}")
    school = demo_school()
    if school is None:
        print("no demo schools file (学校.csv / schools.csv) yet: demo 问卷星 export not written")
        return
    _, demo_rows, _ = build(args.seed + 1, 60, school, datetime(2026, 9, 7, 17, 48, 5))
    write_xlsx(DEMO / f"问卷星_{school}.xlsx", headers(questions, False), demo_rows)
    print(f"wrote demo export {DEMO / f'问卷星_{school}.xlsx'}")


if __name__ == "__main__":
    main()
