"""Signing in to the web page: a server-side session whose id lives in an HttpOnly cookie.

The cookie never holds the token: signing in exchanges the token for a random session id
(catalog._store_sessions); signing out ends it on the server, and revoking or expiring the
token ends it too. The cookie is SameSite=Strict and Secure over HTTPS, and every form post
passes an Origin check (api/web/_site.py).
Every page then goes through the API's own access layer (`SchoolAccess`), so a planner's
session reaches its own school only, exactly as its token does on the API.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api._access import SchoolAccess
from api._errors import ApiError
from api._state import AppState
from catalog import session_principal
from catalog._store_auth import TokenInfo

COOKIE = "kehou_session"


class SignInNeeded(Exception):
    """No valid session: the page handler sends the browser to the sign-in form."""


def web_state(request: Request) -> AppState:
    state: AppState = request.app.state.kehou
    return state


def principal_for(state: AppState, session_id: str | None) -> TokenInfo | None:
    """The token behind the cookie's session, or None when missing, ended or expired."""
    return session_principal(state.store, session_id)


def is_https(request: Request) -> bool:
    """Served over HTTPS, directly or behind a proxy that says so."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def web_access(request: Request) -> SchoolAccess:
    """The signed-in session's access: redirect to sign in when absent, 429 over its rate."""
    state = web_state(request)
    principal = principal_for(state, request.cookies.get(COOKIE))
    if principal is None:
        raise SignInNeeded
    if state.limiter.take(principal.id) > 0:
        raise ApiError(429, "rate_limited", "请求过于频繁，请稍后再试 / too many requests")
    return SchoolAccess(state, principal)


WebAccess = Annotated[SchoolAccess, Depends(web_access)]


def require_bureau(access: WebAccess) -> SchoolAccess:
    """Bureau pages: a planner's session gets the 403 page."""
    if access.principal.role != "bureau":
        raise ApiError(403, "forbidden", "仅限教育局 / bureau only")
    return access


BureauAccess = Annotated[SchoolAccess, Depends(require_bureau)]
