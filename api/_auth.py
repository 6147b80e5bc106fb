"""Bearer-token authentication, roles and the per-token rate limit, as FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api._errors import ApiError
from api._state import AppState
from catalog._store_auth import TokenInfo, find_token

_bearer = HTTPBearer(auto_error=False, description="kehou token create 生成的令牌 / token")


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.kehou
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_principal(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenInfo:
    """The calling token: 401 when missing or unknown, 429 when over its rate."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(
            401, "unauthorized", "需要令牌 / a bearer token is required", None, challenge
        )
    token = find_token(state.store, credentials.credentials)
    if token is None:
        raise ApiError(401, "unauthorized", "令牌无效 / unknown token", None, challenge)
    wait = state.limiter.take(token.id)
    if wait > 0:
        retry = {"Retry-After": str(max(1, round(wait)))}
        raise ApiError(429, "rate_limited", "请求过于频繁 / too many requests", None, retry)
    return token


Principal = Annotated[TokenInfo, Depends(get_principal)]


def require_bureau(principal: Principal) -> TokenInfo:
    """Bureau-only routes: a planner's token gets 403."""
    if principal.role != "bureau":
        raise ApiError(403, "forbidden", "仅限教育局 / bureau only")
    return principal


Bureau = Annotated[TokenInfo, Depends(require_bureau)]
