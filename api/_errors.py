"""Errors as JSON with a bilingual message (and, for imports, the row/column problem list)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api._schemas import ErrorBody, ErrorPublic, ProblemPublic
from catalog import DatabaseBusy, Problem


class ApiError(Exception):
    """A user-facing failure: HTTP status, stable code, '中文 / English' message, problems."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        problems: list[Problem] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.problems = problems or []
        self.headers = headers


def error_response(
    status: int,
    code: str,
    message: str,
    problems: list[ProblemPublic] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorPublic(error=ErrorBody(code=code, message=message, problems=problems or []))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def problem_public(problem: Problem) -> ProblemPublic:
    return ProblemPublic(
        file=problem.file,
        row=problem.row,
        column=problem.column,
        value=problem.value,
        reason=problem.reason,
    )


def too_large_message(limit: int) -> str:
    return f"请求体过大（上限 {limit} 字节）/ request body too large (limit {limit} bytes)"


class BodyTooLarge(StarletteHTTPException):
    """A streamed body passed the limit; an HTTPException so FastAPI's body parser lets it by."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


INTERNAL_MESSAGE = "服务器内部错误，未做任何修改 / internal server error; nothing changed"

_HTTP_MESSAGES = {
    404: ("not_found", "找不到该资源 / not found"),
    405: ("method_not_allowed", "不支持该请求方法 / method not allowed"),
}


def install_error_handlers(app: FastAPI) -> None:
    """Every error leaves the service as ErrorPublic JSON, never as HTML or a bare string."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        problems = [problem_public(p) for p in exc.problems]
        return error_response(exc.status, exc.code, exc.message, problems, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _validation_message(exc.errors()))

    @app.exception_handler(DatabaseBusy)
    async def _busy(_request: Request, exc: DatabaseBusy) -> JSONResponse:
        return error_response(503, "busy", exc.message, headers={"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
        """Anything unforeseen: the documented JSON, never a traceback or plain text."""
        return error_response(500, "internal_error", INTERNAL_MESSAGE)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, BodyTooLarge):
            return error_response(413, "too_large", str(exc.detail))
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", str(exc.detail)))
        return error_response(exc.status_code, code, message, headers=exc.headers)


def _validation_message(errors: Any) -> str:
    parts = [
        f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors[:5]
    ]
    return "请求参数有误 / invalid request: " + "; ".join(parts)
