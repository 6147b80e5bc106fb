"""Read a CSV, XLSX or JSON file into a plain table of strings.

Planners' CSV files come from Excel on Chinese Windows (GB18030), from WPS and web tools (UTF-8,
often with a BOM); the reader finds the encoding and delimiter itself so nobody has to say. A
file that cannot be read at all raises `ImportFailed` naming the file and, where it can, the row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog._cells import JOINER
from catalog._kinds import Kind
from catalog._problems import ImportFailed, Problem
from catalog._readers_xlsx import MAX_ROWS, cell_text, read_xlsx_rows, too_many_rows
from catalog._settings import Settings

DEFAULT_MAX_BYTES: int = Settings.model_fields["max_upload_bytes"].default
_DELIMITERS = (",", "\t", ";")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: The longest cell accepted (the csv module's own field limit).
MAX_FIELD = 131_072
_CJK_FALLBACKS = ("utf_16", "utf_32", "big5", "cp950", "big5hkscs")


@dataclass(frozen=True)
class Table:
    """A file's header and data rows as text; row `i` is numbered `first_row + i` for users."""

    file: str
    header: list[str]
    rows: list[list[str]]
    first_row: int


def read_table(path: Path, *, kind: Kind | None = None, max_bytes: int | None = None) -> Table:
    """Read `path` (.csv/.txt/.tsv, .xlsx, .json); raise ImportFailed if it cannot be read."""
    name = path.name
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise _fail(
            name, f"文件太大（{size} 字节，上限 {limit}）/ file too large ({size} > {limit})"
        )
    if size == 0:
        raise _fail(name, "文件为空 / empty file")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _read_xlsx(path, kind)
    elif suffix == ".json":
        table = _read_json(name, path.read_bytes())
    elif suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(name, path.read_bytes())
    elif suffix == ".xls":
        raise _fail(name, "不支持旧版 .xls，请另存为 .xlsx 或 CSV / save .xls as .xlsx or CSV")
    else:
        raise _fail(name, f"不支持的文件类型 {suffix} / unsupported file type (csv, xlsx, json)")
    _require_data(table)
    check_cells(table)
    return table


def _fail(
    name: str, reason: str, row: int | None = None, column: str | None = None
) -> ImportFailed:
    return ImportFailed([Problem(name, row, column, None, reason)])


def _require_data(table: Table) -> None:
    if not any(cell.strip() for cell in table.header):
        raise _fail(table.file, "文件为空 / empty file")
    if not any(any(cell.strip() for cell in row) for row in table.rows):
        raise _fail(table.file, "文件没有数据行 / no data rows")


# -- decoding ------------------------------------------------------------------------------


def decode_bytes(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030; charset-normalizer only as a last resort."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").lstrip("\ufeff")
    errors: list[UnicodeDecodeError] = []
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            errors.append(exc)
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    position = max(exc.start for exc in errors)
    line = data[:position].count(b"\n") + 1
    raise _fail(
        name,
        f"第{line}行有无法识别的字符，文件不是 UTF-8 或 GB18030 编码 / "
        f"undecodable bytes at line {line}: the file is neither UTF-8 nor GB18030",
        row=line,
    )


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding.lower() not in _CJK_FALLBACKS:
        return None
    return str(best).lstrip("\ufeff")


