"""/api/v1/my/picture: "what we're hearing where you work", for contributors (and admins linked to an
organisation). The picture of the areas the caller's organisation's notes come from, built by
engine/publish/picture.py: every group's themes there after suppression, organisations per theme, trends, the
linked council figures explained, where stories and figures agree or pull apart, and "you said, we did". No note
text or quote of any organisation is in it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from engine.core.errors import ForbiddenError
from engine.publish import picture as lib
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import CSV_RESPONSE, ERRORS, FORMAT, csv_response, get_policy, get_store, period_query, wants_csv
from service.api.responses import ResponseOut
from service.auth import CONTRIBUTOR, current_principal, require

router = APIRouter(tags=["picture"], dependencies=[Depends(require(*CONTRIBUTOR))], responses=ERRORS)
HIDDEN = "null when too few to show safely (see `notes_label`)."


class TrendPoint(BaseModel):
    period: str = Field(..., description="Month (YYYY-MM).", examples=["2025-09"])
    notes: int | None = Field(None, description=f"Notes with the theme in the area that month, rounded; {HIDDEN}",
                              examples=[15])
    suppressed: bool = Field(..., description="True when the month's count is too small to show.", examples=[True])
    notes_label: str = Field(..., description="The count as shown to people.", examples=["fewer than 10"])
    share: float | None = Field(None, description="Share of the area's notes that month (0-1); null when hidden.",
                                examples=[0.2])


class Rising(BaseModel):
    rising: bool | None = Field(None, description="True when the theme's share rose over the months shown "
                                "(one-sided Cochran-Armitage test, p < 0.05); null when it cannot be said.",
                                examples=[True])
    reason: str | None = Field(None, description="Why no answer, when `rising` is null.",
                               examples=["fewer than 10 notes in 2025-09"])
    p_value: float | None = Field(None, description="The test's p-value.", examples=[0.012])
    share_first: float | None = Field(None, description="Share in the first month with notes; null when hidden.")
    share_last: float | None = Field(None, description="Share in the last month; null when hidden.")
    last_period: str | None = Field(None, description="The last month tested.", examples=["2025-09"])
    periods: list[str] = Field(default_factory=list, description="The months tested.")
    test: str = Field(..., description="The test, in words.")


class Indicator(BaseModel):
    id: str = Field(..., description="Indicator id.", examples=["income_deprivation_rate"])
    label: str | None = Field(None, description="Its name.", examples=["Income deprivation"])
    unit: str | None = Field(None, description="proportion, percent, rank, score, people ...", examples=["proportion"])
    value: float = Field(..., description="Its latest value for the area by the end of the period.", examples=[0.31])
    value_label: str = Field(..., description="The value in words.", examples=["31.0%"])
    period: str | None = Field(None, description="The period the value is for.", examples=["2025-06"])
    percentile: float | None = Field(None, description="Where the area stands among comparable areas (0 = least "
                                     "need, 1 = most).", examples=[0.86])
    compared_with: int | None = Field(None, description="How many areas the percentile is among.", examples=[19])
    polarity: str = Field(..., description="higher_is_worse or higher_is_better.", examples=["higher_is_worse"])
    why_linked: str | None = Field(None, description="Why this figure speaks to the theme (engine/places/links.yaml).")
    source: str | None = Field(None, description="Where the figure comes from.")
    licence: str | None = Field(None, description="Its licence.", examples=["OGL v3"])
    explanation: str = Field(..., description="What the number means, in plain words.")
    source_label: str = Field(..., description="Source and licence, in words.")


class PictureTheme(BaseModel):
    id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    label: str = Field(..., description="Theme name.", examples=["Food poverty"])
    description: str | None = Field(None, description="What the theme covers.")
    sensitive: bool = Field(..., description="Sensitive themes need more notes before a count is shown.")
    suppressed: bool = Field(..., description="True when the theme's count here is too small to show.")
    notes: int | None = Field(None, description=f"Notes about it here, from every group, rounded; {HIDDEN}",
                              examples=[45])
    notes_label: str = Field(..., description="The count as shown to people.", examples=["45"])
    share: float | None = Field(None, description="Share of all notes here (0-1); null when hidden.", examples=[0.21])
    organisations: int | None = Field(None, description="How many organisations' notes raised it, rounded; null "
                                      "when fewer than the threshold or when the notes are hidden.", examples=[10])
    organisations_label: str = Field(..., description="The organisations count as shown.", examples=["fewer than 10"])
    few_organisations: bool = Field(..., description="True when only one or two organisations raised it (shown "
                                    "only for a theme whose count is shown).", examples=[False])
    few_organisations_label: str | None = Field(None, description="The mark in words.")
    trend: list[TrendPoint] = Field(..., description="The recent months, each suppressed on its own.")
    rising: Rising
    indicator: Indicator | None = Field(None, description="The linked council figure; null when none is held.")
    agreement: str | None = Field(None, description="'heard but not counted', 'counted but not heard', 'agree', or "
                                  "null when stories and figures cannot be compared here.", examples=["agree"])
    agreement_label: str | None = Field(None, description="The agreement in plain words.")
    responses: list[ResponseOut] = Field(..., description="\"You said, we did\" about this theme here.")


class PictureArea(BaseModel):
    code: str = Field(..., description="ONS code.", examples=["E05000442"])
    name: str | None = Field(None, description="Area name.", examples=["Downham"])
    level: str = Field(..., description="lsoa, msoa, ward, lad ...", examples=["ward"])
    level_label: str = Field(..., description="The level in words.", examples=["ward"])
    kind: str = Field(..., description="'local' (your notes are placed here) or 'council' (the council they sit in).",
                      examples=["local"])
    notes: int | None = Field(None, description=f"All groups' notes here in the period, rounded; {HIDDEN}",
                              examples=[120])
    notes_label: str = Field(..., description="The count as shown.", examples=["120"])
    organisations: int | None = Field(None, description="Organisations with notes here, rounded; null when hidden.")
    organisations_label: str = Field(..., description="The organisations count as shown.", examples=["fewer than 10"])
    themes: list[PictureTheme] = Field(..., description="Themes shown here, most-heard first.")
    hidden_themes: int = Field(..., description="Themes left out because too few notes to show.", examples=[4])
    hidden_themes_label: str | None = Field(None, description="The same in words.")


class Source(BaseModel):
    indicator: str = Field(..., description="Indicator id.", examples=["claimant_rate"])
    label: str | None = Field(None, description="Its name.")
    source: str | None = Field(None, description="Where it comes from.")
    licence: str | None = Field(None, description="Its licence.")


class Picture(BaseModel):
    organisation: str = Field(..., description="Your organisation.", examples=["Riverside Food Bank"])
    period: str | None = Field(None, description="The period counted; null for all time.", examples=["2025-Q3"])
    period_label: str = Field(..., description="The period in words.", examples=["July to September 2025"])
    trend_months: list[str] = Field(..., description="The months each trend covers.")
    areas: list[PictureArea] = Field(..., description="The areas your notes come from, then their councils.")
    responses: list[ResponseOut] = Field(..., description="Every \"you said, we did\" response about these areas "
                                         "(and those for all areas).")
    sources: list[Source] = Field(..., description="The council figures used, with source and licence.")
    method: str = Field(..., description="How small numbers were suppressed and counts rounded.")
    attention_method: str = Field(..., description="How stories and figures are set beside each other.")
    caveats: list[str] = Field(..., description="What to keep in mind, in plain words.")


def caller_org_id(request: Request) -> int:
    principal = current_principal(request)
    if principal.org_id is None:
        raise ForbiddenError("Your account or token is not linked to an organisation, so it has no areas to show.",
                             fix="Ask an admin for an account with --org set to your organisation.")
    return principal.org_id


@router.get("/my/picture", summary="What we're hearing where you work (your organisation's areas)",
            response_model=Picture, responses={200: CSV_RESPONSE})
def get_picture(request: Request, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
                period: str | None = period_query("Count notes in this month (2025-09), quarter (2025-Q3) or year "
                                                  "(2025); leave out for all time."),
                months: int = Query(lib.TREND_MONTHS, ge=3, le=24, description="How many recent months each trend "
                                    "shows.", examples=[6]),
                format: str | None = FORMAT):
    """For the areas your organisation's notes come from (and their councils): the themes every group hears there,
    with counts, shares and organisations after suppression, recent trends, the linked council figures in plain
    words, where stories and figures agree or pull apart, and \"you said, we did\". No group's notes or quotes."""
    result = lib.picture(store, policy, caller_org_id(request), period, months)
    if wants_csv(request, format):
        return csv_response(lib.to_rows(result), lib.CSV_COLUMNS, method=policy.method())
    return result
