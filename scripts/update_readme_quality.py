"""Regenerate README.md's "## Quality" section from `kehou evaluate`'s evaluation.json.

Only the text between ``<!-- quality:start -->`` and ``<!-- quality:end -->`` is replaced; when
the markers are absent a "## Quality" section with them is appended at the end.

    .venv/bin/kehou evaluate --db demo-out/kehou-demo.db --out evaluation-out
    .venv/bin/python scripts/update_readme_quality.py evaluation-out/evaluation.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation import quality_markdown  # noqa: E402

START, END = "<!-- quality:start -->", "<!-- quality:end -->"


def updated(readme: str, body: str) -> str:
    """README text with the marked section replaced (or appended with its markers)."""
    block = f"{START}\n{body.rstrip()}\n{END}"
    if START in readme and END in readme and readme.index(START) < readme.index(END):
        head, rest = readme.split(START, 1)
        return head + block + rest.split(END, 1)[1]
    sep = "" if readme.endswith("\n") or not readme else "\n"
    return f"{readme}{sep}\n## Quality\n\n{block}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "json", type=Path, nargs="?", default=ROOT / "evaluation-out" / "evaluation.json"
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    doc = json.loads(args.json.read_text(encoding="utf-8"))
    readme = args.readme.read_text(encoding="utf-8") if args.readme.exists() else ""
    args.readme.write_text(updated(readme, quality_markdown(doc)), encoding="utf-8")
    print(f"updated {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
