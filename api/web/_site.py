"""The web page as a sub-application mounted at /web: its own HTML error pages, templates and
static files (all inside the package: many school networks are offline or filtered)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api._errors import ApiError
from api._state import AppState
from api.web._pages import PREFIX, error_page
from api.web._routes_bureau import router as bureau_router
from api.web._routes_enrol import router as enrol_router
from api.web._routes_planner import router as planner_router
from api.web._routes_review import router as review_router
from api.web._session import SignInNeeded


def create_web(state: AppState) -> FastAPI:
    """The web page's app over the service's state (same store, engine, limits)."""
    web = FastAPI(title="kehou 课后 web", docs_url=None, redoc_url=None, openapi_url=None)
    web.state.kehou = state
    web.mount("/static", StaticFiles(packages=[("api.web", "static")]), name="static")
    _install_handlers(web)
    web.include_router(planner_router)
    web.include_router(review_router)
    web.include_router(bureau_router)
    web.include_router(enrol_router)
    return web


def _install_handlers(web: FastAPI) -> None:
    """Errors become HTML pages in Chinese and English, never JSON, on the web page."""

    @web.exception_handler(SignInNeeded)
    async def _sign_in(_request: Request, _exc: SignInNeeded) -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)

    @web.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_page(request, exc.status, exc.message)

    @web.exception_handler(RequestValidationError)
    async def _invalid(request: Request, _exc: RequestValidationError) -> Response:
        return error_page(request, 422, "请求参数有误 / invalid request")

    @web.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_page(request, exc.status_code, str(exc.detail))
