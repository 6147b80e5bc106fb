"""The catalogue: list (paged), free-text search, and import (bureau only, all-or-nothing)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile

from api._auth import Bureau, Principal, StateDep
from api._errors import ApiError
from api._paging import ERRORS, UPLOAD_ERRORS, PagingDep
from api._schemas import (
    CatalogueItemPublic,
    ImportPublic,
    Page,
    SearchHitPublic,
    SearchPublic,
)
from api._uploads import import_doc, run_import, saved
from catalog import Kind, Record

router = APIRouter(prefix="/catalogue", tags=["catalogue"], responses=ERRORS)

ITEM_KINDS = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE, Kind.INSTITUTION)
SEARCH_KINDS = (Kind.COURSE, Kind.SPECIALIST, Kind.SCIENCE_RESOURCE)
#: Only the catalogue's kinds are in the schema (schools, rooms and surveys are not items).
KindParam = Annotated[
    Literal["courses", "specialists", "science_resources", "institutions"] | None,
    Query(description="courses, specialists, science_resources, institutions"),
]
SearchKindParam = Annotated[
    Literal["courses", "specialists", "science_resources"] | None,
    Query(description="courses, specialists, science_resources"),
]


def _public(kind: Kind, record: Record) -> CatalogueItemPublic:
    data = record.model_dump(mode="json")
    title = str(data.get("title") or data.get("name") or data["id"])
    return CatalogueItemPublic(id=data["id"], kind=kind.value, title=title, data=data)


def _item_kind(name: str | None, allowed: tuple[Kind, ...]) -> Kind | None:
    kind = None if name is None else Kind(name)
    if kind is not None and kind not in allowed:
        names = ", ".join(k.value for k in allowed)
        raise ApiError(422, "invalid_kind", f"类别不属于目录 / not a catalogue kind; 可选: {names}")
    return kind


@router.get("", response_model=Page[CatalogueItemPublic], summary="目录列表 / list the catalogue")
def list_catalogue(
    state: StateDep, _who: Principal, paging: PagingDep, kind: KindParam = None
) -> Page[CatalogueItemPublic]:
    """Catalogue items of one kind (or all), ordered by kind then id."""
    chosen = _item_kind(kind, ITEM_KINDS)
    kinds = ITEM_KINDS if chosen is None else (chosen,)
    items = [_public(k, r) for k in kinds for r in state.store.records(k)]
    return Page(
        items=paging.slice(items), total=len(items), page=paging.page, page_size=paging.page_size
    )


@router.get("/search", response_model=SearchPublic, summary="目录搜索 / free-text search")
def search_catalogue(
    state: StateDep,
    _who: Principal,
    q: Annotated[str, Query(min_length=1, max_length=500, examples=["机器人 编程"])],
    kind: SearchKindParam = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 10,
) -> SearchPublic:
    """Hybrid (dense + keyword) search, as `kehou search --json`; `top` is capped."""
    chosen = _item_kind(kind, SEARCH_KINDS)
    if not q.strip():
        raise ApiError(422, "invalid_request", "搜索文字为空 / the search text is empty")
    hits = _search(state, q, chosen, min(top, state.config.max_search_top))
    return SearchPublic(query=q, backend=state.config.backend, results=hits)


def _search(state: Any, q: str, kind: Kind | None, top: int) -> list[SearchHitPublic]:
    engine = state.engine()  # shared, read without a lock (the retriever is thread-safe)
    cat = engine.catalogue
    allowed = [i.key for i in cat.items if kind is None or i.kind == kind]
    hits = engine.retriever().search(q, top, allowed)
    return [
        SearchHitPublic(
            id=cat.by_key[h.key].id,
            kind=cat.by_key[h.key].kind.value,
            title=cat.by_key[h.key].title,
            score=round(h.rrf, 6),
            fit=round(h.fit, 4),
            found_by=list(h.found_by),
            similarity=None if h.similarity is None else round(h.similarity, 4),
            signals={name: round(v, 4) for name, v in h.signals.items()},
        )
        for h in hits
    ]


@router.post(
    "/import",
    response_model=ImportPublic,
    summary="导入目录文件（教育局）/ import catalogue files (bureau)",
    responses=UPLOAD_ERRORS,
)
def import_catalogue(
    state: StateDep,
    who: Bureau,
    files: Annotated[list[UploadFile], File(description="courses.csv、学校.xlsx ... 一个或多个")],
    kind: Annotated[Kind | None, Form(description="文件类别（可选）/ kind")] = None,
) -> ImportPublic:
    """Import files as ONE batch: it lands whole, or nothing changes (422 + problem list)."""
    with saved(files, state.settings.max_upload_bytes, "upload.csv") as paths:
        summary = run_import(paths, state.settings, state.store, user=f"api:{who.id}", kind=kind)
    state.invalidate()
    return ImportPublic.model_validate(import_doc(summary))
