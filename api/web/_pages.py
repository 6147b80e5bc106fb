"""Rendering a web page: the templates, the site prefix, the Chinese labels and number formats
(api._display) as template filters. The route modules and the site both use this module, and it
imports neither of them."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from api._display import JINJA_FILTERS
from api._state import AppState
from api.web._session import COOKIE, principal_for

PREFIX = "/web"
_ENV = Environment(
    loader=PackageLoader("api.web", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
)
_ENV.filters.update(JINJA_FILTERS)
_TITLES = {
    401: "请先登录",
    403: "无权访问",
    404: "找不到页面",
    422: "请求有误",
    429: "请求过于频繁",
}


def page(request: Request, template: str, code: int = 200, **values: Any) -> HTMLResponse:
    """Render a page with who is signed in (for the header) and the site prefix."""
    state: AppState = request.app.state.kehou
    who = principal_for(state, request.cookies.get(COOKIE))
    html = _ENV.get_template(template).render(who=who, base=PREFIX, **values)
    return HTMLResponse(html, status_code=code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    title = _TITLES.get(status, "出错了")
    return page(request, "error.html.j2", status, status=status, title=title, message=message)
