"""GET /me: which token is calling (role, school), so a client can check its setup."""

from __future__ import annotations

from fastapi import APIRouter

from api._auth import Principal
from api._paging import ERRORS
from api._schemas import TokenPublic

router = APIRouter(tags=["health"], responses=ERRORS)


@router.get("/me", response_model=TokenPublic, summary="当前令牌 / who am I")
def me(principal: Principal) -> TokenPublic:
    return TokenPublic(
        id=principal.id, role=principal.role, school_id=principal.school_id, label=principal.label
    )
