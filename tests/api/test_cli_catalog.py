"""`kehou import`, `kehou stats` and `kehou demo` as users and scripts run them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli import app
from catalog import Kind, Settings
from catalog._store import open_store
from matcher.allocation import gini
from tests.catalog.import_files import BROKEN_COURSES, GOOD, write_files

runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_then_stats_json(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    code, out, _ = _invoke("import", str(write_files(tmp_path / "in", GOOD)), "--db", db)
    assert code == 0 and "courses" in out
    code, out, _ = _invoke("stats", "--json", "--db", db)
    stats = json.loads(out)
    assert code == 0
    assert stats["counts"]["courses"] == 3 and stats["counts"]["surveys"] == 2
    assert stats["schools"]["by_district"] == {"天元区": 1, "茶陵县": 1}
    assert stats["courses"]["by_domain"]["美"] == 2


def test_import_json_is_the_only_thing_on_stdout(tmp_path: Path) -> None:
    folder = str(write_files(tmp_path / "in", GOOD))
    code, out, _ = _invoke("import", folder, "--json", "--dry-run", "--db", str(tmp_path / "k.db"))
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and doc["dry_run"] is True
    assert doc["inserted"]["schools"] == 2
    assert not (tmp_path / "k.db").exists()


def test_refused_import_lists_every_problem_and_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    _invoke("import", str(write_files(tmp_path / "in", GOOD)), "--db", db)
    before = _invoke("stats", "--json", "--db", db)[1]
    bad = write_files(tmp_path / "bad", {"courses.csv": BROKEN_COURSES}) / "courses.csv"
    code, out, err = _invoke("import", str(bad), "--json", "--db", db)
    assert code == 1
    doc = json.loads(out)
    assert doc["ok"] is False
    assert {(p["row"], p["column"]) for p in doc["problems"]} == {(3, "每次收费"), (4, "五育")}
    assert "三元" in err and "艺术" in err and "import refused" in err
    assert _invoke("stats", "--json", "--db", db)[1] == before


def test_user_and_usage_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    code, _, err = _invoke("import", str(tmp_path / "missing.csv"), "--db", db)
    assert code == 1 and "no such file" in err
    assert _invoke("import", "--db", db)[0] == 2
    assert _invoke("import", str(tmp_path), "--kind", "bogus", "--db", db)[0] == 2


def test_a_database_that_cannot_be_opened_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = _invoke("stats", "--db", str(blocker / "k.db"))
    assert code == 1 and "error" in err
    if importlib.util.find_spec("psycopg") is None:
        code, _, err = _invoke("stats", "--db", "postgresql+psycopg://u:p@127.0.0.1:9/k")
        assert code == 1 and "missing database driver" in err


def test_kind_option_accepts_a_chinese_stem(tmp_path: Path) -> None:
    odd = write_files(tmp_path, {"导出.csv": GOOD["schools.csv"]}) / "导出.csv"
    code, out, _ = _invoke(
        "import", str(odd), "--kind", "学校", "--json", "--db", str(tmp_path / "k.db")
    )
    assert code == 0 and json.loads(out)["inserted"]["schools"] == 2


def test_demo_starts_from_a_fresh_database(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    full = write_files(tmp_path / "full", GOOD)
    assert _invoke("demo", "--out", str(out), "--data", str(full))[0] == 0
    fewer = {k: v for k, v in GOOD.items() if k in ("schools.csv", "institutions.csv")}
    code, stdout, _ = _invoke(
        "demo", "--out", str(out), "--data", str(write_files(tmp_path / "few", fewer))
    )
    assert code == 0 and str(out.resolve()) in stdout
    with open_store(Settings(db=str(out / "kehou-demo.db"))) as store:
        counts = store.counts()
    assert counts["schools"] == 2 and counts["courses"] == 0 and counts["institutions"] == 1


def test_demo_on_the_bundled_data(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "catalog" / "demo_data"
    if not any(p.suffix in (".csv", ".xlsx", ".json") for p in bundled.glob("*")):
        pytest.skip("catalog/demo_data 还没有数据 / no bundled demo data yet")
    code, out, err = _invoke("demo", "--out", str(tmp_path / "d"), "--backend", "tfidf")
    assert code == 0, err
    programmes = list((tmp_path / "d" / "programmes").glob("*.json"))
    assert len(programmes) >= 60 and (tmp_path / "d" / "bureau" / "allocation.png").is_file()
    assert len(list((tmp_path / "d" / "reports").glob("*.html"))) == len(programmes)
    flat = "".join(out.split())  # rich wraps long lines at the test console's width
    assert "最优" in flat and "summary.html" in flat
    with open_store(Settings(db=str(tmp_path / "d" / "kehou-demo.db"))) as store:
        counts = store.counts()
    assert counts["schools"] >= 60 and counts["courses"] >= 300 and counts["surveys"] >= 5000
    _second_semester_rotates(tmp_path / "d", flat)


def _second_semester_rotates(out: Path, flat: str) -> None:
    """2027春 reads 2026秋's allocation: pairs move, days hold, programmes follow it."""
    first = json.loads((out / "bureau" / "allocation.json").read_text(encoding="utf-8"))
    second = json.loads((out / "2027春" / "bureau" / "allocation.json").read_text(encoding="utf-8"))
    assert second["previous_semester"] == "2026秋" and "两学期累计基尼" in flat
    before = {(a["school_id"], a["resource_id"]) for a in first["allocations"]}
    now = {(a["school_id"], a["resource_id"]) for a in second["allocations"]}
    assert now - before and len(now & before) < len(before)
    assert {(a["school_id"], a["resource_id"]) for a in second["allocations"] if a["rotated"]} == (
        now & before
    )
    assert sum(second["cumulative"].values()) == len(first["allocations"]) + len(now)
    students = {s["school_id"]: s["students"] for s in second["schools"]}
    per_1000 = [second["cumulative"].get(k, 0) * 1000 / n for k, n in students.items()]
    assert second["fairness"]["gini_over_time"] == pytest.approx(gini(per_1000))
    booked = [(a["resource_id"], a["day"]) for a in second["allocations"] if a["day"]]
    assert booked and len(booked) == len(set(booked))
    shared = {r["resource_id"] for r in second["resources"]}
    for path in (out / "2027春" / "programmes").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        given = {r for s, r in now if s == doc["school_id"]}
        for item in doc["items"]:
            if str(item.get("staff", "")).startswith("本校教师"):
                continue
            who = item["id"] if item["id"] in shared else item.get("provider_id")
            assert who not in shared or who in given, (doc["school_id"], item["id"])
        assert set(doc["allocated_days"]) <= given
        assert doc["continuity"]["previous_semester"] == "2026秋"  # started from 2026秋's
    assert "延续上学期特色" in flat
    _one_off_allocate_rotates_too(out, second)


