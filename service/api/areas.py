"""/api/v1/areas and /api/v1/indicators: the places (ONS codes) and the council numbers themes are set
beside. Analysts, facilitators and admins. Indicators are published statistics, not counts of notes."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from engine.core.errors import NotFoundError
from engine.store import Store
from service.api.deps import (
    CSV_RESPONSE,
    CURSOR,
    ERRORS,
    FORMAT,
    NOT_FOUND,
    csv_response,
    get_store,
    limit_param,
    page_of,
    wants_csv,
)
from service.auth import ANALYST, require

router = APIRouter(dependencies=[Depends(require(*ANALYST))], responses=ERRORS)
Level = Literal["lsoa", "msoa", "ward", "lad", "utla", "region"]
AREA_COLUMNS = ["code", "name", "level", "parent_code", "lad_code", "vintage"]
NEXT = Field(None, description="Pass as `cursor` for the next page; null at the end.")


class Area(BaseModel):
    code: str = Field(..., description="ONS code.", examples=["E05000442"])
    name: str | None = Field(None, description="Area name.", examples=["Downham"])
    level: str | None = Field(None, description="lsoa, msoa, ward, lad, utla or region.", examples=["ward"])
    parent_code: str | None = Field(None, description="ONS code of the area it sits in.", examples=["E09000023"])
    lad_code: str | None = Field(None, description="ONS code of its local authority.", examples=["E09000023"])
    vintage: str | None = Field(None, description="Year of the boundaries.", examples=["2019"])


class AreasPage(BaseModel):
    areas: list[Area]
    next_cursor: str | None = NEXT


class Indicator(BaseModel):
    id: str = Field(..., description="Indicator id.", examples=["income_deprivation_rate"])
    label: str | None = Field(None, description="Name in plain words.", examples=["Income deprivation"])
    unit: str | None = Field(None, description="Unit of the values.", examples=["percent"])
    polarity: str | None = Field(None, description="higher_is_worse or higher_is_better.",
                                 examples=["higher_is_worse"])
    source: str | None = Field(None, description="Who publishes it.", examples=["MHCLG, English Indices of "
                                                                               "Deprivation 2019"])
    licence: str | None = Field(None, description="Licence to credit.", examples=["Open Government Licence v3.0"])
    description: str | None = Field(None, description="What it measures.")
    observations: int | None = Field(None, description="How many values are held.", examples=[204])


class IndicatorsPage(BaseModel):
    indicators: list[Indicator]
    next_cursor: str | None = NEXT


class Observation(BaseModel):
    area_code: str = Field(..., description="ONS code.", examples=["E05000442"])
    period: str = Field(..., description="Period of the value (ISO: year or YYYY-MM).", examples=["2025-03"])
    value: float | None = Field(None, description="The value, in the indicator's unit.", examples=[21.4])
    numerator: float | None = Field(None, description="Numerator, where known.", examples=[1530])
    denominator: float | None = Field(None, description="Denominator, where known.", examples=[7150])


class ObservationsPage(BaseModel):
    indicator: Indicator
    observations: list[Observation]
    next_cursor: str | None = NEXT


@router.get("/areas", tags=["areas"], summary="List areas (ONS codes), optionally of one level",
            response_model=AreasPage, responses={200: CSV_RESPONSE})
def list_areas(request: Request, store: Store = Depends(get_store),
               level: Level | None = Query(None, description="Only areas of this level.", examples=["ward"]),
               limit: int = limit_param(), cursor: str | None = CURSOR, format: str | None = FORMAT):
    """Areas the service knows, by level then name."""
    rows, next_cursor = page_of(store.areas(level), limit, cursor)
    if wants_csv(request, format):
        return csv_response(rows, AREA_COLUMNS, next_cursor)
    return {"areas": rows, "next_cursor": next_cursor}


@router.get("/areas/{code}", tags=["areas"], summary="One area", response_model=Area, responses=NOT_FOUND)
def get_area(code: str = Path(..., max_length=20, description="ONS code.", examples=["E05000442"]),
             store: Store = Depends(get_store)) -> dict:
    """An area's name, level and the areas it sits in."""
    area = store.area(code)
    if not area:
        raise NotFoundError(f"No area with code '{code}'.", fix="GET /api/v1/areas lists the areas and their codes.")
    return area


@router.get("/indicators", tags=["indicators"], summary="List council indicators", response_model=IndicatorsPage,
            responses={200: CSV_RESPONSE})
def list_indicators(request: Request, store: Store = Depends(get_store), limit: int = limit_param(),
                    cursor: str | None = CURSOR, format: str | None = FORMAT):
    """Each indicator with its unit, source and licence (credit the source when you use it)."""
    rows, next_cursor = page_of(store.indicators(), limit, cursor)
    if wants_csv(request, format):
        return csv_response(rows, list(Indicator.model_fields), next_cursor)
    return {"indicators": rows, "next_cursor": next_cursor}


@router.get("/indicators/{indicator_id}/observations", tags=["indicators"],
            summary="Values of one indicator by area and period", response_model=ObservationsPage,
            responses={**NOT_FOUND, 200: CSV_RESPONSE})
def list_observations(request: Request, store: Store = Depends(get_store),
                      indicator_id: str = Path(..., max_length=100, description="Indicator id.",
                                               examples=["income_deprivation_rate"]),
                      area: str | None = Query(None, max_length=20, description="Only this area (ONS code).",
                                               examples=["E05000442"]),
                      period: str | None = Query(None, max_length=10, description="Only periods starting with "
                                                 "this, e.g. 2025 or 2025-03.", examples=["2025"]),
                      limit: int = limit_param(), cursor: str | None = CURSOR, format: str | None = FORMAT):
    """Sorted by area, then period."""
    indicator = store.indicator(indicator_id)
    if not indicator:
        raise NotFoundError(f"No indicator '{indicator_id}'.", fix="GET /api/v1/indicators lists the indicators.")
    rows = sorted((o for o in store.observations(indicator_id)
                   if (area is None or o["area_code"] == area) and (period is None or o["period"].startswith(period))),
                  key=lambda o: (o["area_code"], o["period"]))
    rows, next_cursor = page_of(rows, limit, cursor)
    if wants_csv(request, format):
        return csv_response(rows, list(Observation.model_fields), next_cursor)
    return {"indicator": indicator, "observations": rows, "next_cursor": next_cursor}
