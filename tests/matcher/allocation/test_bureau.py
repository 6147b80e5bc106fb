"""The bureau allocation: properties on random small cases, floors, weights, fairness figures."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from matcher.allocation import (
    BureauConfig,
    BureauReport,
    ResourceInfo,
    SchoolInfo,
    Status,
    allocate,
    cjk_font,
    gini,
    plot_allocation,
    report_to_dict,
)

AREAS = ["城区", "县城", "农村"]
DISTRICTS = ["天元区", "荷塘区", "茶陵县"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[np.ndarray, list[SchoolInfo], list[ResourceInfo], np.ndarray]:
    n_s, n_r = draw(st.integers(1, 8)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**31 - 1)))
    schools = [
        SchoolInfo(
            f"S{k}",
            DISTRICTS[k % 3],
            AREAS[int(rng.integers(3))],
            int(rng.integers(50, 2000)),
            int(rng.integers(0, 50)),
            int(rng.integers(0, 4)),
        )
        for k in range(n_s)
    ]
    resources = [
        ResourceInfo(
            f"R{k}", int(rng.integers(0, 4)), bool(rng.random() < 0.7), float(rng.integers(0, 500))
        )
        for k in range(n_r)
    ]
    values = np.round(rng.random((n_s, n_r)), 3)
    allowed = rng.random((n_s, n_r)) < 0.6
    return values, schools, resources, allowed


def _max_floorable(report: BureauReport, resources: list[ResourceInfo], allowed: np.ndarray) -> int:
    """Schools that can get one science visit at once: a maximum bipartite matching."""
    slots = [r for r, res in enumerate(resources) if res.science for _ in range(res.capacity)]
    wants = [
        s
        for s, o in enumerate(report.schools)
        if o.floored
        or any(f.school_id == o.school_id and f.code != "no_demand" for f in report.floor_failures)
    ]
    if not slots or not wants:
        return 0
    graph = np.array([[allowed[s, r] for r in slots] for s in wants], dtype=int)
    match = maximum_bipartite_matching(csr_matrix(graph), perm_type="column")
    return int((match >= 0).sum())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_capacities_demands_and_floors_hold(case: tuple) -> None:
    values, schools, resources, allowed = case
    report = allocate(values, schools, resources, allowed, BureauConfig(time_limit=10))
    assert report.result.status is Status.OPTIMAL
    for use, res in zip(report.resources, resources, strict=True):
        assert use.used <= res.capacity
    ids_s = {s.id: k for k, s in enumerate(schools)}
    ids_r = {r.id: k for k, r in enumerate(resources)}
    for a in report.allocations:
        assert allowed[ids_s[a.school_id], ids_r[a.resource_id]]
    failed = {f.school_id for f in report.floor_failures}
    for outcome, school in zip(report.schools, schools, strict=True):
        assert outcome.activities <= school.demand
        if outcome.floored:
            assert outcome.science >= 1
        else:  # every school without its floor is named, with a reason
            assert school.demand == 0 or outcome.school_id in failed
    # The floored set is as large as the floor system allows (no floor silently dropped).
    assert sum(o.floored for o in report.schools) == _max_floorable(report, resources, allowed)


@settings(max_examples=15, deadline=None)
@given(case=cases())
def test_same_seed_same_allocation(case: tuple) -> None:
    values, schools, resources, allowed = case
    first = allocate(values, schools, resources, allowed)
    second = allocate(values, schools, resources, allowed)
    assert first.allocations == second.allocations
    assert first.floor_failures == second.floor_failures


def _schools() -> list[SchoolInfo]:
    return [
        SchoolInfo("城1", "天元区", "城区", 1000, 0, demand=2),
        SchoolInfo("县1", "攸县", "县城", 500, 0, demand=2),
        SchoolInfo("村1", "茶陵县", "农村", 200, 100, demand=2),
        SchoolInfo("村2", "茶陵县", "农村", 100, 0, demand=1),
    ]


def test_infeasible_floor_is_reported_with_reasons() -> None:
    schools = _schools()
    resources = [ResourceInfo("科技馆", 1), ResourceInfo("书法", 4, science=False)]
    allowed = np.array([[True, True], [True, True], [True, True], [False, True]])
    report = allocate(np.ones((4, 2)), schools, resources, allowed)
    codes = {f.school_id: f.code for f in report.floor_failures}
    # One visit for three reachable schools: the highest weight (rural, half exempt) keeps it.
    assert codes == {"城1": "capacity", "县1": "capacity", "村2": "unreachable"}
    assert [o.school_id for o in report.schools if o.floored] == ["村1"]
    science_of = {a.school_id for a in report.allocations if a.resource_id == "科技馆"}
    assert science_of == {"村1"}
    assert "科技馆" in next(f for f in report.floor_failures if f.code == "capacity").reachable


def test_budget_drops_floors_and_says_so() -> None:
    schools = _schools()[:2]
    resources = [ResourceInfo("实验室", 5, cost_per_visit=300.0)]
    config = BureauConfig(budget=400.0)
    report = allocate(np.ones((2, 1)), schools, resources, config=config)
    assert [(f.school_id, f.code) for f in report.floor_failures] == [("城1", "budget")]
    assert len(report.allocations) == 1 and report.allocations[0].school_id == "县1"


def test_weights_favour_rural_and_exempt_schools() -> None:
    schools = [SchoolInfo("城", "A", "城区", 100), SchoolInfo("村", "A", "农村", 100)]
    report = allocate(
        np.ones((2, 1)), schools, [ResourceInfo("R", 1)], config=BureauConfig(science_floor=0)
    )
    assert [a.school_id for a in report.allocations] == ["村"]
    exempt = [SchoolInfo("甲", "A", "城区", 100, 0), SchoolInfo("乙", "A", "城区", 100, 60)]
    report = allocate(
        np.ones((2, 1)), exempt, [ResourceInfo("R", 1)], config=BureauConfig(science_floor=0)
    )
    assert [a.school_id for a in report.allocations] == ["乙"]


def test_fairness_figures_by_hand() -> None:
    # Activities 0, 1, 3 for 100, 100, 100 students: per student x = 0, .01, .03.
    # Gini = sum_ij |xi - xj| / (2 n² mean) = 2 × (.01 + .03 + .02) / (2 × 9 × .04/3) = 0.5.
    assert gini([0.0, 0.01, 0.03]) == pytest.approx(0.5)
    assert gini([2.0, 2.0, 2.0]) == 0.0
    schools = [
        SchoolInfo("A", "天元区", "城区", 100, demand=3),
        SchoolInfo("B", "天元区", "农村", 100, demand=3),
        SchoolInfo("C", "茶陵县", "农村", 100, demand=3),
    ]
    resources = [ResourceInfo(f"R{k}", 1) for k in range(4)]
    allowed = np.array([[False] * 4, [True, False, False, False], [False, True, True, True]])
    report = allocate(np.ones((3, 4)), schools, resources, allowed)
    assert [o.activities for o in report.schools] == [0, 1, 3]
    fair = report.fairness
    assert fair.gini_per_student == pytest.approx(0.5)
    assert fair.served_share == pytest.approx(2 / 3)
    assert fair.served_by_district == {"天元区": 0.5, "茶陵县": 1.0}
    assert fair.served_by_area == {"农村": 1.0, "城区": 0.0}
    assert fair.worst_off_school == "A" and fair.worst_off_per_1000 == 0.0
    assert [u.utilisation for u in report.resources] == [1.0, 1.0, 1.0, 1.0]
    doc = report_to_dict(report)
    assert doc["result"]["status"] == "optimal" and doc["resources"][0]["utilisation"] == 1.0


def test_bad_shape_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="schools × resources"):
        allocate(np.ones((3, 2)), _schools(), [ResourceInfo("R", 1)])


@pytest.mark.parametrize("chinese", [None, False])
def test_plot_writes_png_without_missing_glyphs(tmp_path: Path, chinese: bool | None) -> None:
    """Auto mode uses Chinese labels if a CJK font exists; either way no glyph is missing."""
    schools = _schools()
    resources = [ResourceInfo("科技馆", 3), ResourceInfo("书法", 4, science=False)]
    report = allocate(np.full((4, 2), 0.5), schools, resources)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        out = plot_allocation(report, tmp_path / "charts" / "alloc.png", chinese=chinese)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_chinese_labels_need_a_cjk_font(tmp_path: Path) -> None:
    report = allocate(np.ones((1, 1)), _schools()[:1], [ResourceInfo("R", 1)])
    if cjk_font() is None:
        with pytest.raises(RuntimeError, match="no CJK font"):
            plot_allocation(report, tmp_path / "a.png", chinese=True)
    else:
        assert plot_allocation(report, tmp_path / "a.png", chinese=True).stat().st_size > 5000
