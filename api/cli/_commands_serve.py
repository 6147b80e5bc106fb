"""`kehou serve`: the HTTP service with uvicorn, on loopback by default."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli._app import DbOption, app, err_console, settings_for
from embeddings import DEFAULT_BACKEND


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
    application = create_app(settings, ApiConfig(backend=backend))
    err_console.print(f"kehou 服务 / serving on http://{host}:{port}  (docs: /docs)")
    uvicorn.run(application, host=host, port=port, log_level="info")
