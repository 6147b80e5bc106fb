"""OR-Library generalised assignment (GAP) files: the public benchmark our solvers are proven on.

Format (see ../shared/data/README.md): an optional leading problem count P, then per problem
`m n`, m rows of n costs c[i][j], m rows of n resource uses a[i][j] and m capacities b[i]; all
whitespace-separated integers. The single-instance files of Yagiura et al. have no leading P.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matcher.allocation._model import AssignmentModel, Sense


class GapFormatError(ValueError):
    """The file is not an OR-Library GAP file; the message says where it went wrong."""


@dataclass(frozen=True, eq=False)
class GapInstance:
    """One GAP problem: agents i (capacity b[i]) and jobs j, each job to exactly one agent."""

    name: str
    costs: npt.NDArray[np.int64]  # c[i][j], shape (m, n)
    uses: npt.NDArray[np.int64]  # a[i][j], shape (m, n)
    capacities: npt.NDArray[np.int64]  # b[i], shape (m,)

    @property
    def agents(self) -> int:
        return int(self.costs.shape[0])

    @property
    def jobs(self) -> int:
        return int(self.costs.shape[1])

    def model(self, sense: Sense = "min") -> AssignmentModel:
        """The assignment model of this problem: every job assigned exactly once."""
        ones = np.ones(self.jobs, dtype=np.int64)
        return AssignmentModel(
            values=self.costs.astype(float),
            uses=self.uses.astype(float),
            capacities=self.capacities.astype(float),
            job_min=ones,
            job_max=ones,
            sense=sense,
        )


def _tokens(path: Path) -> list[int]:
    text = path.read_bytes().decode("ascii", errors="strict")
    try:
        return [int(t) for t in text.split()]
    except ValueError as exc:
        raise GapFormatError(f"{path.name}: 含非整数内容 / non-integer token ({exc})") from exc


def _one(tokens: list[int], pos: int, name: str, file: str) -> tuple[GapInstance, int]:
    """Parse one problem starting at `pos`; return it and the position after it."""
    if pos + 2 > len(tokens):
        raise GapFormatError(f"{file}: 问题 {name} 缺少 m n / problem {name} lacks 'm n'")
    m, n = tokens[pos], tokens[pos + 1]
    if m <= 0 or n <= 0:
        raise GapFormatError(f"{file}: 问题 {name} 的 m={m}, n={n} 无效 / invalid sizes")
    need = 2 * m * n + m
    start = pos + 2
    if start + need > len(tokens):
        raise GapFormatError(
            f"{file}: 问题 {name} 数据不足，需要 {need} 个数，只有 {len(tokens) - start} / "
            "truncated problem"
        )
    block = np.asarray(tokens[start : start + need], dtype=np.int64)
    costs = block[: m * n].reshape(m, n)
    uses = block[m * n : 2 * m * n].reshape(m, n)
    caps = block[2 * m * n :]
    for arr in (costs, uses, caps):
        arr.setflags(write=False)
    return GapInstance(name=name, costs=costs, uses=uses, capacities=caps), start + need


def read_gap(path: str | Path) -> list[GapInstance]:
    """Every problem in an OR-Library GAP file, with or without the leading problem count."""
    path = Path(path)
    tokens = _tokens(path)
    if not tokens:
        raise GapFormatError(f"{path.name}: 文件为空 / empty file")
    try:
        return _collection(tokens, path)
    except GapFormatError:
        # A split file starts `m n` and holds exactly one problem, with no leading count.
        if len(tokens) >= 2 and len(tokens) == 2 + 2 * tokens[0] * tokens[1] + tokens[0]:
            return [_one(tokens, 0, path.stem, path.name)[0]]
        raise


def _collection(tokens: list[int], path: Path) -> list[GapInstance]:
    count, pos, out = tokens[0], 1, []
    for k in range(1, count + 1):
        instance, pos = _one(tokens, pos, f"{path.stem}-{k}", path.name)
        out.append(instance)
    if pos != len(tokens):
        raise GapFormatError(
            f"{path.name}: 末尾多出 {len(tokens) - pos} 个数 / {len(tokens) - pos} extra tokens"
        )
    return out
