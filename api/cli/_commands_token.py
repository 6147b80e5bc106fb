"""`kehou token create`: a new API bearer token, printed once (only its hash is stored)."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for

token_app = typer.Typer(help="API 令牌 / API tokens", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option("--role", help="planner 或 bureau")],
    school: Annotated[
        str | None, typer.Option("--school", help="planner 的学校编号 / the planner's school")
    ] = None,
    label: Annotated[str, typer.Option("--label", help="备注 / a note for whom")] = "",
    expires_days: Annotated[
        float | None,
        typer.Option("--expires-days", help="有效天数（默认永久）/ days until it expires"),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """生成令牌（只显示一次）/ create a token; it is shown once and stored only as a hash."""
    from catalog import open_store
    from catalog._store_auth import create_token

    if role not in ("planner", "bureau"):
        raise typer.BadParameter("--role 只能是 planner 或 bureau / must be planner or bureau")
    with open_store(settings_for(db)) as store:
        try:
            secret, info = create_token(store, role, school, label, expires_days=expires_days)
        except ValueError as exc:
            fail(str(exc))
    if json_out:
        doc = {"token": secret, "id": info.id, "role": info.role, "school_id": info.school_id}
        print_json(doc | {"label": info.label})
        return
    typer.echo(secret)
    err_console.print(
        f"令牌 #{info.id}（{info.role}{'，学校 ' + info.school_id if info.school_id else ''}）"
        "只显示这一次，请妥善保存 / shown once: keep it safe",
        highlight=False,
    )


@token_app.command("list")
def token_list(json_out: JsonOption = False, db: DbOption = None) -> None:
    """列出令牌（不显示密钥）/ list tokens: id, role, school, status; never the secret."""
    from catalog import list_tokens, open_store

    with open_store(settings_for(db)) as store:
        tokens = list_tokens(store)
    docs = [
        {
            "id": t.id,
            "role": t.role,
            "school_id": t.school_id,
            "label": t.label,
            "created": t.created.isoformat(timespec="seconds"),
            "expires": None if t.expires is None else t.expires.isoformat(timespec="seconds"),
            "status": t.status,
        }
        for t in tokens
    ]
    if json_out:
        print_json({"tokens": docs})
        return
    for d in docs:
        typer.echo(
            f"#{d['id']}\t{d['role']}\t{d['school_id'] or '-'}\t{d['status']}\t"
            f"expires={d['expires'] or 'never'}\t{d['label']}"
        )


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[int, typer.Argument(help="令牌编号（token list 中的 #）/ token id")],
    db: DbOption = None,
) -> None:
    """吊销令牌，并结束它的网页会话 / revoke a token and end its web sessions at once."""
    from catalog import open_store, revoke_token

    with open_store(settings_for(db)) as store:
        if not revoke_token(store, token_id):
            fail(f"没有这个令牌 / no such token: #{token_id}")
    err_console.print(f"令牌 #{token_id} 已吊销 / token #{token_id} revoked", highlight=False)
