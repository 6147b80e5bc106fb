"""The bureau report as plain data (for --json and HTTP) and as a PNG chart by district and area.

The chart uses a CJK font when one is installed (fc-list :lang=zh; Debian: fonts-noto-cjk or
fonts-wqy-microhei) and falls back to English labels otherwise, so it never shows tofu boxes.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from matcher.allocation._bureau import BureauReport

_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)
_AREA_EN = {"城区": "urban", "县城": "county town", "农村": "rural"}


def report_to_dict(report: BureauReport) -> dict[str, Any]:
    """A JSON-ready dict: result, allocations, schools, resources, floor_failures, fairness."""
    doc = dataclasses.asdict(report)
    doc["result"]["status"] = str(report.result.status)
    doc["result"]["assignment"] = [list(p) for p in report.result.assignment]
    for use, item in zip(report.resources, doc["resources"], strict=True):
        item["utilisation"] = use.utilisation
    return doc


_CJK_FILE_HINTS = ("wqy", "cjk", "sourcehan", "droidsansfallback", "simhei", "msyh", "pingfang")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed font that covers Chinese, or None.

    Matplotlib caches its font list, so a font installed after that cache was built is looked
    for among the system's font files by name and registered."""
    from matplotlib import font_manager

    def known() -> str | None:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in _CJK_FAMILIES if name in installed), None)

    found = known()
    if found is None:
        for path in font_manager.findSystemFonts():
            flat = Path(path).name.lower().replace("-", "").replace("_", "")
            if any(hint in flat for hint in _CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # pragma: no cover - broken file
                    continue
        found = known()
    return found


def _totals(report: BureauReport) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    acts: dict[tuple[str, str], int] = defaultdict(int)
    for s in report.schools:
        acts[(s.district, s.area)] += s.activities
    districts = sorted({s.district for s in report.schools})
    areas = [a for a in ("城区", "县城", "农村") if any(s.area == a for s in report.schools)]
    areas += sorted({s.area for s in report.schools} - set(areas))
    return districts, areas, acts


def _area_label(area: str, zh: bool) -> str:
    return area if zh else _AREA_EN.get(area, area)


def _by_district(ax: Any, report: BureauReport, zh: bool) -> None:
    """Stacked bars: activities per district, one colour per area."""
    districts, areas, acts = _totals(report)
    names = [d if zh or d.isascii() else f"D{k + 1}" for k, d in enumerate(districts)]
    bottom = [0] * len(districts)
    for a in areas:
        heights = [acts.get((d, a), 0) for d in districts]
        ax.bar(names, heights, bottom=bottom, label=_area_label(a, zh))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_title("各区县获得的活动数 / activities by district" if zh else "Activities by district")
    ax.set_ylabel("活动数 / activities" if zh else "activities")
    ax.tick_params(axis="x", rotation=30)
    ax.legend(title="城乡 / area" if zh else "area")


def _served_by_area(ax: Any, report: BureauReport, zh: bool) -> None:
    _, areas, _ = _totals(report)
    shares = report.fairness.served_by_area
    ax.bar(
        [_area_label(a, zh) for a in areas], [shares.get(a, 0.0) for a in areas], color="tab:green"
    )
    ax.set_ylim(0, 1)
    ax.set_title("获得服务的学校占比 / schools served" if zh else "Share of schools served")


def plot_allocation(report: BureauReport, path: str | Path, chinese: bool | None = None) -> Path:
    """Activities by district (stacked by area) and share of schools served by area, as PNG.

    `chinese=None` uses Chinese labels when a CJK font is installed; False forces English."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font() if chinese is not False else None
    if chinese and font is None:
        raise RuntimeError("未安装中文字体 / no CJK font installed (e.g. fonts-wqy-microhei)")
    zh = font is not None
    families = [font, "DejaVu Sans"] if font is not None else ["DejaVu Sans"]
    with plt.rc_context({"font.family": families}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5), width_ratios=[3, 1])
        _by_district(left, report, zh)
        _served_by_area(right, report, zh)
        fig.tight_layout()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=110)
        plt.close(fig)
    return out