def _one_off_allocate_rotates_too(out: Path, batch: dict[str, Any]) -> None:
    """`kehou allocate --semester` reads the semester before, as the batch does."""
    db = str(out / "kehou-demo.db")
    args = ("allocate", "--db", db, "--semester", "2027春", "--backend", "tfidf", "--json")
    code, stdout, err = _invoke(*args)
    assert code == 0, err
    doc = json.loads(stdout)
    assert doc["previous_semester"] == "2026秋" and doc["cumulative"] == batch["cumulative"]
    pairs = {(a["school_id"], a["resource_id"], a["rotated"]) for a in doc["allocations"]}
    assert pairs == {(a["school_id"], a["resource_id"], a["rotated"]) for a in batch["allocations"]}


@pytest.mark.slow  # two interpreter start-ups
def test_console_script_refuses_a_broken_gb18030_csv(tmp_path: Path) -> None:
    """The installed `kehou`, as a batch script runs it: exit 1, bad rows named, db unchanged."""
    kehou = Path(sys.executable).with_name("kehou")
    if not kehou.exists():
        pytest.skip(f"console script not installed at {kehou} / 未安装 kehou 命令")
    env = {**os.environ, "KEHOU_DB": str(tmp_path / "script.db")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(kehou), *args], capture_output=True, text=True, encoding="utf-8",
            env=env, cwd=tmp_path, timeout=120, check=False,
        )  # fmt: skip

    db = env["KEHOU_DB"]
    assert _invoke("import", str(write_files(tmp_path / "in", GOOD)), "--db", db)[0] == 0
    before = _invoke("stats", "--json", "--db", db)[1]  # in-process: each script start costs
    bad = tmp_path / "课程.csv"
    bad.write_text(BROKEN_COURSES, encoding="gb18030")
    refused = run("import", str(bad), "--json")
    assert refused.returncode == 1
    assert {(p["row"], p["column"]) for p in json.loads(refused.stdout)["problems"]} == {
        (3, "每次收费"),
        (4, "五育"),
    }
    for needle in ("三元", "艺术", "每次收费", "五育", "课程.csv"):
        assert needle in refused.stderr
    after = run("stats", "--json")
    assert after.returncode == 0
    assert json.loads(after.stdout) == json.loads(before)
    assert json.loads(after.stdout)["counts"]["courses"] == 3


