"""Memory across semesters: next semester starts from the last approved programme.

A pure step over the previous programme's JSON (what the store keeps), so the batch, the API
and a test all give the same answer:
- the signature continues unless demand moved: last semester's topic is kept when it is still
  a candidate with demand at least `keep_share` of its earlier demand; otherwise the new choice
  says why (上学期特色‘围棋’的需求从 40 人降到 8 人，本学期改为‘足球’);
- continuing classes keep their staff: an item recommended again says so, and when its staff is
  no longer the one of last semester (the catalogue changed it) the programme says that too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, Field

from matcher._types import ScoredItem, SignatureChoice

CONTINUED = "延续上学期，由原授课人承担 / continues from last semester with the same staff"


class ContinuityConfig(BaseModel):
    """How much of its earlier demand a signature must keep to continue (0.5 = half)."""

    keep_share: float = Field(0.5, ge=0.0, le=1.0)


@dataclass(frozen=True)
class Previous:
    """What next semester needs of a programme: its signature, its demand, who taught what."""

    semester: str | None
    signature_key: str | None
    signature_label: str
    signature_demand: float
    respondents: int
    staff: Mapping[str, tuple[str, str | None]]  # item id -> (staff, provider id)

    @classmethod
    def from_json(cls, doc: Mapping[str, Any], semester: str | None = None) -> Previous:
        """From a stored programme JSON (`programme_json`, as the store keeps it)."""
        sig = doc.get("signature") or {}
        profile = doc.get("profile") or {}
        staff = {
            str(i["id"]): (str(i.get("staff", "")), i.get("provider_id"))
            for i in doc.get("items", [])
            if "id" in i
        }
        return cls(
            semester=semester if semester is not None else doc.get("semester"),
            signature_key=sig.get("key"),
            signature_label=str(sig.get("label") or sig.get("key") or ""),
            signature_demand=float(sig.get("demand") or 0.0),
            respondents=int(profile.get("respondents") or 0),
            staff=staff,
        )


@dataclass(frozen=True)
class Continuity:
    """The `continuity` block of a programme's JSON."""

    previous_semester: str | None
    previous_signature: str | None
    signature_kept: bool
    why: str
    items_continued: tuple[str, ...] = ()
    staff_changed: tuple[str, ...] = ()


def _people(share: float, respondents: int) -> str:
    """A demand share as a reader would say it: 40 人 when the count is known, else 40%."""
    if respondents > 0:
        return f"{round(share * respondents)} 人"
    return f"{round(share * 100)}%"


def continue_signature(
    ranked: Sequence[SignatureChoice],
    previous: Previous,
    respondents: int,
    config: ContinuityConfig,
) -> tuple[list[SignatureChoice], bool, str]:
    """`ranked` with last semester's signature first when its demand held, whether it was
    kept, and why (in words, Chinese / English)."""
    out = list(ranked)
    key, label = previous.signature_key, previous.signature_label
    if key is None:
        return out, False, "上学期没有特色项目 / no signature last semester"
    now = next((c for c in out if c.key == key), None)
    before = _people(previous.signature_demand, previous.respondents)
    new = out[0].label if out else "无 / none"
    if now is None:
        why = f"上学期特色‘{label}’本学期已无可安排的项目，本学期改为‘{new}’"
        return out, False, why + " / last semester's signature has no eligible items now"
    after = _people(now.demand, respondents)
    if now.demand < config.keep_share * previous.signature_demand:
        why = f"上学期特色‘{label}’的需求从 {before} 降到 {after}，本学期改为‘{new}’"
        return out, False, why + " / its demand fell below the share kept"
    out.remove(now)
    why = f"延续上学期特色‘{label}’（需求 {before} → {after}） / signature kept, demand held"
    return [now, *out], True, why


def continued_items(
    items: Sequence[ScoredItem], previous: Previous
) -> tuple[tuple[ScoredItem, ...], tuple[str, ...], tuple[str, ...]]:
    """Items recommended again, marked: the same staff as last semester gets the reason
    「延续上学期，由原授课人承担」; a changed one a warning naming both. Returns (items, the ids
    continued with their staff, warnings)."""
    out, kept, warnings = [], [], []
    for item in items:
        before = previous.staff.get(item.id)
        if before is None:
            out.append(item)
        elif before == (item.staff, item.provider_id):
            out.append(replace(item, reasons=(*item.reasons, CONTINUED)))
            kept.append(item.id)
        else:
            out.append(item)
            warnings.append(
                f"{item.title}：上学期由{before[0]}承担，目录中现由{item.staff}承担"
                " / the catalogue now names different staff"
            )
    return tuple(out), tuple(kept), tuple(warnings)


def continuity_of(
    previous: Previous,
    signature: SignatureChoice | None,
    kept: tuple[bool, str],
    items: Sequence[ScoredItem],
) -> tuple[tuple[ScoredItem, ...], Continuity, tuple[str, ...]]:
    """The programme's items (continued ones marked), its `continuity` block and its notes.

    `kept` is `continue_signature`'s verdict; a kept signature whose items the timetable could
    not place is reported as not kept, with that reason."""
    signature_kept, why = kept
    if signature_kept and (signature is None or signature.key != previous.signature_key):
        signature_kept = False
        new = signature.label if signature else "无 / none"
        why = (
            f"上学期特色‘{previous.signature_label}’的项目排不进本学期课表，本学期改为‘{new}’"
            " / last semester's signature does not fit this semester's timetable"
        )
    marked, continued, warnings = continued_items(items, previous)
    changed = tuple(i.id for i in items if i.id in previous.staff and i.id not in continued)
    block = Continuity(
        previous_semester=previous.semester,
        previous_signature=previous.signature_label or None,
        signature_kept=signature_kept,
        why=why,
        items_continued=continued,
        staff_changed=changed,
    )
    return marked, block, (why, *warnings)


def remarked(
    items: Sequence[ScoredItem], continuity: Continuity | None
) -> tuple[tuple[ScoredItem, ...], Continuity | None]:
    """After an edit (`replan`): continued items that are still in the plan keep their reason,
    and the block lists only those."""
    if continuity is None:
        return tuple(items), None
    ids = set(continuity.items_continued)
    out = tuple(
        replace(i, reasons=(*i.reasons, CONTINUED))
        if i.id in ids and CONTINUED not in i.reasons
        else i
        for i in items
    )
    still = tuple(i.id for i in items if i.id in ids)
    return out, replace(continuity, items_continued=still)
