"""`create_app(settings)`: the kehou HTTP service. Nothing is built at import time.

The store is opened (and migrated) when the app is created; the engine (embedder + index) is
built on the first request that needs it, once per app, under a lock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api._config import ApiConfig
from api._errors import BodyTooLarge, error_response, install_error_handlers, too_large_message
from api._routes_allocations import router as allocations_router
from api._routes_catalogue import router as catalogue_router
from api._routes_enrolment import router as enrolment_router
from api._routes_health import router as health_router
from api._routes_me import router as me_router
from api._routes_programmes import router as programmes_router
from api._routes_schools import router as schools_router
from api._security import SecurityMiddleware
from api._state import AppState, TokenBucket
from api.web import create_web
from catalog import Settings, open_store

DESCRIPTION = """kehou 课后服务推荐 HTTP 接口 / the kehou after-school programme service.

用 `kehou token create` 生成令牌，请求头 `Authorization: Bearer <token>`。
planner 令牌只能访问本校；bureau 令牌可访问全部学校和分配。
Create a token with `kehou token create`; planners reach their own school only."""


def create_app(settings: Settings, config: ApiConfig | None = None) -> FastAPI:
    """The service for one database; `config` sets backend and limits (tests: tfidf)."""
    config = config or ApiConfig()
    store = open_store(settings)
    state = AppState(
        settings, config, store, TokenBucket(config.rate_per_minute / 60.0, config.rate_burst)
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="kehou 课后", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.kehou = state
    install_error_handlers(app)
    routers = (health_router, me_router, catalogue_router, schools_router, programmes_router)
    for router in (*routers, allocations_router, enrolment_router):
        app.include_router(router)
    app.mount("/web", create_web(state))

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        """A person who opens the bare address lands on the sign-in page (via /web/)."""
        return RedirectResponse("/web/", status_code=303)

    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(SecurityMiddleware)
    return app


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413, by header or while it streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:  # raised outside FastAPI's own handlers (before the route ran)
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, "too_large", too_large_message(self.limit))(scope, receive, send)
