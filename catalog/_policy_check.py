"""The hard rules applied to records: one catalogue item alone, and one school × item pair.

Pure functions: they read records and settings and return `Violation`s; nothing is looked up.
The caller passes the item's provider (a course's specialist or institution, a specialist's
institution) and, for a course run by a specialist, that specialist's institution.
"""

from __future__ import annotations

from catalog._academic_offer import academic_check, offer_text
from catalog._academic_rules import AcademicRuleResult, academic_reason, exam_reason
from catalog._policy_rules import (
    RuleCode,
    Violation,
    fee_cap_per_session,
    fee_per_hour,
    is_compulsory,
    session_hours,
    yuan,
)
from catalog._records import Course, Institution, ScienceResource, Specialist
from catalog._settings import FeeCaps, Settings

Item = Course | Specialist | ScienceResource
Provider = Specialist | Institution


def academic_text(item: Item) -> str:
    """What the academic rule reads: a course's title, description and tags; a specialist's
    skills, bio and qualification (past roles and credentials are masked by the rule: a retired
    maths teacher may run a chess club); a resource's title, description and topics."""
    return offer_text(item)


def _provider_name(who: Provider) -> str:
    if isinstance(who, Specialist):
        return f"{who.kind} {who.name or who.id}"
    return f"培训机构 {who.name}"


def _academic_violations(
    item_id: str, result: AcademicRuleResult, prefix: str = ""
) -> list[Violation]:
    """`ACADEMIC` for any 学科类 offer; exam-focused ones get `EXAM_PREP` beside it, so scripts
    that look for `ACADEMIC` still find every academic item."""
    out = [Violation(item_id, RuleCode.ACADEMIC, prefix + academic_reason(result))]
    if result.code == RuleCode.EXAM_PREP:
        out.append(Violation(item_id, RuleCode.EXAM_PREP, prefix + exam_reason(result)))
    return out


def _academic(
    item: Item, provider: Provider | None, institution: Institution | None
) -> list[Violation]:
    """The item's own offer, else its provider's, else its provider's institution's: a course
    inherits its provider's rules, so a disguised 奥数 institution taints what it runs."""
    result = academic_check(item)
    if result.is_academic():
        return _academic_violations(item.id, result)
    for who in (provider, institution):
        if who is None:
            continue
        found = academic_check(who)
        if found.is_academic():
            return _academic_violations(item.id, found, f"提供者 {_provider_name(who)} ")
    return []


def _course_fee(course: Course, caps: FeeCaps) -> list[Violation]:
    """Per-课时 and per-day caps bind wherever compulsory grades (1–9) may attend."""
    if not is_compulsory(course.grades):
        return []
    cap = fee_cap_per_session(course.session_minutes, caps)
    fee = course.fee_per_session
    hours = session_hours(course.session_minutes, caps)
    out = []
    if fee > cap + 1e-9:
        per = yuan(fee_per_hour(fee, course.session_minutes, caps))
        reason = (
            f"每课时 {per} 元，超过上限 {yuan(caps.yuan_per_session_hour)} 元"
            f"（{course.session_minutes} 分钟计 {hours} 课时，每次最多 {yuan(cap)} 元）"
        )
        out.append(Violation(course.id, RuleCode.FEE_OVER_CAP, reason))
    if fee > caps.yuan_per_day + 1e-9:
        reason = f"每次 {yuan(fee)} 元，超过每天上限 {yuan(caps.yuan_per_day)} 元"
        out.append(Violation(course.id, RuleCode.FEE_OVER_CAP, reason))
    return out


def _verification(item_id: str, who: Specialist) -> list[Violation]:
    if who.verified:
        return []
    name = who.name or who.id
    reason = f"校外人员 {name}（{who.kind}）未通过资质审核"
    return [Violation(item_id, RuleCode.UNVERIFIED_SPECIALIST, reason)]


def _admission(item_id: str, wanted: str, institution: Institution | None) -> list[Violation]:
    """`wanted` is the institution id the item points at; None found means not on the list."""
    if institution is not None and institution.id == wanted and institution.admitted:
        return []
    name = institution.name if institution is not None and institution.id == wanted else wanted
    reason = f"培训机构 {name} 未通过准入审核（不在准入名单）"
    return [Violation(item_id, RuleCode.INSTITUTION_NOT_ADMITTED, reason)]


def _provider_rules(
    item: Item, provider: Provider | None, institution: Institution | None
) -> list[Violation]:
    """A course inherits its provider's rules; a specialist those of its institution."""
    if isinstance(item, Specialist):
        out = _verification(item.id, item)
        if item.institution_id:
            inst = provider if isinstance(provider, Institution) else institution
            out += _admission(item.id, item.institution_id, inst)
        return out
    if not isinstance(item, Course) or not item.provider_id:
        return []
    if isinstance(provider, Institution):
        return _admission(item.id, item.provider_id, provider)
    if not isinstance(provider, Specialist) or provider.id != item.provider_id:
        reason = f"提供者 {item.provider_id} 不在校外人员或机构名单中，无法核实"
        return [Violation(item.id, RuleCode.UNVERIFIED_SPECIALIST, reason)]
    out = _verification(item.id, provider)
    if provider.institution_id:
        out += _admission(item.id, provider.institution_id, institution)
    return out


def check_item(
    item: Item,
    *,
    provider: Provider | None = None,
    settings: Settings,
    institution: Institution | None = None,
) -> list[Violation]:
    """Catalogue-level rules: academic content, verification/admission, fee caps.

    `provider`: a course's specialist or institution (by `provider_id`), or a specialist's
    institution. `institution`: the institution of a course's specialist provider.
    """
    out = _academic(item, provider, institution) + _provider_rules(item, provider, institution)
    if isinstance(item, Course):
        out += _course_fee(item, settings.fee_caps)
    return out
