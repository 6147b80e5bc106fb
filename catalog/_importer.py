"""All-or-nothing import of a batch of files: load all, check everything, then write once.

Every file is read even when an earlier one is bad, so the user sees every problem at once;
cross references are checked against the database AND the rest of the batch; only a batch with
no problem at all is written, in one transaction. Otherwise `ImportFailed` carries every problem
and the database is untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from catalog._column_map import ColumnMap
from catalog._kinds import IMPORT_ORDER, SCHOOL_ROWS, Kind
from catalog._load import discover, load_file
from catalog._problems import ImportFailed, LoadResult, Problem
from catalog._settings import Settings
from catalog._store import Store, open_store
from catalog._store_tables import identity, record_key
from catalog._summary import FileCount, ImportSummary, Progress, empty_counts

#: (kind, field) -> the kinds whose ids that field may name.
REFERENCES: dict[tuple[Kind, str], tuple[Kind, ...]] = {
    (Kind.COURSE, "provider_id"): (Kind.SPECIALIST, Kind.INSTITUTION),
    (Kind.SPECIALIST, "institution_id"): (Kind.INSTITUTION,),
    (Kind.SURVEY, "school_id"): (Kind.SCHOOL,),
    (Kind.ROOM, "school_id"): (Kind.SCHOOL,),
}


_CANNOT_IMPORT = (
    "无法导入此文件：扩展名应为 .csv/.xlsx/.json，文件名应以 courses、课程、schools、学校 等开头，"
    "或用 --kind 指定 / cannot import this file: use .csv, .xlsx or .json, name it e.g. "
    "courses.csv or 学校.xlsx, or pass --kind"
)


def import_paths(
    paths: list[Path],
    settings: Settings,
    *,
    kind: Kind | None = None,
    dry_run: bool = False,
    school_id: str | None = None,
    semester: str = "",
    progress: Progress | None = None,
    user: str = "cli",
    store: Store | None = None,
    accept_keys: bool = True,
    only_school: str | None = None,
    column_map: ColumnMap | None = None,
) -> ImportSummary:
    """Import files and folders as one batch; raise `ImportFailed` (nothing changed) on any problem.

    `store` reuses an open store (else `settings.db` is opened and closed here). A dry run
    validates everything and reports what would be inserted/updated, writing nothing.
    `column_map` (a --map file) applies to every file of the batch. The summary's notices say
    what was not read (unknown columns, …); they never block the import.
    Uploads pass `accept_keys=False` (a ready-made respondent_key column is refused) and a
    planner's upload `only_school` (every survey row must belong to that school).
    """
    files = _files(paths, kind)
    results, problems = _load_all(
        files, settings, school_id, semester, progress, column_map, accept_keys
    )
    if only_school is not None:
        problems += foreign_rows(results, only_school)
    own = store if store is not None else _open(settings, dry_run)
    try:
        problems += check_batch(results, own)
        if problems:
            raise ImportFailed(problems)
        if own is None:
            summary = _plan_fresh(results)
        elif dry_run:
            summary = own.plan(results)
        else:
            summary = own.write(results, user=user, progress=progress)
        return with_notices(summary, results)
    finally:
        if own is not None and store is None:
            own.close()


def with_notices(summary: ImportSummary, results: Sequence[LoadResult]) -> ImportSummary:
    """The summary with every file's notices and column mapping (what was ignored, what read)."""
    notices = tuple(n for r in results for n in r.notices)
    columns = tuple(c for r in results for c in r.columns)
    return replace(summary, notices=notices, columns=columns)


def _files(paths: Sequence[Path], kind: Kind | None) -> list[tuple[Path, Kind]]:
    """The (file, kind) pairs of the batch in dependency order; missing paths are problems."""
    missing = [
        Problem(str(p), None, None, None, "文件或文件夹不存在 / no such file or folder")
        for p in paths
        if not p.exists()
    ]
    if missing:
        raise ImportFailed(missing)
    named = [p for p in paths if p.is_file()]
    folders = [p for p in paths if p.is_dir()]
    found = discover(named, kind=kind) if named else []
    skipped = sorted(set(named) - {f for f, _ in found})
    if skipped:
        raise ImportFailed([Problem(str(p), None, None, None, _CANNOT_IMPORT) for p in skipped])
    in_folders = discover(folders) if folders else []
    seen = {f.resolve() for f, _ in found}
    found += [(f, k) for f, k in in_folders if kind in (None, k) and f.resolve() not in seen]
    if not found:
        where = ", ".join(str(p) for p in paths)
        reason = (
            "没有可导入的文件：文件名应以 courses、课程、schools、学校 等开头，或用 --kind 指定 / "
            "no importable files: name them courses.csv, schools.xlsx, ... or pass --kind"
        )
        raise ImportFailed([Problem(where, None, None, None, reason)])
    order = {k: i for i, k in enumerate(IMPORT_ORDER)}
    return sorted(found, key=lambda pair: order[pair[1]])


