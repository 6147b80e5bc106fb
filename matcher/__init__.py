"""matcher layer of kehou: profiles, retrieval, rules, scoring, programmes, allocation.

The public face (docs/design.md, "Who decides what")::

    engine = open_engine(store, settings)            # catalogue + cached embedder + index
    rec = engine.recommender()                       # built once per catalogue fingerprint
    programme = rec.programme(school, responses)     # -> Programme
    programme = replan(programme, Changes(swap=(("C1", "C2"),)), bookings)

Everything outside matcher imports these names only, never a private `_module`.
"""

from embeddings import DEFAULT_BACKEND
from matcher._academic import (
    ACADEMIC_PROTOTYPES,
    NON_ACADEMIC_PROTOTYPES,
    AcademicClassifier,
    AcademicConfig,
    AcademicVerdict,
    DocumentEncoder,
    academic_wishes,
    is_academic_wish,
)
from matcher._bookings import (
    allocation_bookings,
    allocation_history,
    allocation_loads,
    allowed_days,
)
from matcher._bureau_values import BureauInputs, bureau_inputs, run_bureau
from matcher._catalogue import Catalogue, CatalogueItem, item_key
from matcher._continuity import Continuity, ContinuityConfig, Previous
from matcher._costs import DistrictMoney, district_costs
from matcher._eligibility import item_level_violations
from matcher._engine import (
    Engine,
    load_catalogue,
    open_engine,
    schools_of,
    surveys_by_school,
)
from matcher._enrolled import (
    EnrolledSection,
    apply_enrolment,
    changed_sections,
    enrolled_counts,
)
from matcher._evidence import EvidenceConfig
from matcher._fielded import FieldedConfig, FieldedKeywordIndex, top_positive
from matcher._fusion import fuse_contributions, minmax_contributions, rrf_contributions
from matcher._greedy_plan import build_timetable as greedy_timetable
from matcher._greedy_plan import greedy_room_clashes
from matcher._keyword import KeywordConfig, KeywordIndex
from matcher._loads import count_served, specialist_loads, specialist_of
from matcher._parallel import ordered_map
from matcher._plan import PlanConfig, wanted_domains
from matcher._pool import CandidatePool, PoolRanking, rank_pool
from matcher._profile import InterestProfile, ProfileConfig, Theme, build_profile
from matcher._reasons import ReasonDetail
from matcher._recommend import RecommendConfig, Recommender
from matcher._replan import Bookings, Changes, ReplanError, replan
from matcher._retrieve import Hit, HybridRetriever, RetrieverConfig
from matcher._scoring import ScoreInputs, ScoreWeights
from matcher._search import catalogue_retriever, normalise_wish
from matcher._sequence import ProgrammeSequence, recommend_all
from matcher._staffing import PROPOSED_KIND
from matcher._timetable import Week, plan_week, weekly_demand
from matcher._tt_inputs import SchoolTimetable, TimetableConfig
from matcher._types import (
    Costs,
    Exclusion,
    PlanContext,
    Programme,
    ScoredItem,
    SignatureChoice,
    TimetableEntry,
    UnmetDemand,
    programme_json,
)
from matcher._week_grid import week_grid
from matcher._wishes import wish_query

__all__ = [
    "ACADEMIC_PROTOTYPES",
    "DEFAULT_BACKEND",
    "NON_ACADEMIC_PROTOTYPES",
    "PROPOSED_KIND",
    "AcademicClassifier",
    "AcademicConfig",
    "AcademicVerdict",
    "Bookings",
    "BureauInputs",
    "CandidatePool",
    "Catalogue",
    "CatalogueItem",
    "Changes",
    "Continuity",
    "ContinuityConfig",
    "Costs",
    "DistrictMoney",
    "DocumentEncoder",
    "Engine",
    "EnrolledSection",
    "EvidenceConfig",
    "Exclusion",
    "FieldedConfig",
    "FieldedKeywordIndex",
    "Hit",
    "HybridRetriever",
    "InterestProfile",
    "KeywordConfig",
    "KeywordIndex",
    "PlanConfig",
    "PlanContext",
    "PoolRanking",
    "Previous",
    "ProfileConfig",
    "Programme",
    "ProgrammeSequence",
    "ReasonDetail",
    "RecommendConfig",
    "Recommender",
    "ReplanError",
    "RetrieverConfig",
    "SchoolTimetable",
    "ScoreInputs",
    "ScoreWeights",
    "ScoredItem",
    "SignatureChoice",
    "Theme",
    "TimetableConfig",
    "TimetableEntry",
    "UnmetDemand",
    "Week",
    "academic_wishes",
    "allocation_bookings",
    "allocation_history",
    "allocation_loads",
    "allowed_days",
    "apply_enrolment",
    "build_profile",
    "bureau_inputs",
    "catalogue_retriever",
    "changed_sections",
    "count_served",
    "district_costs",
    "enrolled_counts",
    "fuse_contributions",
    "greedy_room_clashes",
    "greedy_timetable",
    "is_academic_wish",
    "item_key",
    "item_level_violations",
    "load_catalogue",
    "minmax_contributions",
    "normalise_wish",
    "open_engine",
    "ordered_map",
    "plan_week",
    "programme_json",
    "rank_pool",
    "recommend_all",
    "replan",
    "rrf_contributions",
    "run_bureau",
    "schools_of",
    "specialist_loads",
    "specialist_of",
    "surveys_by_school",
    "top_positive",
    "wanted_domains",
    "week_grid",
    "weekly_demand",
    "wish_query",
]
