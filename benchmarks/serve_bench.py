"""The HTTP service under load: a stored programme served as fast as /health, many clients at
once, and reads that do not grow with the city's survey rows.

Against a real uvicorn server (this file's `--child` mode: `create_app` with the rate limit
lifted) on 127.0.0.1 and a random port, over a copy of the database, in one run:

1. GET /schools/{id}/programme (the stored current version) median vs GET /health median
   (target: within 10x);
2. 20 clients with their own planner tokens (own schools) vs one client: programmes per
   second (target: no less throughput, 0 errors);
3. the programme median again after adding 60,000 survey rows for OTHER schools
   (target: < 2x growth), and the server's RSS before and after. /health is measured again
   after the import too: on shared cores the load moves during a run, and the programme's
   ratio to /health before and after shows the growth with that drift taken out.

Reproduce (from the project root; a demo database from `make demo`, or none to build one):

    .venv/bin/python -m benchmarks.serve_bench --db demo-out/kehou-demo.db
    .venv/bin/python -m benchmarks.serve_bench --backend tfidf --runs 300
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from catalog import Kind, School, Settings, open_store
from catalog._store_auth import create_token
from embeddings import DEFAULT_BACKEND

CLIENTS = 20
EXTRA_ROWS = 60_000
HEADER = "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"


def child(db: str, port: int, backend: str) -> None:
    """The server: the real app, the rate limit lifted so the benchmark measures the service."""
    import uvicorn

    from api import ApiConfig, create_app

    config = ApiConfig(backend=backend, rate_per_minute=1e9, rate_burst=1_000_000_000)
    app = create_app(Settings(db=db, hmac_secret="bench-secret"), config)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _median_ms(client: httpx.Client, url: str, token: str, runs: int) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append(time.perf_counter() - start)
        response.raise_for_status()
    return 1000 * statistics.median(times)


def _throughput(base: str, work: list[tuple[str, str]], per_client: int) -> tuple[float, int]:
    """`len(work)` clients (url, token) each making `per_client` requests at once: req/s, errors."""
    errors = [0]
    lock = threading.Lock()

    def one(url: str, token: str) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(per_client):
                response = client.get(url, headers={"Authorization": f"Bearer {token}"})
                if response.status_code != 200:
                    with lock:
                        errors[0] += 1

    threads = [threading.Thread(target=one, args=pair) for pair in work]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(work) * per_client / (time.perf_counter() - start), errors[0]


def _database(source: str | None, folder: Path) -> Settings:
    db = folder / "serve-bench.db"
    if source:
        shutil.copyfile(source, db)
    else:  # the demo data in a fresh database
        from catalog._importer import import_paths
        from catalog.demo_data import DEMO_DATA_DIR

        settings = Settings(db=str(db), hmac_secret="bench-secret")
        import_paths([DEMO_DATA_DIR], settings, semester="2026秋", user="bench")
    return Settings(db=str(db), hmac_secret="bench-secret")


def _tokens(settings: Settings) -> tuple[list[School], list[str]]:
    with open_store(settings) as store:
        schools = [s for s in store.records(Kind.SCHOOL) if isinstance(s, School)][:CLIENTS]
        tokens = [create_token(store, "planner", s.id, label="bench")[0] for s in schools]
    return schools, tokens


def _add_rows(settings: Settings, skip: set[str], folder: Path) -> float:
    """EXTRA_ROWS survey rows for schools outside `skip`, through the ordinary importer."""
    from catalog._importer import import_paths

    with open_store(settings) as store:
        others = sorted(s for s in store.ids(Kind.SCHOOL) if s not in skip)
    lines = [
        f"{others[n % len(others)]},BENCH{n:06d},学生,{3 + n % 4},篮球和书法,体、美,周二下午\n"
        for n in range(EXTRA_ROWS)
    ]
    path = folder / "surveys.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    start = time.perf_counter()
    import_paths([path], settings, semester="2026秋", user="bench")
    return time.perf_counter() - start


def _start(settings: Settings, backend: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    args = ["--child", "--db", settings.db, "--port", str(port), "--backend", backend]
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.serve_bench", *args])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start within 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", default=None, help="database to copy (default: the demo data)")
    parser.add_argument("--backend", default=DEFAULT_BACKEND)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.db, args.port, args.backend)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, folder: Path) -> int:
    settings = _database(args.db, folder)
    schools, tokens = _tokens(settings)
    proc, base = _start(settings, args.backend)
    try:
        rows = _measure(args, settings, base, proc.pid, schools, tokens, folder)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    _print(rows, args)
    return 0


def _measure(
    args: argparse.Namespace,
    settings: Settings,
    base: str,
    pid: int,
    schools: list[School],
    tokens: list[str],
    folder: Path,
) -> list[tuple[str, str, str]]:
    urls = [f"/schools/{s.id}/programme" for s in schools]
    with httpx.Client(base_url=base, timeout=120) as client:
        start = time.perf_counter()
        for url, token in zip(urls, tokens, strict=True):  # first reads compute and store
            client.get(url, headers={"Authorization": f"Bearer {token}"}).raise_for_status()
        first = time.perf_counter() - start
        health = _median_ms(client, "/health", tokens[0], args.runs)
        programme = _median_ms(client, urls[0], tokens[0], args.runs)
        rss_before = _rss_mb(pid)
    total = CLIENTS * args.per_client
    one, one_err = _throughput(base, [(urls[0], tokens[0])], total)
    many, many_err = _throughput(base, list(zip(urls, tokens, strict=True)), args.per_client)
    added = _add_rows(settings, {s.id for s in schools}, folder)
    with httpx.Client(base_url=base, timeout=120) as client:
        after = _median_ms(client, urls[0], tokens[0], args.runs)
        health_after = _median_ms(client, "/health", tokens[0], args.runs)
    rss_after = _rss_mb(pid)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    ratio, growth, speed = programme / health, after / programme, many / one
    relative = (after / health_after) / ratio  # the same growth measured against /health
    return [
        ("first reads (compute + store), 20 schools", f"{first:.2f} s", ""),
        ("GET /health median", f"{health:.2f} ms", ""),
        ("GET programme median", f"{programme:.2f} ms", f"{ratio:.1f}x /health (<10x)"),
        ("1 client, 1 token", f"{one:.1f} req/s", f"{one_err} errors"),
        (f"{CLIENTS} clients, own tokens", f"{many:.1f} req/s", f"{many_err} errors; {speed:.2f}x"),
        (f"+{EXTRA_ROWS:,} survey rows, other schools", f"{added:.1f} s import", ""),
        ("GET programme median after", f"{after:.2f} ms", f"{growth:.2f}x before (<2x)"),
        ("GET /health median after", f"{health_after:.2f} ms", f"vs /health: {relative:.2f}x"),
        ("server RSS before / after", f"{rss_before:.0f} / {rss_after:.0f} MB", ""),
        ("load average (1/5/15 min)", load, f"{os.cpu_count()} cpus"),
    ]  # fmt: skip


def _print(rows: list[tuple[str, str, str]], args: argparse.Namespace) -> None:
    print(f"serve_bench  backend={args.backend}  runs={args.runs}  per-client={args.per_client}")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")


if __name__ == "__main__":
    sys.exit(main())
