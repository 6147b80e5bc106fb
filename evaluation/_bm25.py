"""A small BM25 over character n-grams, the classic lexical baseline next to TF-IDF.

Chinese has no spaces, so the "terms" are character 1-2-grams of the normalised text
(kehou's keyword half uses 1-3-gram TF-IDF; BM25 differs in its saturating term frequency
and length normalisation). k1 = 1.2, b = 0.75, the usual Robertson defaults.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from embeddings import normalise


def char_ngrams(text: str, n_max: int = 2) -> list[str]:
    """Character n-grams of length 1..n_max, skipping whitespace-only grams."""
    t = normalise(text)
    grams = [t[i : i + n] for n in range(1, n_max + 1) for i in range(len(t) - n + 1)]
    return [g for g in grams if g.strip()]


class BM25:
    """BM25 ranking over a fixed list of keyed texts."""

    def __init__(
        self, keys: Sequence[str], texts: Sequence[str], k1: float = 1.2, b: float = 0.75
    ) -> None:
        self.keys, self.k1, self.b = list(keys), k1, b
        self._tf = [Counter(char_ngrams(t)) for t in texts]
        self._len = [sum(c.values()) for c in self._tf]
        self._avg = sum(self._len) / max(len(self._len), 1)
        df: Counter[str] = Counter()
        for c in self._tf:
            df.update(c.keys())
        n = len(self._tf)
        self._idf = {g: math.log(1 + (n - d + 0.5) / (d + 0.5)) for g, d in df.items()}

    def scores(self, query: str) -> list[float]:
        """BM25 score of every text for `query`, in key order."""
        terms = Counter(char_ngrams(query))
        out = []
        for tf, length in zip(self._tf, self._len, strict=True):
            norm = self.k1 * (1 - self.b + self.b * length / self._avg)
            s = 0.0
            for g, qn in terms.items():
                f = tf.get(g, 0)
                if f:
                    s += qn * self._idf[g] * f * (self.k1 + 1) / (f + norm)
            out.append(s)
        return out

    def search(self, query: str, k: int) -> list[str]:
        """Top-k keys with a positive score, ties broken by key order."""
        scored = [(s, i) for i, s in enumerate(self.scores(query)) if s > 0]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [self.keys[i] for _, i in scored[:k]]
