"""Helpers of scripts/make_demo_data.py: the deterministic 株洲 demo dataset and broken files."""

from demo._broken import write_broken
from demo._build import build_demo, write_demo

__all__ = ["build_demo", "write_broken", "write_demo"]