# -- CSV -----------------------------------------------------------------------------------


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used most in the header line: comma, tab or semicolon (comma if none)."""
    counts = {d: _count_outside_quotes(first_line, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _read_csv(name: str, data: bytes) -> Table:
    text = decode_bytes(name, data)
    if not text.strip():
        raise _fail(name, "文件为空 / empty file")
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line_before = 0
    try:
        for record in reader:
            if len(records) >= MAX_ROWS:
                raise too_many_rows(name)
            records.append(record)
            line_before = reader.line_num
    except csv.Error as exc:
        # A quote left open swallows the rest of the file: it ends at EOF or in a huge field.
        if not any(m in str(exc) for m in ("unexpected end of data", "field larger")):
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        elif "field larger" in str(exc) and _quotes_close(text, line_before):
            raise _field_too_long(name, text, records, line_before, delimiter) from None
        else:
            raise _unclosed_quote(name, text, records, line_before, delimiter) from None
    header = [cell.strip() for cell in records[0]] if records else []
    return Table(name, header, records[1:], 2)


def _quotes_close(text: str, line_before: int) -> bool:
    """Whether the quotes from the failing record to the end pair up (a long field, not an
    unclosed quote): doubled quotes inside a field count twice, so an even count closes."""
    rest = _LINE_BREAK.split(text, maxsplit=line_before)[-1] if line_before else text
    return rest.count('"') % 2 == 0


def _field_too_long(
    name: str, text: str, records: list[list[str]], line_before: int, delimiter: str
) -> ImportFailed:
    problem = _unclosed_quote(name, text, records, line_before, delimiter).problems[0]
    reason = (
        f"单元格内容过长（超过 {MAX_FIELD} 个字符）/ field too long (over {MAX_FIELD} characters)"
    )
    return _fail(name, reason, row=problem.row, column=problem.column)


def check_cells(table: Table) -> None:
    """Refuse NUL characters and over-long cells anywhere, naming row and column."""
    problems: list[Problem] = []
    for offset, row in enumerate([table.header, *table.rows]):
        for index, cell in enumerate(row):
            reason = None
            if "\x00" in cell:
                reason = "含有空字符（NUL）/ contains a NUL character"
            elif len(cell) > MAX_FIELD:
                reason = f"单元格内容过长（超过 {MAX_FIELD} 个字符）/ field too long"
            if reason is not None:
                number = table.first_row - 1 + offset if offset else 1
                column = table.header[index] if offset and index < len(table.header) else None
                problems.append(Problem(table.file, number, column, None, reason))
            if len(problems) >= 20:
                raise ImportFailed(problems)
    if problems:
        raise ImportFailed(problems)


def _unclosed_quote(
    name: str, text: str, records: list[list[str]], line_before: int, delimiter: str
) -> ImportFailed:
    """A quote opened and never closed: name the row (as Excel counts) and column it opened in."""
    row = len(records) + 1
    lines = _LINE_BREAK.split(text, maxsplit=line_before + 1)
    field_index = opening_field(lines[line_before] if line_before < len(lines) else "", delimiter)
    header = records[0] if records else []
    column = header[field_index].strip() if field_index < len(header) else None
    return _fail(
        name,
        f"引号未闭合（从第{row}行开始）/ unclosed quote starting in row {row}",
        row=row,
        column=column,
    )


def opening_field(line: str, delimiter: str) -> int:
    """Index of the field in which a quote is still open at the end of `line` (else the last)."""
    field_index, quoted, at_start, i = 0, False, True, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1 : i + 2] == '"':
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"' and at_start:
            quoted = True
        elif ch == delimiter:
            field_index += 1
            at_start = True
            i += 1
            continue
        at_start = False
        i += 1
    return field_index


# -- XLSX ----------------------------------------------------------------------------------


def _read_xlsx(path: Path, kind: Kind | None) -> Table:
    rows = read_xlsx_rows(path, kind)
    if not rows:
        raise _fail(path.name, "文件为空 / empty file")
    header = [cell.strip() for cell in rows[0]]
    return Table(path.name, header, rows[1:], 2)


# -- JSON ----------------------------------------------------------------------------------


def _read_json(name: str, data: bytes) -> Table:
    try:
        doc = json.loads(decode_bytes(name, data))
    except json.JSONDecodeError as exc:
        raise _fail(name, f"JSON 格式错误 / invalid JSON: {exc.msg}", row=exc.lineno) from None
    items = doc.get("items") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise _fail(name, 'JSON 应为对象列表或 {"items": [...]} / expected a list of objects')
    if len(items) > MAX_ROWS:
        raise too_many_rows(name)
    bad = [i + 1 for i, item in enumerate(items) if not isinstance(item, dict)]
    if bad:
        raise ImportFailed(
            [Problem(name, i, None, None, "不是 JSON 对象 / not a JSON object") for i in bad]
        )
    header: list[str] = []
    for item in items:
        header.extend(key for key in item if key not in header)
    rows = [[_json_text(item.get(key)) for key in header] for item in items]
    return Table(name, header, rows, 1)


def _json_text(value: Any) -> str:
    if isinstance(value, list):
        return JOINER.join(_json_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)
