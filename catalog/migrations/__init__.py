"""Alembic migrations of kehou's schema, shipped inside the package and run by `open_store`."""
