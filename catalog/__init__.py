"""Domain records, import/export, validation, storage and policy rules. Imports nothing of ours."""

from catalog._cells import (
    escape_formula,
    join_multi,
    normalise_text,
    parse_bool,
    parse_datetime,
    parse_enum,
    parse_float,
    parse_grades,
    parse_int,
    parse_slot,
    parse_slots,
    split_multi,
    unescape_formula,
)
from catalog._column_map import ColumnMap, load_column_map
from catalog._columns import COLUMN_ALIASES, HeaderMatch, match_header
from catalog._enums import (
    ENUM_SYNONYMS,
    Area,
    Domain,
    ResourceFormat,
    Respondent,
    SchoolLevel,
    SpecialistKind,
)
from catalog._export import export_records
from catalog._importer import check_batch, import_paths
from catalog._interests import (
    Interest,
    InterestMatch,
    Vocabulary,
    load_vocabulary,
    parse_vocabulary,
    vocabulary,
)
from catalog._kinds import FILE_STEMS, IMPORT_ORDER, RECORD_TYPES, Kind, kind_from_filename
from catalog._load import discover, load_file
from catalog._privacy import respondent_key, scrub_free_text, student_key
from catalog._problems import ColumnUse, ImportFailed, LoadResult, Notice, Problem
from catalog._readers import Table, read_table
from catalog._records import (
    Course,
    GradeRange,
    Institution,
    Record,
    School,
    ScienceResource,
    Specialist,
    SurveyResponse,
)
from catalog._secret import DEFAULT_SECRET, ensure_secret, uses_default_secret, with_stored_secret
from catalog._settings import FeeCaps, Settings, db_url
from catalog._store import Store, migrate, open_store
from catalog._store_auth import TokenInfo, create_token, find_token, record_audit  # noqa: F401
from catalog._store_engine import DatabaseBusy, write_session
from catalog._store_sessions import (  # noqa: F401
    TokenListing,
    end_session,
    list_tokens,
    revoke_token,
    session_principal,
    start_session,
)
from catalog._summary import FileCount, ImportSummary
from catalog._texts import item_text
from catalog._validate import validate_table
from catalog._wjx import is_wjx_header, parse_wjx
from catalog._wjx_questions import Questionnaire, find_questionnaire, load_questionnaire
from catalog.policy import (
    AcademicRuleResult,
    ItemLoad,
    PolicyConfig,
    RuleCode,
    Violation,
    academic_check,
    academic_rule_score,
    check_item,
    check_pair,
    daily_fee_ok,
    fee_cap_per_session,
    haversine_km,
    is_academic_wish,
    slots_overlap,
)

__all__ = [
    "COLUMN_ALIASES",
    "DEFAULT_SECRET",
    "ENUM_SYNONYMS",
    "FILE_STEMS",
    "IMPORT_ORDER",
    "RECORD_TYPES",
    "AcademicRuleResult",
    "Area",
    "ColumnMap",
    "ColumnUse",
    "Course",
    "DatabaseBusy",
    "Domain",
    "FeeCaps",
    "FileCount",
    "GradeRange",
    "HeaderMatch",
    "ImportFailed",
    "ImportSummary",
    "Institution",
    "Interest",
    "InterestMatch",
    "ItemLoad",
    "Kind",
    "LoadResult",
    "Notice",
    "PolicyConfig",
    "Problem",
    "Questionnaire",
    "Record",
    "ResourceFormat",
    "Respondent",
    "RuleCode",
    "School",
    "SchoolLevel",
    "ScienceResource",
    "Settings",
    "Specialist",
    "SpecialistKind",
    "Store",
    "SurveyResponse",
    "Table",
    "Violation",
    "Vocabulary",
    "academic_check",
    "academic_rule_score",
    "check_batch",
    "check_item",
    "check_pair",
    "daily_fee_ok",
    "db_url",
    "discover",
    "ensure_secret",
    "escape_formula",
    "export_records",
    "fee_cap_per_session",
    "find_questionnaire",
    "haversine_km",
    "import_paths",
    "is_academic_wish",
    "is_wjx_header",
    "item_text",
    "join_multi",
    "kind_from_filename",
    "load_column_map",
    "load_file",
    "load_questionnaire",
    "load_vocabulary",
    "match_header",
    "migrate",
    "normalise_text",
    "open_store",
    "parse_bool",
    "parse_datetime",
    "parse_enum",
    "parse_float",
    "parse_grades",
    "parse_int",
    "parse_slot",
    "parse_slots",
    "parse_vocabulary",
    "parse_wjx",
    "read_table",
    "respondent_key",
    "scrub_free_text",
    "slots_overlap",
    "split_multi",
    "student_key",
    "unescape_formula",
    "uses_default_secret",
    "validate_table",
    "vocabulary",
    "with_stored_secret",
    "write_session",
]
