"""The HTTP service's own config (one typed config per component); the rest is `Settings`."""

from __future__ import annotations

from pydantic import BaseModel, Field

from embeddings import DEFAULT_BACKEND


class ApiConfig(BaseModel):
    """Limits and choices of one running service; tests pass a small one (tfidf, tight limits)."""

    backend: str = Field(DEFAULT_BACKEND, description="嵌入后端 / embedding backend for the engine")
    default_page_size: int = Field(20, ge=1)
    max_page_size: int = Field(100, ge=1, description="每页上限 / page-size cap (larger is cut)")
    max_search_top: int = Field(50, ge=1)
    rate_per_minute: float = Field(120.0, gt=0, description="每个令牌每分钟请求数 / per token")
    rate_burst: int = Field(30, ge=1, description="令牌桶容量 / bucket size")
    allocation_time_limit: float = Field(30.0, gt=0, description="分配求解时限（秒）")
    allocation_solver: str = "highs"
