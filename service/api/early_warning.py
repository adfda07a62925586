"""Early warning (engine/publish/early_warning.py): a theme's share of notes projected one to three months ahead
with an interval, overall or per area; the themes whose latest month rose beyond what was projected for it; and the
new emergent themes that grew fast in it (engine/publish/emergent_growth.py). Analysts, facilitators and admins.
Shares, or counts at or above the suppression threshold (rounded), only."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from engine.publish import early_warning as lib
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import ERRORS, get_policy, get_store
from service.api.themes import THEME_ID
from service.auth import ANALYST, require

router = APIRouter(tags=["early warning"], dependencies=[Depends(require(*ANALYST))],
                   responses=ERRORS)
LEVEL = Query(None, description="Empty for all areas together; `ward` or `lad` for one series per area.",
              examples=["lad"])


class Projected(BaseModel):
    period: str = Field(..., description="The month projected.", examples=["2026-01"])
    share_pct: float = Field(..., description="Projected share of notes with the theme, %.", examples=[14.2])
    lower_pct: float = Field(..., description="Bottom of the 90% interval, %.")
    upper_pct: float = Field(..., description="Top of the 90% interval, %.")


class Checked(BaseModel):
    period: str = Field(..., description="The latest month, checked against what was projected for it.")
    share_pct: float = Field(..., description="Its share seen, %.")
    expected_pct: float = Field(..., description="The share projected for it from the months before, %.")
    upper_pct: float = Field(..., description="Top of that projection's 90% interval, %.")


class Series(BaseModel):
    area_code: str | None = Field(None, description="ONS code (null: all areas together).")
    shown: bool = Field(..., description="False when there is nothing to publish (see reason).")
    reason: str | None = Field(None, description="Why nothing is shown.", examples=["fewer than 10 notes in 2025-11"])
    forecast: list[Projected]
    alert: bool | None = Field(None, description="True when the latest month rose above its projected interval.")
    checked: Checked | None = None


class Outlook(BaseModel):
    theme: str = Field(..., description="Theme id.", examples=["debt_money"])
    label: str = Field(..., description="Theme name.")
    level: str = Field(..., description="all, ward or lad.")
    series: list[Series]
    method: str = Field(..., description="How the projection and the alert are made.")


class Growth(BaseModel):
    period: str = Field(..., description="The latest month.", examples=["2025-12"])
    notes: int = Field(..., description="The emergent theme's notes in it, rounded (never below the threshold).",
                       examples=[15])
    earlier_months: int = Field(..., description="How many months before it make the baseline.", examples=[6])
    earlier_notes: int | None = Field(None, description="Its notes in those months, rounded; null when fewer than "
                                      "the threshold.", examples=[10])
    earlier_label: str = Field(..., description="The same in words.", examples=["fewer than 10"])
    times: float | None = Field(None, description="The latest month against the monthly average before, from the "
                                "rounded counts; null when the earlier count is hidden.", examples=[9.0])


class Alert(BaseModel):
    kind: Literal["share_above_interval", "emergent_growth"] = Field(
        ..., description="share_above_interval: a theme's share rose above its projected interval; emergent_growth: "
        "a new emergent theme grew fast.", examples=["share_above_interval"])
    theme_id: str | None = Field(None, description="Theme id (null for an emergent theme).", examples=["debt_money"])
    candidate_id: int | None = Field(None, description="The emergent theme's id (GET /api/v1/emergent-themes); "
                                     "only for emergent_growth.", examples=[3])
    label: str = Field(..., description="Theme name, or the emergent theme's label.",
                       examples=["Debt and money worries"])
    keywords: list[str] = Field([], description="The emergent theme's words that stand out (emergent_growth).",
                                examples=[["warm", "space", "library"]])
    area_code: str | None = Field(None, description="ONS code of the area (null: all areas together).",
                                  examples=["E09000023"])
    checked: Checked | None = Field(None, description="The latest month against its projection "
                                    "(share_above_interval).")
    forecast: list[Projected] = Field([], description="The share projected for the next months "
                                      "(share_above_interval).")
    growth: Growth | None = Field(None, description="The latest month against the months before (emergent_growth).")


class Alerts(BaseModel):
    alerts: list[Alert] = Field(..., description="Share alerts first, then emergent-growth alerts.")
    method: str = Field(..., description="How the projection and both kinds of alert are made.")


@router.get("/themes/{theme_id}/outlook", summary="A theme's share projected 1-3 months ahead, with an alert",
            response_model=Outlook, responses={404: {"description": "No such theme."}})
def outlook(theme_id: str = THEME_ID, level: Literal["ward", "lad"] | None = LEVEL,
            area: str | None = Query(None, max_length=20, description="Only this area's series (an ONS code at "
                                     "`level`).", examples=["E09000023"]),
            store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    """Exponential smoothing of the monthly share, with a 90% interval; `alert` when the latest month was above
    the interval projected for it. Nothing is shown where the latest month's count is suppressed."""
    return lib.theme_outlook(store, policy, theme_id, level, area)


@router.get("/early-warnings", summary="Themes whose latest month rose beyond what was projected, and new themes "
            "growing fast",
            response_model=Alerts)
def early_warnings(level: Literal["ward", "lad"] | None = LEVEL, store: Store = Depends(get_store),
                   policy: Policy = Depends(get_policy)) -> dict:
    """Every theme in force (overall, or per area at `level`) whose latest month's share was above the top of the
    90% interval projected for it from the months before (kind share_above_interval); then every new emergent theme
    whose notes in the latest month were at least INSIGHTS_EMERGENT_GROWTH_MIN_NOTES (never below the suppression
    threshold) and at least INSIGHTS_EMERGENT_GROWTH_FACTOR times its monthly average before (kind
    emergent_growth), named by its label and keywords."""
    return {"alerts": lib.alerts(store, policy, level), "method": lib.method(policy)}
