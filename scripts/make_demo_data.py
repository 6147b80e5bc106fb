"""Generate the 株洲 demo dataset (catalog/demo_data/) and broken test files (tests/data/broken/).

Deterministic: the same seed gives byte-identical files. Usage:
    python scripts/make_demo_data.py [--out DIR] [--broken-out DIR] [--seed N]
    python scripts/make_demo_data.py --schools 1000 --out /tmp/demo-1000   # city scale

`--schools N` writes N schools with the catalogue and surveys in proportion (see
scripts/demo/_scale.py) for the benchmarks; it needs --out and writes no broken files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo import build_demo, write_broken, write_demo
from demo._build import DEFAULT_SEED
from demo._scale import scale_demo

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "catalog" / "demo_data")
    parser.add_argument("--broken-out", type=Path, default=ROOT / "tests" / "data" / "broken")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--schools", type=int, default=None, help="scale to N schools")
    args = parser.parse_args(argv)
    demo = build_demo(args.seed)
    if args.schools is not None:
        if args.out == parser.get_default("out"):
            parser.error("--schools needs --out (the shipped demo stays 74 schools)")
        demo = scale_demo(demo, args.schools, args.seed)
    for path in write_demo(demo, args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    if args.schools is not None:
        return 0
    for path in write_broken(args.broken_out):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
