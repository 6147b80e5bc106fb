"""Generate the 株洲 demo dataset (catalog/demo_data/) and broken test files (tests/data/broken/).

Deterministic: the same seed gives byte-identical files. Usage:
    python scripts/make_demo_data.py [--out DIR] [--broken-out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo import build_demo, write_broken, write_demo
from demo._build import DEFAULT_SEED

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "catalog" / "demo_data")
    parser.add_argument("--broken-out", type=Path, default=ROOT / "tests" / "data" / "broken")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    demo = build_demo(args.seed)
    for path in write_demo(demo, args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    for path in write_broken(args.broken_out):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
