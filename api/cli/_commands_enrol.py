"""`kehou enrol --school ID --choices FILE`: students into sections by a stated mechanism."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for
from catalog import ImportFailed, Kind, School, Settings, Store
from embeddings import DEFAULT_BACKEND
from matcher.enrolment import (
    DEFAULT_MECHANISM,
    MECHANISMS,
    EnrolConfig,
    Offering,
    OptimalSolveError,
)


def _rows_from_file(path: Path) -> list[dict[str, object]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
        return list(doc["timetable"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        fail(f"{path.name}: 不是 kehou recommend --json 的方案 / not a programme JSON ({exc})")


@app.command("enrol")
def enrol_command(
    school: Annotated[str, typer.Option("--school", help="学校编号 / school id")],
    choices: Annotated[Path, typer.Option("--choices", help="选课文件 CSV/XLSX/问卷星导出")],
    seed: Annotated[int | None, typer.Option("--seed", help="抽签种子 / lottery seed")] = None,
    mechanism: Annotated[
        str, typer.Option("--mechanism", help=f"选课机制 / {', '.join(sorted(MECHANISMS))}")
    ] = DEFAULT_MECHANISM,
    json_out: JsonOption = False,
    programme: Annotated[
        Path | None, typer.Option("--programme", help="方案 JSON（kehou recommend --json）")
    ] = None,
    per_week: Annotated[int, typer.Option("--per-week", min=1, help="每生每周最多几门")] = 2,
    min_choices: Annotated[
        int, typer.Option("--min-choices", min=1, help="每生至少填几个志愿 / shortest list")
    ] = 3,
    out: Annotated[Path | None, typer.Option("--out", help="名单、收费单写入的目录")] = None,
    backend: Annotated[str, typer.Option("--backend", help="嵌入后端 / backend")] = DEFAULT_BACKEND,
    semester: Annotated[str | None, typer.Option("--semester", help="只用该学期问卷")] = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="选课人数写入已保存的方案（新版本）/ store it as a version"),
    ] = False,
    db: DbOption = None,
) -> None:
    """选课：按既定机制和抽签把学生分进各班 / place students into sections, fairly."""
    from api._enrolment import run_enrolment

    if mechanism not in MECHANISMS:
        known = ", ".join(sorted(MECHANISMS))
        fail(f"没有这种选课机制 / unknown mechanism {mechanism!r} ({known})", 2)
    settings = settings_for(db)
    cfg = EnrolConfig.for_settings(settings, mechanism, seed, per_week, min_choices)
    record, offerings = _school_offerings(settings, school, programme, backend, semester)
    try:
        run, doc = run_enrolment(offerings, choices, school, settings, cfg)
    except ImportFailed as exc:
        _refused(exc)
    except (OSError, OptimalSolveError) as exc:
        fail(str(exc))
    if save:
        doc["programme"] = _save(settings, record, semester, doc, backend)
        err_console.print(f"方案 / programme: {doc['programme']['note']}", highlight=False)
    if out is not None:
        from api.reports import write_enrolment_reports

        written = write_enrolment_reports(out, run, doc, record, settings)
        err_console.print(f"已写入 / written: {', '.join(str(p) for p in written)}")
    if json_out:
        print_json(doc)
    else:
        _print_summary(doc)


def _school_offerings(
    settings: Settings, school: str, programme: Path | None, backend: str, semester: str | None
) -> tuple[School, list[Offering]]:
    """The school and its programme's offerings (from --programme, else recommended now)."""
    from api._enrolment import offerings_for, programme_rows
    from api._enrolment_store import stored_rows
    from catalog._store import open_store

    with open_store(settings) as store:
        record = store.get(Kind.SCHOOL, school)
        if not isinstance(record, School):
            fail(f"没有这所学校 / no such school: {school}")
        if programme is not None:
            rows = _rows_from_file(programme)
        else:  # the stored programme's offer when there is one, else the recommended one
            rows = stored_rows(_state(settings, store, backend), record, semester) or (
                programme_rows(store, settings, record, backend=backend, semester=semester)
            )
        offerings = offerings_for(store, rows)
    if not offerings:
        fail("方案课表中没有可选的课程 / the programme's timetable has no weekly courses")
    return record, offerings


def _state(settings: Settings, store: Store, backend: str) -> Any:
    """The service's state over an open store, so the CLI runs the API's own code."""
    from api._config import ApiConfig
    from api._state import AppState, TokenBucket

    return AppState(settings, ApiConfig(backend=backend), store, TokenBucket(1.0, 1))


def _save(
    settings: Settings, school: School, semester: str | None, doc: dict[str, Any], backend: str
) -> dict[str, Any]:
    """The enrolled counts into the school's stored programme, as `POST …/enrolment` does."""
    from api._enrolment_store import store_enrolled
    from api._errors import ApiError
    from catalog._store import open_store
    from matcher import enrolled_counts

    with open_store(settings) as store:
        state = _state(settings, store, backend)
        try:
            return store_enrolled(state, school, semester, enrolled_counts(doc["sections"]), "cli")
        except ApiError as exc:
            fail(str(exc))


def _refused(exc: ImportFailed) -> NoReturn:
    for problem in exc.problems[:20]:
        err_console.print(f"  {problem}", highlight=False)
    if len(exc.problems) > 20:
        err_console.print(f"  … 另有 {len(exc.problems) - 20} 处 / and more", highlight=False)
    fail(f"选课文件有 {len(exc.problems)} 处问题，未做任何更改 / nothing changed")


def _print_summary(doc: dict[str, object]) -> None:
    stats = doc["stats"]
    assert isinstance(stats, dict)
    err_console.print(
        f"{doc['school_id']} · {doc['mechanism']} · seed {doc['seed']}: "
        f"录取 placed {stats['placed']}/{stats['students']}, 未录取 unplaced {stats['unplaced']}, "
        f"第一志愿 first choice {stats['first_choice_share']:.0%}, "
        f"平均志愿序 mean rank {stats['mean_rank']}, 羡慕 envy {stats['envy']}",
        highlight=False,
    )
