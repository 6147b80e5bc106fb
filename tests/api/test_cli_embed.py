"""`kehou embed` and `kehou search` on a real SQLite catalogue, with the real default model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from api.cli import app
from embeddings import DEFAULT_BACKEND
from tests.catalog.import_files import GOOD, write_files

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "catalog" / "demo_data"
CATALOGUE_FILES = ("institutions.csv", "specialists.csv", "courses.xlsx", "science_resources.json")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _json(*args: str) -> dict:
    code, out, err = _run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    db = str(tmp_path / "k.db")
    assert _run("import", str(write_files(tmp_path / "in", GOOD)), "--db", db)[0] == 0
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo catalogue (no schools or surveys: search does not need them), embedded once."""
    missing = [name for name in CATALOGUE_FILES if not (DEMO / name).is_file()]
    if missing:
        pytest.skip(f"demo data not found in {DEMO}: {missing}")
    folder = tmp_path_factory.mktemp("demo")
    for name in CATALOGUE_FILES:
        shutil.copy(DEMO / name, folder / name)
    db = str(folder / "demo.db")
    code, _, err = _run("import", str(folder), "--db", db)
    assert code == 0, err
    first = _json("embed", "--db", db)
    assert first["rebuilt"] and first["embedded"] == first["items"] > 500
    return db


@pytest.mark.slow
def test_second_embed_reuses_the_index(demo_db: str) -> None:
    second = _json("embed", "--db", demo_db)
    assert (second["rebuilt"], second["embedded"]) == (False, 0)
    assert second["backend"] == DEFAULT_BACKEND
    assert Path(second["index"]).is_file()


@pytest.mark.slow
def test_ceramics_wish_finds_ceramics_first(demo_db: str) -> None:
    doc = _json("search", "想学做陶瓷", "--db", demo_db, "--top", "5")
    results = doc["results"]
    assert len(results) == 5
    assert {"id", "kind", "title", "score"} <= set(results[0])
    assert all(("陶" in r["text"] or "瓷" in r["text"]) for r in results), results
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


@pytest.mark.slow
def test_kind_filter(demo_db: str) -> None:
    doc = _json("search", "机器人编程", "--db", demo_db, "--kind", "science_resources")
    assert doc["results"] and {r["kind"] for r in doc["results"]} == {"science_resources"}
    doc = _json("search", "机器人编程", "--db", demo_db, "--kind", "课程", "--top", "3")
    assert len(doc["results"]) == 3 and {r["kind"] for r in doc["results"]} == {"courses"}


def test_only_changed_items_are_embedded_again(small_db: str, tmp_path: Path) -> None:
    first = _json("embed", "--db", small_db)
    # 5 items: courses, specialists and resources (institutions are providers, not items)
    assert (first["items"], first["embedded"], first["cached"]) == (5, 5, 0)
    changed = GOOD["courses.csv"].replace("足球", "五人制足球")
    folder = write_files(tmp_path / "again", {"courses.csv": changed})
    assert _run("import", str(folder), "--db", small_db)[0] == 0
    second = _json("embed", "--db", small_db)
    assert (second["rebuilt"], second["embedded"], second["cached"]) == (True, 1, 4)


def test_cache_lives_in_the_catalogue_database(small_db: str) -> None:
    _json("embed", "--db", small_db, "--backend", "tfidf")
    tables = set(inspect(create_engine(f"sqlite:///{small_db}")).get_table_names())
    assert {"embedding_cache", "courses", "specialists"} <= tables


def test_stale_index_is_rebuilt(small_db: str) -> None:
    built = _json("embed", "--db", small_db, "--backend", "tfidf")
    path = Path(built["index"])
    other = _json("embed", "--db", small_db, "--backend", "use-m3")
    shutil.copy(other["index"], path)  # a tfidf-named file holding another model's vectors
    again = _json("embed", "--db", small_db, "--backend", "tfidf")
    assert again["rebuilt"] and again["embedded"] == 0 and again["cached"] == 5


def test_search_json_shape_and_lexical_fusion(small_db: str) -> None:
    doc = _json("search", "釉下五彩瓷", "--db", small_db, "--backend", "tfidf", "--top", "2")
    assert [r["id"] for r in doc["results"]][:1] in (["C1"], ["P1"])
    assert {r["kind"] for r in doc["results"]} <= {"courses", "specialists"}
    for hit in doc["results"]:  # the stable keys, plus a real similarity and per-signal scores
        assert {"id", "kind", "title", "score", "fit", "found_by"} <= set(hit)
        assert isinstance(hit["similarity"], float) and -1.0 <= hit["similarity"] <= 1.0001
        assert set(hit["signals"]) <= {"dense", "tfidf", "bm25", "bm25f", "title"}


def test_empty_catalogue_is_a_user_error(tmp_path: Path) -> None:
    code, out, err = _run("search", "陶艺", "--db", str(tmp_path / "empty.db"), "--json")
    assert code == 1 and out == "" and "catalogue is empty" in err


def test_unknown_backend_is_a_user_error(small_db: str) -> None:
    code, _, err = _run("embed", "--db", small_db, "--backend", "word2vec")
    assert code == 1 and "unknown embedding backend" in err


def test_unknown_kind_is_bad_usage(small_db: str) -> None:
    assert _run("search", "陶艺", "--db", small_db, "--kind", "schools")[0] == 2


def test_purge_old_keeps_only_the_current_model(small_db: str) -> None:
    _json("embed", "--db", small_db, "--backend", "use-m3")
    doc = _json("embed", "--db", small_db, "--backend", "tfidf", "--purge-old")
    assert doc["purged"] == 5
    again = _json("embed", "--db", small_db, "--backend", "use-m3")
    assert again["rebuilt"] is False  # the index file is still fresh; only the cache was purged


def test_cli_default_backend_is_the_library_default() -> None:
    from api.cli import _commands_embed

    assert _commands_embed.DEFAULT_BACKEND == DEFAULT_BACKEND
