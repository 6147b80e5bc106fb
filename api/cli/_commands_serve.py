"""`kehou serve`: the HTTP service with uvicorn, on loopback by default."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli._app import DbOption, app, err_console, fail, settings_for
from catalog import uses_default_secret
from embeddings import DEFAULT_BACKEND

DEFAULT_SECRET_REFUSED = (
    "拒绝启动：仍在使用默认密钥 kehou-dev-secret-change-me，任何人都能据此算出答卷标识。"
    "请设置环境变量 KEHOU_HMAC_SECRET（例如 `export KEHOU_HMAC_SECRET=$(python -c "
    "'import secrets;print(secrets.token_urlsafe(32))')`），或对 `kehou demo` 生成的数据库"
    "启动（它在数据库旁保存自己的密钥 <db>.secret） / refusing to serve with the default secret "
    "kehou-dev-secret-change-me (anyone could compute respondent keys from it): set "
    "KEHOU_HMAC_SECRET, or serve the database `kehou demo` made (it keeps its own <db>.secret)"
)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="监听地址 / bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="端口 / port")] = 8000,
    backend: Annotated[
        str, typer.Option("--backend", envvar="KEHOU_API_BACKEND", help="嵌入后端 / backend")
    ] = DEFAULT_BACKEND,
    db: DbOption = None,
) -> None:
    """启动 HTTP 服务 / run the HTTP API (Ctrl-C stops it)."""
    import uvicorn

    from api._app import create_app
    from api._config import ApiConfig

    settings = settings_for(db)
    if uses_default_secret(settings):
        fail(DEFAULT_SECRET_REFUSED)
    from sqlalchemy.exc import SQLAlchemyError

    from api.cli._app import db_error_message, os_error_message

    try:
        application = create_app(settings, ApiConfig(backend=backend))
    except SQLAlchemyError as error:  # e.g. a file that is not a SQLite database
        fail(db_error_message(settings.db, error))
    except OSError as error:
        fail(os_error_message(error))
    err_console.print(f"kehou 服务 / serving on http://{host}:{port}  (docs: /docs)")
    uvicorn.run(application, host=host, port=port, log_level="info")
