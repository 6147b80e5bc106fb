"""Everything a run shares, built from the database: catalogue, cached embedder, fresh index.

The index is saved beside the database (``<db file>.index/<backend>.npz``) or in `index_dir`,
and reused only while the embedder's fingerprint and the catalogue texts are unchanged; else it
is rebuilt through the embedding cache, so only changed texts are embedded again.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy.engine import make_url

from catalog import Kind, School, Settings, SurveyResponse
from catalog._store import Store
from embeddings import (
    DEFAULT_BACKEND,
    CachedEmbedder,
    EmbeddingCache,
    FaissIndex,
    Fittable,
    StaleIndex,
    VectorIndex,
    content_hash,
    create_embedder,
    load_index,
)
from matcher._catalogue import Catalogue

if TYPE_CHECKING:
    from matcher._recommend import RecommendConfig, Recommender
    from matcher._retrieve import HybridRetriever

Progress = Callable[[int, int], None]
BATCH = 64


@dataclass(frozen=True)
class Engine:
    """A catalogue with its cached embedder and a fresh index; `rebuilt` says if it was built.

    `fingerprint` identifies the catalogue's texts and the embedder; `recommender()` builds the
    shared Recommender once per fingerprint and config (a keyword index fit, every item's rules
    checked, every vector read), so a service answers each request without rebuilding it.
    """

    catalogue: Catalogue
    embedder: CachedEmbedder
    index: VectorIndex
    path: Path
    rebuilt: bool
    settings: Settings
    fingerprint: str
    _recommenders: dict[tuple[str, str], Recommender] = field(
        default_factory=dict, compare=False, repr=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def recommender(self, config: RecommendConfig | None = None) -> Recommender:
        """The Recommender for this catalogue and `config` (default config when None), cached."""
        from matcher._recommend import RecommendConfig, Recommender

        cfg = config or RecommendConfig()
        key = (self.fingerprint, cfg.model_dump_json())
        with self._lock:
            rec = self._recommenders.get(key)
            if rec is None:
                rec = Recommender(self.catalogue, self.embedder, self.index, self.settings, cfg)
                self._recommenders[key] = rec
            return rec

    def retriever(self) -> HybridRetriever:
        """The hybrid retriever `kehou search` and the recommender's candidates share."""
        return self.recommender().retriever


def index_path(settings: Settings, backend: str, index_dir: Path | None = None) -> Path:
    """Where the backend's index lives: beside a SQLite file, or in `index_dir`."""
    slug = re.sub(r"[^0-9A-Za-z._-]+", "_", backend).strip("_") or "index"
    if index_dir is not None:
        return index_dir / f"{slug}.npz"
    url = make_url(settings.db_url())
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise ValueError("非文件数据库需要 --index-dir / a non-file database needs --index-dir")
    db_file = Path(str(url.database)).expanduser()
    return db_file.with_name(f"{db_file.name}.index") / f"{slug}.npz"


def load_catalogue(store: Store) -> Catalogue:
    return Catalogue.from_records({k: store.records(k) for k in Kind if k is not Kind.SURVEY})


def open_engine(
    store: Store,
    settings: Settings,
    backend: str = DEFAULT_BACKEND,
    *,
    index_dir: Path | None = None,
    progress: Progress | None = None,
) -> Engine:
    """The catalogue's engine for `backend`, reusing the saved index when it is still fresh."""
    catalogue = load_catalogue(store)
    if not catalogue.items:
        raise ValueError("目录为空，请先运行 kehou import / the catalogue is empty: import first")
    texts = catalogue.texts()
    base = create_embedder(backend)
    if isinstance(base, Fittable):
        base.fit(texts)
    embedder = CachedEmbedder(base, EmbeddingCache(store.engine))
    path = index_path(settings, backend, index_dir)
    content = content_hash(zip(catalogue.keys(), texts, strict=True))
    fingerprint = _fingerprint(catalogue, embedder.fingerprint)
    try:
        index = load_index(path, embedder.fingerprint, content)
        return Engine(catalogue, embedder, index, path, False, settings, fingerprint)
    except StaleIndex:
        pass
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        vectors[start : start + BATCH] = embedder.encode_documents(texts[start : start + BATCH])
        if progress is not None:
            progress(min(start + BATCH, len(texts)), len(texts))
    index = FaissIndex(embedder.dim)
    index.add(catalogue.keys(), vectors)
    index.save(path, embedder.fingerprint, content)
    return Engine(catalogue, embedder, index, path, True, settings, fingerprint)


def _fingerprint(catalogue: Catalogue, embedder_fp: str) -> str:
    """Every catalogue record (rules read more than the texts) and the embedder, hashed."""
    rows = [(i.key, i.record.model_dump_json()) for i in catalogue.items]
    rows += [(f"institutions/{k}", v.model_dump_json()) for k, v in catalogue.institutions.items()]
    return content_hash([*rows, ("embedder", embedder_fp)])


def surveys_by_school(store: Store, semester: str | None = None) -> dict[str, list[SurveyResponse]]:
    """Survey rows grouped by school (optionally one semester), in a stable order."""
    out: dict[str, list[SurveyResponse]] = {}
    for row in store.records(Kind.SURVEY):
        if isinstance(row, SurveyResponse) and (semester is None or row.semester == semester):
            out.setdefault(row.school_id, []).append(row)
    return out


def schools_of(store: Store) -> list[School]:
    """Every school, in id order: the order every multi-school run uses."""
    return sorted(
        (s for s in store.records(Kind.SCHOOL) if isinstance(s, School)), key=lambda s: s.id
    )
