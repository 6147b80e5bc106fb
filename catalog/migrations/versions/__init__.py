"""Alembic revision scripts (Alembic loads them by path; this file makes setuptools ship them)."""
