"""Early warning (engine/publish/early_warning.py): a theme's share of notes projected one to three months ahead
with an interval, overall or per area, and the themes whose latest month rose beyond what was projected for it.
Analysts, facilitators and admins. Shares only, published only where the latest month's count is."""
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


class Alert(BaseModel):
    theme_id: str = Field(..., description="Theme id.", examples=["debt_money"])
    label: str = Field(..., description="Theme name.", examples=["Debt and money worries"])
    area_code: str | None = Field(None, description="ONS code of the area (null: all areas together).",
                                  examples=["E09000023"])
    checked: Checked
    forecast: list[Projected]


class Alerts(BaseModel):
    alerts: list[Alert]
    method: str = Field(..., description="How the projection and the alert are made.")


@router.get("/themes/{theme_id}/outlook", summary="A theme's share projected 1-3 months ahead, with an alert",
            response_model=Outlook, responses={404: {"description": "No such theme."}})
def outlook(theme_id: str = THEME_ID, level: Literal["ward", "lad"] | None = LEVEL,
            area: str | None = Query(None, max_length=20, description="Only this area's series (an ONS code at "
                                     "`level`).", examples=["E09000023"]),
            store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    """Exponential smoothing of the monthly share, with a 90% interval; `alert` when the latest month was above
    the interval projected for it. Nothing is shown where the latest month's count is suppressed."""
    return lib.theme_outlook(store, policy, theme_id, level, area)


@router.get("/early-warnings", summary="Themes whose latest month rose beyond what was projected",
            response_model=Alerts)
def early_warnings(level: Literal["ward", "lad"] | None = LEVEL, store: Store = Depends(get_store),
                   policy: Policy = Depends(get_policy)) -> dict:
    """Every theme in force (overall, or per area at `level`) whose latest month's share was above the top of the
    90% interval projected for it from the months before."""
    return {"alerts": lib.alerts(store, policy, level), "method": lib.METHOD}
