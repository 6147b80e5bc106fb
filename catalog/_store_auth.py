"""API tokens, the audit log and survey purge: access and privacy data beside the catalogue.

A token's secret never reaches the database: only its SHA-256 is kept, so a leaked database
copy cannot be used to call the API. The audit log says who read which school's survey data and
when, with no personal data in it. Tables are created by migration 0002.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog._kinds import Kind
from catalog._store import Store
from catalog._store_engine import write_session
from catalog._store_tables import ID, SHORT, Base, SurveyResponseRow

ROLES = ("planner", "bureau")
TOKEN_PREFIX = "kh_"


class ApiTokenRow(Base):
    """One bearer token: the hash of its secret, its role and (for a planner) its school."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(40))
    school_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("schools.id"), nullable=True, index=True
    )
    created: Mapped[datetime] = mapped_column(DateTime)
    label: Mapped[str] = mapped_column(SHORT, default="")
    #: NULL: never expires / not revoked (migration 0004)
    expires: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    def usable(self, now: datetime) -> bool:
        return self.revoked is None and (self.expires is None or self.expires > now)


class AuditLogRow(Base):
    """Who (token id, role) did what (action, school) when; never names or answers."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    token_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(SHORT)
    school_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


@dataclass(frozen=True)
class TokenInfo:
    """What a valid token grants: its id, role and (planner) school."""

    id: int
    role: str
    school_id: str | None
    label: str


def hash_token(secret: str) -> str:
    """SHA-256 hex of a token secret: what is stored and looked up."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    store: Store,
    role: str,
    school_id: str | None = None,
    label: str = "",
    *,
    expires_days: float | None = None,
) -> tuple[str, TokenInfo]:
    """Store a new token and return (secret, info); the secret is not kept anywhere.

    `expires_days` (None: never) makes it stop working after that many days.
    """
    if expires_days is not None and expires_days <= 0:
        raise ValueError("有效天数必须大于 0 / --expires-days must be > 0")
    if role not in ROLES:
        raise ValueError(f"未知角色 / unknown role {role!r}; 可选 / allowed: planner, bureau")
    if (role == "planner") != (school_id is not None):
        raise ValueError(
            "planner 必须且只有 planner 绑定一所学校 / a planner token needs --school, "
            "a bureau token takes none"
        )
    if school_id is not None and store.get(Kind.SCHOOL, school_id) is None:
        raise ValueError(f"没有这所学校 / no such school: {school_id}")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = _now()
    expires = None if expires_days is None else now + timedelta(days=expires_days)
    row = ApiTokenRow(
        token_hash=hash_token(secret),
        role=role,
        school_id=school_id,
        created=now,
        label=label,
        expires=expires,
    )
    with write_session(store.engine) as session:
        session.add(row)
        session.flush()
        info = TokenInfo(row.id, role, school_id, label)
    return secret, info


def find_token(store: Store, secret: str) -> TokenInfo | None:
    """The token a bearer secret stands for, or None when it is unknown, expired or revoked."""
    with Session(store.engine) as session:
        row = session.scalar(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == hash_token(secret))
        )
        if row is None or not row.usable(_now()):
            return None
        return TokenInfo(row.id, row.role, row.school_id, row.label)


def record_audit(
    store: Store, token: TokenInfo | None, action: str, school_id: str | None, detail: str = ""
) -> None:
    """Append one audit row (its own short transaction)."""
    row = AuditLogRow(
        at=_now(),
        token_id=None if token is None else token.id,
        role="cli" if token is None else token.role,
        action=action,
        school_id=school_id,
        detail=detail,
    )
    with write_session(store.engine) as session:
        session.add(row)


def audit_rows(store: Store, school_id: str | None = None) -> list[AuditLogRow]:
    """Audit rows in order (optionally one school's): for reports and tests."""
    query = select(AuditLogRow).order_by(AuditLogRow.id)
    if school_id is not None:
        query = query.where(AuditLogRow.school_id == school_id)
    with Session(store.engine, expire_on_commit=False) as session:
        return list(session.scalars(query))


_TERM = {"春": 1, "spring": 1, "秋": 2, "autumn": 2, "fall": 2}


def semester_key(semester: str) -> tuple[int, int] | None:
    """Order of a semester label: ``2026春`` (1st half) < ``2026秋`` (2nd half) < ``2027春``.

    Also ``2026-2027-1`` (= 2026秋) and ``2026-2027-2`` (= 2027春); None when not understood.
    """
    text = semester.strip().lower()
    school_year = re.fullmatch(r"(\d{4})\s*[-/～~]\s*(\d{4})\s*[-/第]?\s*([12])(?:学期)?", text)
    if school_year:
        first, term = int(school_year.group(1)), int(school_year.group(3))
        return (first, 2) if term == 1 else (first + 1, 1)
    plain = re.fullmatch(r"(\d{4})\s*(?:年)?\s*(春|秋|spring|autumn|fall)(?:季|学期)?", text)
    if plain:
        return int(plain.group(1)), _TERM[plain.group(2)]
    return None


def retention_cutoff(semester: str, keep: int) -> str | None:
    """The first semester kept when `keep` semesters (this one included) are retained:
    ``retention_cutoff("2026秋", 2) == "2026春"``; None when `semester` is not understood."""
    key = semester_key(semester)
    if key is None or keep < 1:
        return None
    index = key[0] * 2 + (key[1] - 1) - (keep - 1)
    year, half = divmod(index, 2)
    return f"{year}{'春' if half == 0 else '秋'}"


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed, per semester, and the labels it could not order (kept)."""

    before: str
    deleted: dict[str, int]
    kept_unknown: dict[str, int]
    dry_run: bool

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def purge_surveys(store: Store, before: str, *, dry_run: bool = False) -> PurgeResult:
    """Delete every survey row of a semester earlier than `before`, in one transaction.

    Rows whose semester label cannot be ordered (empty, free text) are kept and reported; the
    purge is itself written to the audit log (counts only).
    """
    limit = semester_key(before)
    if limit is None:
        raise ValueError(f"无法识别的学期 / unknown semester {before!r}; 例如 2026秋、2026-2027-1")
    with write_session(store.engine) as session:
        labels = session.execute(select(SurveyResponseRow.semester).distinct()).scalars()
        keys = {label: semester_key(label) for label in labels}
        old = sorted(label for label, key in keys.items() if key is not None and key < limit)
        unknown = sorted(label for label, key in keys.items() if key is None)
        deleted = {label: _count(session, label) for label in old}
        kept = {label: _count(session, label) for label in unknown}
        if not dry_run and old:
            session.execute(delete(SurveyResponseRow).where(SurveyResponseRow.semester.in_(old)))
    result = PurgeResult(before, deleted, kept, dry_run)
    if not dry_run:
        record_audit(store, None, "surveys.purge", None, f"before={before} rows={result.total}")
    return result


def _count(session: Session, semester: str) -> int:
    query = select(SurveyResponseRow.respondent_key).where(SurveyResponseRow.semester == semester)
    return len(session.execute(query).all())


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


__all__ = [
    "ROLES",
    "ApiTokenRow",
    "AuditLogRow",
    "PurgeResult",
    "TokenInfo",
    "audit_rows",
    "create_token",
    "find_token",
    "hash_token",
    "purge_surveys",
    "record_audit",
    "semester_key",
]
