"""`kehou embed` and `kehou search`: embed the catalogue (cached), index it, search it by text.

Both go through the matcher's engine: the index is saved beside the database
(``<db file>.index/<backend>.npz``, or --index-dir / $KEHOU_INDEX_DIR for server databases) and
rebuilt whenever the embedder's fingerprint or the catalogue texts changed, through the
embedding cache, so only changed texts are embedded again. Search is the matcher's hybrid
retrieval: dense and character n-gram keyword rankings fused by reciprocal rank.
Heavy libraries are imported inside the commands, so `kehou --help` and the other commands
start fast.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli._app import (
    DbOption,
    JsonOption,
    app,
    err_console,
    fail,
    make_progress,
    print_json,
    settings_for,
)
from catalog import Kind, Settings, kind_from_filename
from embeddings import DEFAULT_BACKEND

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matcher import Engine

ITEM_KINDS = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE)

BackendOption = Annotated[
    str, typer.Option("--backend", help="tfidf, use-m3, e5-small, st:<模型目录/model dir>")
]
IndexDirOption = Annotated[
    Path | None,
    typer.Option("--index-dir", envvar="KEHOU_INDEX_DIR", help="索引目录 / index folder"),
]


@contextmanager
def engine_for(settings: Settings, backend: str, index_dir: Path | None) -> Iterator[Engine]:
    """Open the store and the engine with a progress bar; user errors exit 1."""
    from catalog._store import open_store
    from embeddings import BackendUnavailable, UnknownBackend
    from matcher import open_engine

    bar = make_progress()
    with open_store(settings) as store, bar:
        task = bar.add_task(f"嵌入 / embedding ({backend})", total=None)
        try:
            yield open_engine(
                store, settings, backend, index_dir=index_dir,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )  # fmt: skip
        except (ValueError, UnknownBackend, BackendUnavailable) as exc:
            fail(str(exc))


@app.command("embed")
def embed_command(
    backend: BackendOption = DEFAULT_BACKEND,
    index_dir: IndexDirOption = None,
    purge_old: Annotated[
        bool,
        typer.Option(
            "--purge-old", help="删除其他指纹的缓存 / drop cached vectors of other models"
        ),
    ] = False,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """嵌入并索引有变化的目录条目（带缓存） / embed and index every changed catalogue item."""
    started = time.perf_counter()
    settings = settings_for(db)
    with engine_for(settings, backend, index_dir) as engine:
        fingerprint = engine.embedder.fingerprint
        purged = engine.embedder.cache.purge_other_fingerprints(fingerprint) if purge_old else 0
    report = {
        "backend": backend,
        "fingerprint": fingerprint,
        "items": len(engine.catalogue.items),
        "rebuilt": engine.rebuilt,
        "embedded": engine.embedder.misses,
        "cached": engine.embedder.hits,
        "index": str(engine.path),
        "purged": purged,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if json_out:
        print_json(report)
        return
    state = "已重建 / rebuilt" if engine.rebuilt else "已是最新 / up to date"
    err_console.print(
        f"{state}: {report['items']} 条目 / items, 新嵌入 / embedded {report['embedded']}, "
        f"缓存命中 / cached {report['cached']} -> {engine.path}",
        highlight=False,
    )


def parse_item_kind(value: str | None) -> Kind | None:
    """`--kind` as one of the catalogue item kinds (English value or a file stem like 课程)."""
    if value is None:
        return None
    text = value.strip().lower()
    kind = Kind(text) if text in {k.value for k in Kind} else kind_from_filename(text)
    if kind not in ITEM_KINDS:
        allowed = ", ".join(k.value for k in ITEM_KINDS)
        raise typer.BadParameter(f"未知类别 / unknown kind {value!r}; 可选 / allowed: {allowed}")
    return kind


def search_results(
    engine: Engine, text: str, kind: Kind | None, top: int, dense_only: bool
) -> list[dict[str, Any]]:
    """Hybrid search restricted to one kind (or all), best first."""
    from matcher import RecommendConfig

    cat = engine.catalogue
    config = RecommendConfig(use_keyword=False) if dense_only else None
    retriever = engine.recommender(config).retriever
    allowed = [i.key for i in cat.items if kind is None or i.kind == kind]
    out = []
    for hit in retriever.search(text, top, allowed):
        item = cat.by_key[hit.key]
        out.append(
            {
                "id": item.id,
                "kind": item.kind.value,
                "title": item.title,
                "score": round(hit.rrf, 6),
                "fit": round(hit.fit, 4),
                "found_by": list(hit.found_by),
                "similarity": None if hit.similarity is None else round(hit.similarity, 4),
                "signals": {name: round(v, 4) for name, v in hit.signals.items()},
                "text": item.text,
            }
        )
    return out


@app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help="要找什么 / what to look for", show_default=False)],
    kind: Annotated[
        str | None, typer.Option("--kind", help="courses, specialists, science_resources")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="结果数 / results")] = 10,
    backend: BackendOption = DEFAULT_BACKEND,
    dense_only: Annotated[
        bool, typer.Option("--dense-only", help="不融合关键词检索 / no keyword fusion")
    ] = False,
    index_dir: IndexDirOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """按文字搜索目录 / free-text catalogue search (dense + keyword, reciprocal-rank fused)."""
    wanted = parse_item_kind(kind)
    if not text.strip():
        fail("搜索文字为空 / the search text is empty")
    settings = settings_for(db, read_only=True)
    with engine_for(settings, backend, index_dir) as engine:
        results = search_results(engine, text, wanted, top, dense_only)
    if json_out:
        print_json({"query": text, "backend": backend, "results": results})
        return
    for rank, row in enumerate(results, 1):
        typer.echo(f"{rank:>3}. [{row['kind']}] {row['id']}  {row['title']}  ({row['score']:.4f})")
