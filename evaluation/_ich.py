"""The national 非遗 list as a search corpus: the 2,168 projects that carry a description.

Keys are the ihchina.cn project numbers (`ich:13751`), stable across copies of the data. The
text a dense model sees is the name, category and region, then the description cut to
`DESC_CHARS` characters: the first sentences say what the project is, the rest is history and
inheritors, and embedding 2,168 full descriptions (median ~590 characters) with e5-small on a
shared CPU costs minutes for little gain. Vectors are cached in one `.npz` per backend under a
folder the caller picks (test-artifacts/, gitignored), keyed by the model fingerprint and a hash
of the texts, so a rerun embeds nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings import Embedder, content_hash, normalise
from evaluation._judged import JudgedCase

DESC_CHARS = 200
#: e5-small reads only the first 60 description characters: on the shared 2-core machine it
#: costs ~1 s per 200-character text (36 min for the list) and ~0.3 s at 60 (measured)
DESC_CHARS_BY_BACKEND = {"e5-small": 60, "use-m3": 200}
_PROJECT_NO = re.compile(r"(\d+)\.html")


@dataclass(frozen=True)
class IchItem:
    key: str
    name: str
    category: str
    region: str
    description: str

    def text(self, desc_chars: int = DESC_CHARS) -> str:
        """What retrieval reads: name, category, region, then the start of the description."""
        return f"{self.name}（{self.category}，{self.region}）{self.description[:desc_chars]}"


def load_ich(shared: Path) -> list[IchItem]:
    """Every project with a non-empty description, in file then row order."""
    items: list[IchItem] = []
    for path in sorted((shared / "ich" / "merged_web_items").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                desc = normalise(row.get("官网描述") or "")
                match = _PROJECT_NO.search(row.get("详情链接") or "")
                if not desc or match is None:
                    continue
                items.append(
                    IchItem(
                        key=f"ich:{match.group(1)}",
                        name=normalise(row["项目名称"]),
                        category=normalise(row["项目类别"]),
                        region=normalise(row.get("申报地区或单位") or ""),
                        description=desc,
                    )
                )
    return items


def cached_vectors(
    embedder: Embedder, texts: Sequence[str], cache_dir: Path, *, batch: int = 64
) -> np.ndarray:
    """Document vectors for `texts`, read from `cache_dir` when the same model saw the same texts.

    Progress is saved after every batch, so an interrupted run resumes where it stopped.
    """
    stamp = content_hash((f"{n:05d}|{embedder.fingerprint}", t) for n, t in enumerate(texts))
    slug = re.sub(r"[^0-9A-Za-z._-]+", "_", embedder.fingerprint)[:80]
    path = cache_dir / f"ich-{slug}.npz"
    done = np.zeros((0, embedder.dim), dtype=np.float32)
    if path.exists():
        with np.load(path, allow_pickle=False) as data:
            if str(data["stamp"]) == stamp:
                done = np.asarray(data["vectors"], dtype=np.float32)
    cache_dir.mkdir(parents=True, exist_ok=True)
    while len(done) < len(texts):
        part = embedder.encode_documents(list(texts[len(done) : len(done) + batch]))
        done = np.vstack([done, np.asarray(part, dtype=np.float32)])
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, vectors=done, stamp=np.array(stamp))
        tmp.replace(path)
    return done


ICH_JUDGED_CSV = Path(__file__).resolve().parent / "data" / "judged_ich.csv"


def load_ich_judged(path: Path = ICH_JUDGED_CSV) -> tuple[str, list[JudgedCase]]:
    """(judging note, cases) of the judged 非遗 wishes; `relevant` is `13751:2;13752:1`."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    note = "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))
    body = [line for line in lines if not line.startswith("#")]
    cases = []
    for n, row in enumerate(csv.DictReader(body), start=2 + len(lines) - len(body)):
        relevant: dict[str, int] = {}
        for part in filter(None, (p.strip() for p in row["relevant"].split(";"))):
            number, _, grade = part.partition(":")
            if not number.isdigit() or grade not in {"1", "2"}:
                raise ValueError(
                    f"{path.name}: 第{n}行 relevant 列 / row {n}, column relevant: {part!r}"
                )
            relevant[f"ich:{number}"] = int(grade)
        if row["split"] not in ("dev", "heldout"):
            raise ValueError(
                f"{path.name}: 第{n}行 split 列 / row {n}, column split: {row['split']!r}"
            )
        cases.append(JudgedCase(row["id"], row["split"], row["query"], relevant, row["type"]))
    return note, cases