def test_import_map_option_notices_on_stderr_and_in_json(tmp_path: Path) -> None:
    """--map maps a vendor column; unknown columns are named on stderr and under "notices"."""
    db = str(tmp_path / "k.db")
    courses = (
        "编号,name,外部说明,wuyu_category,grade,price,minutes,班额,备注\n"
        "V1,书法,练字,美育,3-6,2,40,30,热门\n"
        "V2,围棋,,智育,一–九年级,2,40,30,\n"
    )
    path = write_files(tmp_path / "in", {"courses.csv": courses}) / "courses.csv"
    map_file = tmp_path / "vendor.map"
    map_file.write_text("外部说明 = description\n[options]\nid_prefix = X-\n", encoding="utf-8")
    code, out, err = _invoke("import", str(path), "--map", str(map_file), "--json", "--db", db)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["inserted"]["courses"] == 2
    codes = {(n["code"], n["column"]) for n in doc["notices"]}
    assert ("unknown_column", "备注") in codes
    assert ("no_description", "课程简介 / description") in codes
    assert {"file": "courses.csv", "column": "外部说明", "field": "description"} in doc["columns"]
    assert "备注" in err and "无法检查是否学科类" in err
    with open_store(Settings(db=db)) as store:
        assert store.ids(Kind.COURSE) == {"X-V1", "X-V2"}
    human_code, human_out, _ = _invoke("import", str(path), "--map", str(map_file), "--db", db)
    assert human_code == 0 and "外部说明" in human_out and "description" in human_out


def test_import_refuses_a_missing_or_bad_map(tmp_path: Path) -> None:
    path = write_files(tmp_path / "in", GOOD) / "courses.csv"
    db = str(tmp_path / "k.db")
    code, out, _ = _invoke("import", str(path), "--map", str(tmp_path / "none.map"), "--json")
    assert code == 1 and "no such map file" in out
    code, out, _ = _invoke("import", str(path), "--question", "three=current", "--json", "--db", db)
    assert code == 1 and json.loads(out)["ok"] is False
    assert not Path(db).exists()


def test_question_option_reads_a_current_classes_question_as_wishes(tmp_path: Path) -> None:
    """--question 3=wishes overrides the current-classes reading of a 问卷星 question."""
    db = str(tmp_path / "k.db")
    assert _invoke("import", str(write_files(tmp_path / "base", GOOD)), "--db", db)[0] == 0
    export = (
        "序号,提交答卷时间,1、学校编号,2、填写人身份,3、您的孩子参加以下哪些兴趣班：\n"
        "1,2025/9/8 18:41:10,S1,家长,美术┋文化班补习\n"
    )
    path = write_files(tmp_path / "wjx", {"surveys.csv": export}) / "surveys.csv"
    code, out, err = _invoke("import", str(path), "--json", "--dry-run", "--db", db)
    assert code == 0, err
    default = json.loads(out)
    assert "current_classes" in {n["code"] for n in default["notices"]}
    assert "current_classes" in err
    code, out, err = _invoke("import", str(path), "--question", "3=wishes", "--json", "--db", db)
    assert code == 0, err
    marked = json.loads(out)
    assert "current_classes" not in {n["code"] for n in marked["notices"]}
    fields = {c["column"]: c["field"] for c in marked["columns"]}
    assert fields["3、您的孩子参加以下哪些兴趣班："] == "interests"
