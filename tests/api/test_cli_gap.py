"""`kehou gap` as scripts run it: table, JSON shape, exit codes, a clean stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
# One problem, 2 agents × 3 jobs; min cost 1 + 2 + 4 = 7 (agent 0 fits two jobs, agent 1 one).
TINY = "1\n2 3\n1 2 9\n4 5 4\n1 1 1\n1 1 1\n2 2\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    f = tmp_path / "tiny.txt"
    f.write_text(TINY)
    return f


def test_json_shape(tiny: Path) -> None:
    result = runner.invoke(app, ["gap", str(tiny), "--json", "--sense", "min"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["sense"] == "min" and doc["solver"] == "highs"
    assert doc["counts"] == {"problems": 1, "optimal": 1, "with_solution": 1}
    (p,) = doc["problems"]
    assert (p["agents"], p["jobs"], p["objective"], p["bound"], p["gap"]) == (2, 3, 7.0, 7.0, 0.0)
    assert p["status"] == "optimal" and p["index"] == 1


def test_max_sense_and_greedy(tiny: Path) -> None:
    result = runner.invoke(app, ["gap", str(tiny), "--json", "--sense", "max"])
    best = json.loads(result.stdout)["problems"][0]["objective"]
    assert best == 18.0  # job 2 on agent 0 (9), jobs 0 and 1 on agent 1 (4 + 5)
    greedy = runner.invoke(app, ["gap", str(tiny), "--json", "--solver", "greedy"])
    p = json.loads(greedy.stdout)["problems"][0]
    assert p["status"] == "feasible" and p["gap"] is None and p["objective"] >= 7.0


def test_table_output(tiny: Path) -> None:
    result = runner.invoke(app, ["gap", str(tiny)])
    assert result.exit_code == 0
    assert "最优" in result.stdout and "tiny-1" in result.stdout  # status in Chinese


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--sense", "biggest"], 2),
        (["--solver", "gurobi"], 2),
        (["--time-limit", "0"], 2),
    ],
)
def test_bad_usage_exits_2(tiny: Path, args: list[str], code: int) -> None:
    result = runner.invoke(app, ["gap", str(tiny), *args])
    assert result.exit_code == code
    assert "/" in result.stderr  # Chinese / English message


def test_user_errors_exit_1(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["gap", str(tmp_path / "none.txt")])
    assert missing.exit_code == 1 and "file not found" in missing.stderr
    bad = tmp_path / "bad.txt"
    bad.write_text("1\n2 3\n1 2\n")
    broken = runner.invoke(app, ["gap", str(bad)])
    assert broken.exit_code == 1 and "bad GAP file" in broken.stderr


def test_mcf_refusal_is_a_user_error(tmp_path: Path) -> None:
    f = tmp_path / "heavy.txt"
    f.write_text("1\n1 2\n1 1\n2 2\n4\n")
    result = runner.invoke(app, ["gap", str(f), "--solver", "mcf"])
    assert result.exit_code == 1 and "unit uses" in result.stderr


def test_real_process_stdout_is_only_json(shared_data: Path) -> None:
    """The HiGHS banner goes to the C-level stdout; the command must keep it off stdout."""
    gap1 = shared_data / "gap" / "orlib" / "gap1.txt"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from api.cli import main; main()",
            "gap",
            str(gap1),
            "--json",
            "--sense",
            "max",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [p["objective"] for p in doc["problems"]] == [336.0, 327.0, 339.0, 341.0, 326.0]


def test_cli_default_solver_is_the_library_default() -> None:
    from api.cli import _commands_alloc
    from matcher.allocation import DEFAULT_SOLVER

    assert _commands_alloc.DEFAULT_SOLVER == DEFAULT_SOLVER
