"""GET /api/v1/themes/{theme_id}/map: a theme's share of notes by ward (of one council) or by council, as an SVG
choropleth (service/maps.py) or as JSON (the same figures, suppressed: hidden areas marked, never a hidden
number). Analysts, facilitators and admins, as the other theme routes."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from engine.publish.maps import theme_map
from engine.publish.suppression import Policy
from engine.store import Store
from service import maps
from service.api.deps import ERRORS, NOT_FOUND, get_policy, get_store
from service.api.themes import THEME_ID
from service.auth import ANALYST, require

router = APIRouter(tags=["themes"], dependencies=[Depends(require(*ANALYST))], responses=ERRORS)


class MapArea(BaseModel):
    code: str = Field(..., description="ONS code.", examples=["E05000437"])
    name: str = Field(..., description="Area name.", examples=["Bellingham"])
    notes: int | None = Field(None, description="Notes in the theme there, rounded; null when hidden or none.")
    share: float | None = Field(None, description="Share of the area's notes in the theme; null when hidden.")
    suppressed: bool = Field(..., description="True when the count is hidden (drawn hatched, 'fewer than N').")
    no_notes: bool = Field(..., description="True when the area has no notes at all.")


class ThemeMap(BaseModel):
    theme_id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    theme_label: str = Field(..., description="Theme name.", examples=["Food poverty"])
    level: str = Field(..., description="ward or lad.", examples=["ward"])
    within: str | None = Field(None, description="The council whose wards are drawn.", examples=["E09000023"])
    within_name: str | None = Field(None, description="Its name.", examples=["Lewisham"])
    period: str = Field(..., description="The period, or 'all'.", examples=["all"])
    hidden_label: str = Field(..., description="How a hidden count reads.", examples=["fewer than 10"])
    areas: list[MapArea] = Field(..., description="Every area drawn, by code.")
    attribution: list[str] = Field(..., description="The boundaries' attribution, shown on every map.")
    method: str = Field(..., description="How counts are suppressed and rounded.")


@router.get("/themes/{theme_id}/map", summary="A theme's share of notes by area, as an SVG map or JSON",
            responses={**NOT_FOUND, 200: {"description": "The map (SVG) or its figures (JSON).", "model": ThemeMap,
                                          "content": {"image/svg+xml": {}}}})
def get_theme_map(
    theme_id: str = THEME_ID,
    level: Literal["ward", "lad"] = Query("ward", description="Wards of one council (give `within`), or councils.",
                                          examples=["ward"]),
    within: str | None = Query(None, max_length=12, description="The council's ONS code, for a ward map.",
                               examples=["E09000023"]),
    period: str | None = Query(None, max_length=7, description="Month, quarter or year; empty for all time.",
                               examples=["2025-Q3"]),
    format: Literal["svg", "json"] = Query("svg", description="svg for the map, json for its figures.",
                                           examples=["svg"]),
    store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
):
    """Hidden areas are hatched and labelled "fewer than N"; the legend names each class's range, so colour is not
    the only cue; the boundaries' attribution is on the map. 400 when no boundaries are stored for those areas
    (import them with `insights areas boundaries`)."""
    data = theme_map(store, policy, theme_id, level, within, period or None)
    if format == "json":
        return {**data, "areas": [{k: v for k, v in a.items() if k != "geometry"} for a in data["areas"]]}
    return Response(maps.to_svg(data), media_type="image/svg+xml")
