"""Token listing and revocation, and the web page's server-side sessions.

A web sign-in exchanges a token for a random session id: the cookie holds only that id, the
database only its SHA-256. Signing out deletes the session; revoking a token deletes its
sessions too, and an expired or revoked token's sessions stop working at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalog._store import Store
from catalog._store_auth import ApiTokenRow, TokenInfo, hash_token
from catalog._store_engine import write_session
from catalog._store_tables import Base

#: How long a web session lasts without signing in again.
SESSION_HOURS = 12.0


class WebSessionRow(Base):
    """One signed-in browser: the hash of its session id, its token, when it ends."""

    __tablename__ = "web_sessions"

    session_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_id: Mapped[int] = mapped_column(Integer, ForeignKey("api_tokens.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime)
    expires: Mapped[datetime] = mapped_column(DateTime)


@dataclass(frozen=True)
class TokenListing:
    """What `kehou token list` shows: never the secret or its hash."""

    id: int
    role: str
    school_id: str | None
    label: str
    created: datetime
    expires: datetime | None
    revoked: datetime | None

    @property
    def status(self) -> str:
        if self.revoked is not None:
            return "revoked"
        if self.expires is not None and self.expires <= _now():
            return "expired"
        return "active"


def list_tokens(store: Store) -> list[TokenListing]:
    """Every token, oldest first."""
    with Session(store.engine) as session:
        rows = session.scalars(select(ApiTokenRow).order_by(ApiTokenRow.id))
        return [
            TokenListing(r.id, r.role, r.school_id, r.label, r.created, r.expires, r.revoked)
            for r in rows
        ]


def revoke_token(store: Store, token_id: int) -> bool:
    """Revoke a token and end its web sessions; False when no such token exists."""
    with write_session(store.engine) as session:
        row = session.get(ApiTokenRow, token_id)
        if row is None:
            return False
        if row.revoked is None:
            row.revoked = _now()
        session.execute(delete(WebSessionRow).where(WebSessionRow.token_id == token_id))
    return True


def start_session(store: Store, token: TokenInfo, hours: float = SESSION_HOURS) -> str:
    """A new session id for a valid token (what the cookie holds)."""
    session_id = secrets.token_urlsafe(32)
    now = _now()
    row = WebSessionRow(
        session_hash=hash_token(session_id),
        token_id=token.id,
        created=now,
        expires=now + timedelta(hours=hours),
    )
    with write_session(store.engine) as session:
        session.execute(delete(WebSessionRow).where(WebSessionRow.expires <= now))  # tidy up
        session.add(row)
    return session_id


def session_principal(store: Store, session_id: str | None) -> TokenInfo | None:
    """The token behind a live session, or None (unknown, ended, expired, token unusable)."""
    if not session_id:
        return None
    now = _now()
    with Session(store.engine) as session:
        found = session.execute(
            select(WebSessionRow, ApiTokenRow)
            .join(ApiTokenRow, ApiTokenRow.id == WebSessionRow.token_id)
            .where(WebSessionRow.session_hash == hash_token(session_id))
        ).first()
        if found is None:
            return None
        web, token = found
        if web.expires <= now or not token.usable(now):
            return None
        return TokenInfo(token.id, token.role, token.school_id, token.label)


def end_session(store: Store, session_id: str | None) -> None:
    """Sign out: the session id stops working at once, whoever still holds it."""
    if not session_id:
        return
    with write_session(store.engine) as session:
        session.execute(
            delete(WebSessionRow).where(WebSessionRow.session_hash == hash_token(session_id))
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
