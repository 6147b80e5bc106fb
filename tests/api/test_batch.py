"""The semester batch: outputs open and parse, and a run killed part-way then rerun gives
byte-identical files to a clean run (subprocess, SIGKILL)."""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog import Kind, Settings, export_records
from catalog._store import open_store
from catalog.demo_data import DEMO_DATA_DIR

SCHOOLS = 14
CATALOGUE = ("institutions.csv", "specialists.csv", "courses.xlsx", "science_resources.json")


@pytest.fixture(scope="module")
def small_input(demo_db: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo catalogue with the first schools of the demo and their 2026秋 surveys."""
    folder = tmp_path_factory.mktemp("batch-in")
    for name in CATALOGUE:
        shutil.copy(DEMO_DATA_DIR / name, folder / name)
    with open_store(demo_db) as store:
        schools = sorted(store.records(Kind.SCHOOL), key=lambda s: s.id)[::5][:SCHOOLS]
        keep = {s.id for s in schools}
        surveys = [r for r in store.records(Kind.SURVEY) if r.school_id in keep]  # type: ignore[attr-defined]
    export_records(schools, Kind.SCHOOL, folder / "schools.csv")
    export_records(surveys, Kind.SURVEY, folder / "surveys.csv")
    return folder


def run_batch(db: Path, out: Path, folder: Path, workers: int = 0) -> subprocess.Popen[bytes]:
    args = [
        *(sys.executable, "-m", "api.cli", "batch", "--semester", "2026秋"),
        *(
            "--input",
            str(folder),
            "--out",
            str(out),
            "--backend",
            "tfidf",
            "--db",
            str(db),
            "--json",
            "--workers",
            str(workers),
        ),
    ]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def files_of(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def clean_run(small_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("clean")
    proc = run_batch(base / "k.db", base / "out", small_input)
    stdout, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0
    assert json.loads(stdout)["schools"] == SCHOOLS
    return base / "out"


@pytest.mark.slow
def test_two_workers_write_the_same_files(
    clean_run: Path, small_input: Path, tmp_path: Path
) -> None:
    """Schools prepared ahead in two forked workers: byte-identical outputs (matcher._prepare)."""
    proc = run_batch(tmp_path / "k.db", tmp_path / "out", small_input, workers=2)
    stdout, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0
    assert json.loads(stdout)["schools"] == SCHOOLS
    assert files_of(tmp_path / "out") == files_of(clean_run)


@pytest.mark.slow
def test_outputs_open_and_parse(clean_run: Path) -> None:
    reports = sorted((clean_run / "reports").glob("*.html"))
    assert len(reports) == SCHOOLS
    for page in [*reports, clean_run / "bureau" / "summary.html"]:
        text = page.read_text(encoding="utf-8")
        html.parser.HTMLParser().feed(text)
        assert text.startswith("<!doctype html>") and text.rstrip().endswith("</html>")
        assert (
            "built-in method" not in text and " at 0x" not in text
        )  # no object leaked into a page
    assert "一校一特色" in reports[0].read_text(encoding="utf-8")
    for book in [
        *sorted((clean_run / "reports").glob("*.xlsx")),
        clean_run / "bureau" / "summary.xlsx",
    ]:
        wb = load_workbook(book, read_only=True)
        assert wb.sheetnames and wb[wb.sheetnames[0]].max_row >= 1
    summary = json.loads((clean_run / "bureau" / "summary.json").read_text(encoding="utf-8"))
    assert sum(d["schools"] for d in summary["districts"]) == SCHOOLS
    assert not list(clean_run.rglob("*.tmp"))  # no half-written file left behind


@pytest.mark.slow
def test_killed_batch_resumes_to_identical_outputs(
    small_input: Path, clean_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = run_batch(tmp_path / "k.db", out, small_input)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list((out / "programmes").glob("*.json"))) < 4:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done = len(list((out / "programmes").glob("*.json")))
    assert 0 < done < SCHOOLS, "the kill should land part-way through the programmes"
    again = run_batch(tmp_path / "k.db", out, small_input)
    stdout, _ = again.communicate(timeout=600)
    assert again.returncode == 0
    assert json.loads(stdout)["resumed"] is True
    assert files_of(out) == files_of(clean_run)


#: What a principal must never read: a rule code, an English solver word, search provenance.
_CODES = re.compile(r"\b(ACADEMIC|[A-Z]{3,}_[A-Z_]+|optimal|feasible|infeasible)\b|检索来源")
#: An amount without thousands separators (12345 元) or with more than two decimals.
_RAW_AMOUNT = re.compile(r"(?<![\d,.])\d{4,}(\.\d+)? 元|\d\.\d{3,} ?元")


@pytest.mark.slow
def test_reports_speak_chinese_with_formatted_amounts(clean_run: Path) -> None:
    """Every report and workbook of a batch over schools picked from the demo: no codes, no
    English headers, amounts with separators, and the school report ready to print and sign."""
    pages = [*sorted((clean_run / "reports").glob("*.html")), clean_run / "bureau" / "summary.html"]
    for page in pages:
        text = re.sub(r"<style>.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
        visible = re.sub(r"<[^>]+>", " ", text)
        assert not _CODES.search(visible), (page.name, _CODES.search(visible))
        assert not _RAW_AMOUNT.search(visible), (page.name, _RAW_AMOUNT.search(visible))
    school = pages[0].read_text(encoding="utf-8")
    for words in ("2026秋", "生成日期", "校长签字", "公章", "家委会", "公示", "@page", "A4"):
        assert words in school, words
    books = [*sorted((clean_run / "reports").glob("*.xlsx")), clean_run / "bureau" / "summary.xlsx"]
    for book in books:
        wb = load_workbook(book)
        for ws in wb.worksheets:
            header = [c.value for c in ws[1]]
            assert all(isinstance(h, str) and not h.isascii() for h in header), (book.name, header)
            assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
            for row in ws.iter_rows(min_row=2, values_only=True):
                for value in row:
                    assert not (isinstance(value, str) and _CODES.search(value)), (book, value)


@pytest.mark.slow
def test_shared_people_teach_only_on_the_days_the_allocation_gave(clean_run: Path) -> None:
    """The allocation owns cross-school decisions: a timetable row of an allocated person or
    resource falls on one of the afternoons the allocation gave this school."""
    checked = 0
    for path in sorted((clean_run / "programmes").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        days = doc.get("allocated_days", {})
        person = {i["id"]: i.get("person_id") for i in doc["items"]}
        for row in doc["timetable"]:
            who = person.get(row.get("item_id"))
            if who in days:
                assert row["slot"] in days[who], (path.name, row, days[who])
                checked += 1
    assert checked > 0, "some allocated person or resource is timetabled in the sample"
