"""Paging parameters with a cap from the app's config (a larger page_size is cut to the cap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from api._auth import StateDep
from api._schemas import ErrorPublic

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "没有或无效的令牌 / missing or unknown token"},
    403: {"model": ErrorPublic, "description": "无权访问 / not allowed for this token"},
    404: {"model": ErrorPublic, "description": "不存在 / not found"},
    413: {"model": ErrorPublic, "description": "请求体过大 / request body too large"},
    422: {"model": ErrorPublic, "description": "参数或文件有误 / invalid request or file"},
    429: {"model": ErrorPublic, "description": "请求过于频繁 / rate limited"},
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorPublic, "description": "文件过大 / upload too large"},
    422: {"model": ErrorPublic, "description": "导入被拒绝（含行列问题）/ refused, with problems"},
}


@dataclass(frozen=True)
class Paging:
    page: int
    page_size: int

    def slice(self, items: list[Any]) -> list[Any]:
        start = (self.page - 1) * self.page_size
        return items[start : start + self.page_size]


def get_paging(
    state: StateDep,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="页码，从 1 开始 / page")] = 1,
    page_size: Annotated[
        int | None, Query(ge=1, le=10_000, description="每页条数（有上限）/ capped page size")
    ] = None,
) -> Paging:
    cap = state.config.max_page_size
    size = state.config.default_page_size if page_size is None else page_size
    return Paging(page=page, page_size=min(size, cap))


PagingDep = Annotated[Paging, Depends(get_paging)]
