"""Load one file into records, and find the importable files among paths and folders.

This is what `kehou import` calls: it picks the kind from the file name (or `--kind`), reads the
file, hands a 问卷星 export to its own parser and validates everything else.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from catalog._column_map import ColumnMap
from catalog._kinds import IMPORT_ORDER, Kind, kind_from_filename
from catalog._problems import ImportFailed, LoadResult, Problem
from catalog._readers import read_table
from catalog._settings import Settings
from catalog._validate import validate_table

#: File types `discover` picks up from a folder.
EXTENSIONS = (".csv", ".xlsx", ".json")

_UNKNOWN_KIND = (
    "无法从文件名判断数据类型：请把文件命名为 courses / specialists / science_resources / "
    "institutions / schools / surveys（或 课程、专家、科普资源、机构、学校、问卷）加扩展名，"
    "或用 --kind 指定 / cannot tell the kind from the file name: name it e.g. courses.csv or "
    "课程.xlsx, or pass --kind"
)


def load_file(
    path: Path,
    kind: Kind | None = None,
    *,
    settings: Settings | None = None,
    school_id: str | None = None,
    semester: str = "",
    column_map: ColumnMap | None = None,
    accept_keys: bool = True,
) -> LoadResult:
    """Read and validate one file; raise ImportFailed when it cannot be read at all.

    `column_map` (a --map file) names columns the aliases do not know, gives defaults, and marks
    问卷星 questions (current classes rather than wishes, …).
    `accept_keys=False` (uploads): a ready-made respondent_key column is refused.
    """
    settings = settings or Settings()
    kind = kind or kind_from_filename(path.name)
    if kind is None:
        raise ImportFailed([Problem(path.name, None, None, None, _UNKNOWN_KIND)])
    table = read_table(path, kind=kind, max_bytes=settings.max_upload_bytes)
    if kind is Kind.SURVEY:
        wjx = _wjx_module()
        if wjx is not None and wjx.is_wjx_header(table.header):
            result: LoadResult = wjx.parse_wjx(
                table,
                settings,
                school_id=school_id,
                semester=semester,
                questionnaire=wjx.find_questionnaire(path),
                marks=column_map.questions if column_map else None,
            )
            return result
    return validate_table(
        table,
        kind,
        settings,
        semester=semester,
        school_id=school_id,
        column_map=column_map,
        accept_keys=accept_keys,
    )


def discover(paths: list[Path], *, kind: Kind | None = None) -> list[tuple[Path, Kind]]:
    """Files to import from `paths` (folders expanded, one level), in dependency order.

    Files with another extension, an unknown kind, or a name starting with '.' or '~$' (Excel's
    lock files) are skipped. `kind`, if given, applies to files named directly, not to folders.
    """
    found: dict[Path, Kind] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                child_kind = _importable(child)
                if child_kind is not None:
                    found.setdefault(child, child_kind)
        elif path.is_file() and _visible(path):
            file_kind = kind or _importable(path)
            if file_kind is not None:
                found.setdefault(path, file_kind)
    order = {k: i for i, k in enumerate(IMPORT_ORDER)}
    return sorted(found.items(), key=lambda item: (order[item[1]], item[0].name, str(item[0])))


def _wjx_module() -> Any:
    """The 问卷星 parser (catalog._wjx), imported lazily; None while it does not exist."""
    try:
        return importlib.import_module("catalog._wjx")
    except ModuleNotFoundError as exc:
        if exc.name != "catalog._wjx":
            raise
        return None


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "~$"))


def _importable(path: Path) -> Kind | None:
    if not path.is_file() or not _visible(path) or path.suffix.lower() not in EXTENSIONS:
        return None
    return kind_from_filename(path.name)
