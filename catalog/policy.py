"""The hard rules a recommendation never breaks (docs/design.md, "Rules that are never broken").

Public face of `_policy_rules` (vocabulary, fees, distance, slots), `_policy_check` (one
catalogue item) and `_policy_pair` (one school × item), plus the rule half of the academic-
content classifier (text, whole records and survey wishes). Every function here is pure.
Codes and messages: docs/policy.md.
"""

from __future__ import annotations

from catalog._academic_offer import (
    academic_check,
    is_academic_wish,
    offer_text,
    subject_items,
    wish_check,
)
from catalog._academic_rules import (
    NEGATIVE_CUES,
    POSITIVE_CUES,
    AcademicRuleResult,
    Cue,
    academic_reason,
    academic_rule_score,
    exam_reason,
)
from catalog._policy_check import academic_text, check_item
from catalog._policy_pair import check_load, check_pair
from catalog._policy_rules import (
    LEVEL_GRADES,
    RULE_MESSAGES,
    ItemLoad,
    PolicyConfig,
    RuleCode,
    Slot,
    Violation,
    daily_fee_ok,
    fee_cap_per_session,
    fee_per_hour,
    haversine_km,
    is_compulsory,
    semester_fee_ok,
    session_hours,
    shared_slots,
    slot_window,
    slots_overlap,
)

__all__ = [
    "LEVEL_GRADES",
    "NEGATIVE_CUES",
    "POSITIVE_CUES",
    "RULE_MESSAGES",
    "AcademicRuleResult",
    "Cue",
    "ItemLoad",
    "PolicyConfig",
    "RuleCode",
    "Slot",
    "Violation",
    "academic_check",
    "academic_reason",
    "academic_rule_score",
    "academic_text",
    "check_item",
    "check_load",
    "check_pair",
    "daily_fee_ok",
    "exam_reason",
    "fee_cap_per_session",
    "fee_per_hour",
    "haversine_km",
    "is_academic_wish",
    "is_compulsory",
    "offer_text",
    "semester_fee_ok",
    "session_hours",
    "shared_slots",
    "slot_window",
    "slots_overlap",
    "subject_items",
    "wish_check",
]
