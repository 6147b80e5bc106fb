"""`kehou serve`: the HTTP service with uvicorn, on loopback by default.

The socket is bound before anything is printed: a port in use is one plain line and exit 1,
never a "serving on …" followed by a traceback.
"""

from __future__ import annotations

import socket
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


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a clear one-line error (exit 1)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        fail(f"无法解析监听地址 / cannot resolve host {host}: {exc.strerror or exc}")
    family = infos[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        fail(f"无法监听 {host}:{port}（端口已被占用或无权限）/ cannot listen on {host}:{port}: "
             f"{exc.strerror or exc}")  # fmt: skip
    sock.set_inheritable(True)
    return sock


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="监听地址 / bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="端口 / port")] = 8000,
    backend: Annotated[
        str, typer.Option("--backend", envvar="KEHOU_API_BACKEND", help="嵌入后端 / backend")
    ] = DEFAULT_BACKEND,
    db: DbOption = None,
) -> None:
    """启动 HTTP 服务 / run the HTTP API (Ctrl-C stops it)."""
    import uvicorn

    from api._app import create_app
    from api._config import ApiConfig

    settings = settings_for(db, read_only=True)
    if uses_default_secret(settings):
        fail(DEFAULT_SECRET_REFUSED)
    from sqlalchemy.exc import SQLAlchemyError

    from api.cli._app import db_error_message, os_error_message

    sock = bind_socket(host, port)
    try:
        application = create_app(settings, ApiConfig(backend=backend))
    except SQLAlchemyError as error:  # e.g. a file that is not a SQLite database
        sock.close()
        fail(db_error_message(settings.db, error))
    except OSError as error:
        sock.close()
        fail(os_error_message(error))
    bound = sock.getsockname()[1]
    err_console.print(f"kehou 服务 / serving on http://{host}:{bound}  (网页 / pages: /web)")
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning"))
    server.run(sockets=[sock])
