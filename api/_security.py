"""Security headers on every response, and the Origin check on every web form post.

The web page signs in with a cookie, so a form posted from another site would ride on it;
SameSite=Strict already stops modern browsers, and this check stops the rest: a state-changing
request to /web whose Origin (else Referer) names another host is refused with 403, the sign-in
form included (login CSRF). A request with neither header is not from a browser form (curl,
scripts) and is let through. The JSON API authenticates with bearer headers, which a browser
never adds on its own, so it needs no such check.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WEB_PREFIX = "/web"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: The web page ships its own CSS and no script; bars and tiles use style attributes.
WEB_CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
#: Swagger UI and ReDoc load their scripts from a CDN: no CSP there (they hold no data).
DOC_PATHS = ("/docs", "/redoc")
CROSS_SITE = (
    "<!doctype html><meta charset='utf-8'><title>403</title>"
    "<p>跨站提交被拒绝 / cross-site form post refused</p>"
)


def same_origin(headers: Headers) -> bool:
    """Whether a request's Origin (else Referer) names this host; True when it has neither."""
    claimed = headers.get("origin") or headers.get("referer")
    if claimed is None:
        return True
    if claimed == "null":
        return False
    host = headers.get("x-forwarded-host") or headers.get("host") or ""
    return urlsplit(claimed).netloc.lower() == host.split(",")[0].strip().lower()


def security_headers(path: str) -> dict[str, str]:
    """The headers every response gets (Cache-Control only where it holds no static asset)."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }
    if not path.startswith(DOC_PATHS):
        headers["Content-Security-Policy"] = WEB_CSP if path.startswith(WEB_PREFIX) else API_CSP
    if not path.startswith(f"{WEB_PREFIX}/static/"):
        headers["Cache-Control"] = "no-store"
    return headers


class SecurityMiddleware:
    """Adds `security_headers` and refuses cross-site posts to the web page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        extra = security_headers(path)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name.lower() not in headers:
                        headers[name] = value
            await send(message)

        request_headers = Headers(scope=scope)
        unsafe = scope.get("method", "GET") in UNSAFE and path.startswith(WEB_PREFIX)
        if unsafe and not same_origin(request_headers):
            await HTMLResponse(CROSS_SITE, status_code=403)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