def _load_all(
    files: list[tuple[Path, Kind]],
    settings: Settings,
    school_id: str | None,
    semester: str,
    progress: Progress | None,
    column_map: ColumnMap | None = None,
    accept_keys: bool = True,
) -> tuple[list[LoadResult], list[Problem]]:
    """Load every file, collecting the problems of all of them (never stopping at the first)."""
    results: list[LoadResult] = []
    problems: list[Problem] = []
    for done, (path, kind) in enumerate(files):
        if progress is not None:
            progress(f"读取 / reading {path.name}", done, len(files))
        try:
            result = load_file(
                path,
                kind,
                settings=settings,
                school_id=school_id,
                semester=semester,
                column_map=column_map,
                accept_keys=accept_keys,
            )
        except ImportFailed as failed:
            problems += failed.problems
            continue
        results.append(result)
        problems += result.problems
    if progress is not None:
        progress("读取完成 / files read", len(files), len(files))
    return results, problems


def foreign_rows(results: Sequence[LoadResult], school_id: str) -> list[Problem]:
    """A problem for every survey or rooms row whose school is not `school_id` (uploads:
    one school), and for a file of any other kind (a planner uploads only its school's rows)."""
    problems: list[Problem] = []
    for result in results:
        if result.kind not in SCHOOL_ROWS:
            reason = f"只能上传本校的问卷或场地 / only surveys or rooms, not {result.kind.value}"
            problems.append(Problem(result.file, None, None, None, reason))
            continue
        for index, record in enumerate(result.records):
            other = getattr(record, "school_id", None)
            if other is not None and other != school_id:
                reason = f"只能上传本校（{school_id}）的行 / rows must belong to {school_id}"
                problems.append(
                    Problem(result.file, _row(result, index), "school_id", other, reason)
                )
    return problems


def check_batch(results: Sequence[LoadResult], store: Store | None) -> list[Problem]:
    """Duplicate ids across files, and references to ids neither stored nor in the batch."""
    problems = _duplicates(results)
    known: dict[Kind, set[str]] = {}
    for kind in IMPORT_ORDER:
        batch = {record_key(r.kind, rec) for r in results if r.kind == kind for rec in r.records}
        known[kind] = batch | (store.ids(kind) if store is not None and _needed(kind) else set())
    for result in results:
        for index, record in enumerate(result.records):
            for (kind, field), targets in REFERENCES.items():
                value = getattr(record, field) if result.kind == kind else None
                if value is None or any(value in known[t] for t in targets):
                    continue
                names = "、".join(t.value for t in targets)
                reason = f"引用的编号不存在（{names}） / unknown id, not in {names}"
                problems.append(Problem(result.file, _row(result, index), field, value, reason))
    return problems


def _needed(kind: Kind) -> bool:
    return any(kind in targets for targets in REFERENCES.values())


def _duplicates(results: Iterable[LoadResult]) -> list[Problem]:
    """An id that appears in two files of the same kind in one batch is ambiguous."""
    first: dict[tuple[Kind, str, str], tuple[int, str]] = {}
    problems: list[Problem] = []
    for position, result in enumerate(results):
        for index, record in enumerate(result.records):
            school, key = identity(result.kind, record)
            where, other = first.setdefault((result.kind, school, key), (position, result.file))
            if where != position:
                survey = result.kind == Kind.SURVEY
                column = "respondent_key" if survey else "id"
                reason = f"编号与文件「{other}」重复 / duplicate id, also in {other}"
                shown = None if survey else key  # a respondent key is never echoed back
                problems.append(Problem(result.file, _row(result, index), column, shown, reason))
    return problems


def _row(result: LoadResult, index: int) -> int | None:
    """The row the user sees for the index-th record: the loader's own numbering if it kept one,
    else CSV/XLSX data rows start at 2 (header is row 1) and JSON objects at 1."""
    rows = getattr(result, "rows", None)
    if isinstance(rows, list) and index < len(rows):
        return int(rows[index])
    if result.problems:  # rows with problems were dropped, so the index no longer maps
        return None
    return index + (1 if result.file.lower().endswith(".json") else 2)


def _open(settings: Settings, dry_run: bool) -> Store | None:
    """The store, except for a dry run against a SQLite file that does not exist yet."""
    url = settings.db_url()
    sqlite_file = url.startswith("sqlite:///") and ":memory:" not in url
    if dry_run and sqlite_file and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    return open_store(settings)


def _plan_fresh(results: Sequence[LoadResult]) -> ImportSummary:
    """Dry-run counts for an empty database: every distinct id would be inserted."""
    inserted = empty_counts()
    for kind in IMPORT_ORDER:
        keys = {identity(r.kind, rec) for r in results if r.kind == kind for rec in r.records}
        inserted[kind.value] = len(keys)
    files = tuple(FileCount(r.file, r.kind, len(r.records)) for r in results)
    return ImportSummary(files, inserted, empty_counts(), dry_run=True)
