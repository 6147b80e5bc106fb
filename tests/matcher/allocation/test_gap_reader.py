"""The OR-Library GAP reader: both layouts, and clear errors on broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matcher.allocation import GapFormatError, read_gap

# Two problems: 2 agents × 3 jobs, then 1 agent × 2 jobs.
COLLECTION = """2
2 3
1 2 3
4 5 6
1 1 1
2 2 2
5 7
1 2
9 8
3 4
10
"""


def test_collection_with_leading_count(tmp_path: Path) -> None:
    f = tmp_path / "mini.txt"
    f.write_text(COLLECTION)
    first, second = read_gap(f)
    assert first.name == "mini-1" and (first.agents, first.jobs) == (2, 3)
    np.testing.assert_array_equal(first.costs, [[1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(first.uses, [[1, 1, 1], [2, 2, 2]])
    np.testing.assert_array_equal(first.capacities, [5, 7])
    np.testing.assert_array_equal(second.costs, [[9, 8]])
    np.testing.assert_array_equal(second.uses, [[3, 4]])
    np.testing.assert_array_equal(second.capacities, [10])


def test_split_file_without_count(tmp_path: Path) -> None:
    f = tmp_path / "c0102"
    f.write_text("1 2\n3 4\n1 1\n2\n")
    (inst,) = read_gap(f)
    assert inst.name == "c0102"
    np.testing.assert_array_equal(inst.costs, [[3, 4]])
    np.testing.assert_array_equal(inst.capacities, [2])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "空"),
        ("3\n1 1\n5\n1\n2\n", "缺少"),
        ("1\n2 3\n1 2 3\n", "数据不足"),
        ("1\n1 1\n5\n1\n2\n99\n", "多出"),
        ("1\n1 x\n", "非整数"),
    ],
)
def test_broken_files_are_named(tmp_path: Path, text: str, words: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_text(text)
    with pytest.raises(GapFormatError, match=words) as info:
        read_gap(f)
    assert "bad.txt" in str(info.value)


def test_real_orlib_shapes(shared_data: Path) -> None:
    problems = read_gap(shared_data / "gap" / "orlib" / "gap12.txt")
    assert [(p.agents, p.jobs) for p in problems] == [(10, 60)] * 5
    (split,) = read_gap(shared_data / "gap" / "yagiura_and_split" / "yagiura2004" / "e05100")
    assert (split.agents, split.jobs) == (5, 100)
    assert not split.costs.flags.writeable
