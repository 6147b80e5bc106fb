"""Reuse the matcher tests' session engines (one per backend) for the evaluation tests."""

from tests.matcher.conftest import demo_engine

__all__ = ["demo_engine"]
