"""What both vector indexes share: stable int64 ids, the manifest, atomic save and stale checks.

An index file is one ``.npz``: the arrays of the implementation plus ``manifest`` (JSON bytes)
holding the embedder fingerprint, a content hash of the (id, text) pairs it was built from, and
the string-id to int64 mapping. Loading with a different fingerprint or content hash raises
`StaleIndex`, so a caller rebuilds instead of silently searching old vectors.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

_MASK63 = (1 << 63) - 1


class StaleIndex(Exception):
    """The saved index was built from other vectors or other texts; rebuild it."""


def int_id(external: str) -> int:
    """A stable non-negative int64 for a string id: the first 8 bytes of its sha256."""
    return int.from_bytes(hashlib.sha256(external.encode("utf-8")).digest()[:8], "big") & _MASK63


def int_ids(externals: Sequence[str]) -> np.ndarray:
    """`int_id` over a batch, refusing duplicate ids and (astronomically unlikely) collisions."""
    values = np.fromiter((int_id(e) for e in externals), dtype=np.int64, count=len(externals))
    if len(set(externals)) != len(externals):
        raise ValueError("索引中有重复编号 / duplicate ids given to the index")
    if len(np.unique(values)) != len(values):  # pragma: no cover - 2^-63 per pair
        raise ValueError("编号哈希冲突 / int64 id collision; rename one of the ids")
    return values


def content_hash(pairs: Iterable[tuple[str, str]]) -> str:
    """sha256 over the sorted (id, text) pairs an index is built from (order-independent)."""
    digest = hashlib.sha256()
    for ident, text in sorted(pairs):
        digest.update(ident.encode("utf-8") + b"\x1f" + text.encode("utf-8") + b"\x1e")
    return digest.hexdigest()


@dataclass(frozen=True)
class IndexManifest:
    """What an index file was built from; `ids[i]` maps to `int_ids[i]`."""

    implementation: str
    fingerprint: str
    content_hash: str
    dim: int
    ids: tuple[str, ...]
    int_ids: tuple[int, ...]

    def check(self, fingerprint: str, content: str) -> None:
        """Raise `StaleIndex` unless built by this embedder from these texts."""
        if self.fingerprint != fingerprint:
            raise StaleIndex(
                "索引的嵌入指纹已变 / index fingerprint changed: "
                f"{self.fingerprint} -> {fingerprint}"
            )
        if self.content_hash != content:
            raise StaleIndex("索引内容已变 / index content changed since it was built")


def save_npz_atomic(path: Path, manifest: IndexManifest, arrays: Mapping[str, np.ndarray]) -> None:
    """Write manifest + arrays to a temp file beside `path`, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    blob = np.frombuffer(json.dumps(asdict(manifest), ensure_ascii=False).encode(), np.uint8)
    try:
        with open(tmp, "wb") as fh:
            payload: dict[str, Any] = {"manifest": blob, **arrays}
            np.savez(fh, **payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_npz(path: Path) -> tuple[IndexManifest, dict[str, np.ndarray]]:
    """The manifest and arrays of an index file."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    raw = json.loads(arrays.pop("manifest").tobytes().decode("utf-8"))
    raw["ids"] = tuple(raw["ids"])
    raw["int_ids"] = tuple(raw["int_ids"])
    return IndexManifest(**raw), arrays


def read_manifest(path: Path) -> IndexManifest | None:
    """The manifest of an index file, or None when there is no readable file."""
    try:
        return read_npz(path)[0]
    except (OSError, ValueError, KeyError):
        return None
