"""Reports a planner or the bureau reads: per-school HTML and XLSX, the semester summary."""

from api.reports._bureau import (
    given_rows,
    group_rows,
    map_view,
    resource_records,
    summary_data,
)
from api.reports._enrolment import fees_xlsx, rosters_xlsx, write_enrolment_reports
from api.reports._files import (
    json_text,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
    xlsx_bytes,
)
from api.reports._render import (
    school_html,
    school_xlsx,
    summary_html,
    summary_xlsx,
)

__all__ = [
    "fees_xlsx",
    "given_rows",
    "group_rows",
    "json_text",
    "map_view",
    "resource_records",
    "rosters_xlsx",
    "school_html",
    "school_xlsx",
    "summary_data",
    "summary_html",
    "summary_xlsx",
    "write_bytes_atomic",
    "write_enrolment_reports",
    "write_json_atomic",
    "write_text_atomic",
    "xlsx_bytes",
]
