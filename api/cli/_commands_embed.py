"""`kehou embed` and `kehou search`: embed the catalogue (cached), index it, search it by text.

The index is saved beside the database (``<db file>.index/<backend>.npz``, or --index-dir /
$KEHOU_INDEX_DIR for server databases). It is rebuilt whenever the embedder's fingerprint or the
catalogue texts changed, through the embedding cache, so only changed texts are re-embedded.
Search fuses the dense ranking with character TF-IDF by reciprocal rank (k=60).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import make_url

from api.cli._app import DbOption, JsonOption, app, err_console, fail, print_json, settings_for
from catalog import Kind, Record, Settings, item_text, kind_from_filename
from catalog._store import open_store
from embeddings import (
    DEFAULT_BACKEND,
    BackendUnavailable,
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    FaissIndex,
    Fittable,
    NotFitted,
    StaleIndex,
    TfidfEmbedder,
    UnknownBackend,
    VectorIndex,
    content_hash,
    create_embedder,
    load_index,
)

ITEM_KINDS = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE, Kind.INSTITUTION)
RRF_K = 60
BATCH = 64

BackendOption = Annotated[
    str, typer.Option("--backend", help="tfidf, use-m3, e5-small, st:<模型目录/model dir>")
]
IndexDirOption = Annotated[
    Path | None,
    typer.Option("--index-dir", envvar="KEHOU_INDEX_DIR", help="索引目录 / index folder"),
]


@dataclass(frozen=True)
class Item:
    """One catalogue item as indexed: key ``kind/id``, the record and its embedded text."""

    key: str
    kind: Kind
    record: Record
    text: str


@dataclass(frozen=True)
class Indexed:
    """A fresh index, the embedder that built it, and what building it took."""

    index: VectorIndex
    embedder: CachedEmbedder
    path: Path
    rebuilt: bool
    embedded: int
    cached: int


def catalogue_items(settings: Settings) -> tuple[list[Item], EmbeddingCache]:
    """Every course, specialist, science resource and institution, and the cache in their DB."""
    store = open_store(settings)
    items = [
        Item(f"{kind.value}/{record.id}", kind, record, item_text(record))  # type: ignore[attr-defined]
        for kind in ITEM_KINDS
        for record in store.records(kind)
    ]
    if not items:
        fail("目录为空，请先运行 kehou import / the catalogue is empty: run kehou import first")
    return items, EmbeddingCache(store.engine)


def index_path(settings: Settings, backend: str, index_dir: Path | None) -> Path:
    """`<db file>.index/<backend>.npz`, or inside --index-dir for non-file databases."""
    slug = re.sub(r"[^0-9A-Za-z._-]+", "_", backend).strip("_") or "index"
    if index_dir is not None:
        return index_dir / f"{slug}.npz"
    url = make_url(settings.db_url())
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        fail("非文件数据库需要 --index-dir / a non-file database needs --index-dir")
    database = Path(str(url.database)).expanduser()
    return database.with_name(f"{database.name}.index") / f"{slug}.npz"


def make_embedder(backend: str, texts: list[str]) -> Embedder:
    """The named backend, fitted on the catalogue texts when it needs fitting."""
    try:
        embedder = create_embedder(backend)
    except (UnknownBackend, BackendUnavailable) as exc:
        fail(str(exc))
    if isinstance(embedder, Fittable):
        embedder.fit(texts)
    return embedder


def ensure_index(items: list[Item], cache: EmbeddingCache, backend: str, path: Path) -> Indexed:
    """Load the saved index if it is fresh; else embed (cache misses only) and rebuild it."""
    texts = [item.text for item in items]
    embedder = CachedEmbedder(make_embedder(backend, texts), cache)
    content = content_hash((item.key, item.text) for item in items)
    try:
        index = load_index(path, embedder.fingerprint, content)
        return Indexed(index, embedder, path, False, 0, 0)
    except StaleIndex:
        pass
    vectors = np.zeros((len(items), embedder.dim), dtype=np.float32)
    with _progress() as progress:
        task = progress.add_task(f"嵌入 / embedding ({backend})", total=len(items))
        for start in range(0, len(items), BATCH):
            vectors[start : start + BATCH] = embedder.encode_documents(texts[start : start + BATCH])
            progress.update(task, completed=min(start + BATCH, len(items)))
    index = FaissIndex(embedder.dim)
    index.add([item.key for item in items], vectors)
    index.save(path, embedder.fingerprint, content)
    return Indexed(index, embedder, path, True, embedder.misses, embedder.hits)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


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
    items, cache = catalogue_items(settings)
    built = ensure_index(items, cache, backend, index_path(settings, backend, index_dir))
    purged = cache.purge_other_fingerprints(built.embedder.fingerprint) if purge_old else 0
    report = {
        "backend": backend,
        "fingerprint": built.embedder.fingerprint,
        "items": len(items),
        "rebuilt": built.rebuilt,
        "embedded": built.embedded,
        "cached": built.cached,
        "index": str(built.path),
        "purged": purged,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if json_out:
        print_json(report)
        return
    state = "已重建 / rebuilt" if built.rebuilt else "已是最新 / up to date"
    err_console.print(
        f"{state}: {len(items)} 条目 / items, 新嵌入 / embedded {built.embedded}, "
        f"缓存命中 / cached {built.cached} -> {built.path}",
        highlight=False,
    )


def lexical_ranks(items: list[Item], query: str, allowed: set[str]) -> dict[str, int]:
    """Rank (0 = best) of each allowed item by character TF-IDF cosine, for the fusion."""
    tfidf = TfidfEmbedder()
    try:
        tfidf.fit([item.text for item in items])
        q = tfidf.encode_queries([query])[0]
    except (ValueError, NotFitted):
        return {}
    pool = [item for item in items if item.key in allowed]
    scores = np.concatenate(
        [
            tfidf.encode_documents([i.text for i in pool[s : s + 512]]) @ q
            for s in range(0, len(pool), 512)
        ]
    )
    order = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
    return {pool[i].key: rank for rank, i in enumerate(order)}


def fused(
    dense: list[tuple[str, float]], lexical: dict[str, int], top: int
) -> list[tuple[str, float, float | None]]:
    """(key, reciprocal-rank score, dense cosine) best first; ties by key for stable output."""
    cosine = dict(dense)
    score: dict[str, float] = {}
    for rank, (key, _) in enumerate(dense):
        score[key] = score.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
    for key, rank in lexical.items():
        score[key] = score.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(key, value, cosine.get(key)) for key, value in ranked]


def title_of(item: Item) -> str:
    record: Any = item.record
    for field in ("title", "name"):
        value = getattr(record, field, "")
        if value:
            return str(value)
    return f"{record.kind}：{'、'.join(record.skills[:3])}"


def parse_item_kind(value: str | None) -> Kind | None:
    """`--kind` as one of the four catalogue kinds (English value or a file stem like 课程)."""
    if value is None:
        return None
    text = value.strip().lower()
    kind = Kind(text) if text in {k.value for k in Kind} else kind_from_filename(text)
    if kind not in ITEM_KINDS:
        allowed = ", ".join(k.value for k in ITEM_KINDS)
        raise typer.BadParameter(f"未知类别 / unknown kind {value!r}; 可选 / allowed: {allowed}")
    return kind


@app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help="要找什么 / what to look for", show_default=False)],
    kind: Annotated[
        str | None, typer.Option("--kind", help="courses, specialists, science_resources, ...")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="结果数 / results")] = 10,
    backend: BackendOption = DEFAULT_BACKEND,
    dense_only: Annotated[
        bool, typer.Option("--dense-only", help="不融合 TF-IDF / no keyword fusion")
    ] = False,
    index_dir: IndexDirOption = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """按文字搜索目录 / free-text catalogue search (dense + TF-IDF, reciprocal-rank fused)."""
    wanted = parse_item_kind(kind)
    if not text.strip():
        fail("搜索文字为空 / the search text is empty")
    settings = settings_for(db)
    items, cache = catalogue_items(settings)
    built = ensure_index(items, cache, backend, index_path(settings, backend, index_dir))
    by_key = {item.key: item for item in items}
    allowed = [item.key for item in items if wanted is None or item.kind == wanted]
    query = built.embedder.encode_queries([text])
    pool = max(top * 3, 50)
    dense = [(h.id, h.score) for h in built.index.search(query, pool, allowed_ids=allowed)[0]]
    lexical = {} if dense_only else lexical_ranks(items, text, set(allowed))
    results = [
        {
            "id": by_key[key].record.id,  # type: ignore[attr-defined]
            "kind": by_key[key].kind.value,
            "title": title_of(by_key[key]),
            "score": round(score, 6),
            "dense_score": None if cosine is None else round(cosine, 6),
            "text": by_key[key].text,
        }
        for key, score, cosine in fused(dense, lexical, top)
    ]
    if json_out:
        print_json({"query": text, "backend": backend, "results": results})
        return
    for rank, row in enumerate(results, 1):
        typer.echo(f"{rank:>3}. [{row['kind']}] {row['id']}  {row['title']}  ({row['score']:.4f})")
