"""The data-access layer: every read or write of a school's data passes the object check here.

A planner's token reaches its own school only; a bureau token reaches every school. Routes
never query the store for school data directly, so one place enforces the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from api._auth import Principal, StateDep
from api._errors import ApiError
from api._state import AppState
from catalog import Kind, School
from catalog._store_auth import TokenInfo, record_audit


@dataclass(frozen=True)
class SchoolAccess:
    """The store as one token may see it."""

    state: AppState
    principal: TokenInfo

    def allowed(self, school_id: str) -> bool:
        return self.principal.role == "bureau" or self.principal.school_id == school_id

    def school(self, school_id: str) -> School:
        """A school the token may reach: 403 for another school's id, 404 when unknown."""
        if not self.allowed(school_id):
            self.denied(school_id, "school")
            raise ApiError(
                403, "forbidden", "只能访问本校数据 / a planner may only reach its own school"
            )
        record = self.state.store.get(Kind.SCHOOL, school_id)
        if not isinstance(record, School):
            raise ApiError(404, "not_found", f"没有这所学校 / no such school: {school_id}")
        return record

    def schools(self) -> list[School]:
        """Every school the token may reach, by id."""
        if self.principal.role == "bureau":
            found = self.state.store.records(Kind.SCHOOL)
        else:
            one = self.state.store.get(Kind.SCHOOL, self.principal.school_id or "")
            found = [] if one is None else [one]
        return [s for s in found if isinstance(s, School)]

    def denied(self, school_id: str | None, what: str) -> None:
        """Log a refused attempt on another school's data (who, which school, what)."""
        record_audit(self.state.store, self.principal, "denied", school_id, what[:200])

    def audit(self, action: str, school_id: str | None, detail: str = "") -> None:
        """Log a read of survey-derived data: who, what, when (no personal data)."""
        record_audit(self.state.store, self.principal, action, school_id, detail)


def get_access(state: StateDep, principal: Principal) -> SchoolAccess:
    return SchoolAccess(state, principal)


Access = Annotated[SchoolAccess, Depends(get_access)]
