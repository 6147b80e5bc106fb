"""Adapters: HTTP service, CLI, report rendering, web page. Nothing imports api.

`create_app` and `ApiConfig` load lazily, so `kehou --help` does not pay for importing FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api._app import create_app
    from api._config import ApiConfig

__all__ = ["ApiConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from api._app import create_app

        return create_app
    if name == "ApiConfig":
        from api._config import ApiConfig

        return ApiConfig
    raise AttributeError(name)
