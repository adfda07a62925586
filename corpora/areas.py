"""The demo corpus's places: two real local authorities, their real wards, and fictional organisations.

Ward codes and names are real ONS 2019 ward codes (WD19CD/WD19NM) with their 2019 local authority
(LAD19CD), and the postcode districts are real outward codes for that authority. They were copied by
hand from the ONS ward-to-LAD lookup and a postcode-district table; nothing is read at run time.

Everything else here is ILLUSTRATIVE and invented for the demo: the ward parameters
(`income_deprivation_rate`, `mental_health_prevalence`, `living_alone_rate`, `claimant_base`,
`population`), the note weights and the organisations. They are not official statistics.
"""
from __future__ import annotations

import random

SOURCE = "Community Insights demo generator (illustrative, not official statistics)"
LICENCE = "CC0"

LEWISHAM = "E09000023"
EDEN = "E07000030"

LADS = {
    LEWISHAM: {"name": "Lewisham", "kind": "urban"},
    EDEN: {"name": "Eden", "kind": "rural"},
}

# The two planted divergences (see corpora.demo's docstring).
REACH_GAP_WARD = "E05000442"  # Downham: high income deprivation, hardly any food stories ("counted but not heard")
HEARD_NOT_COUNTED_WARD = "E05000447"  # Lee Green: low deprivation and low MH indicator, many MH stories

# code, name, lad, postcode districts, income deprivation, mental health prevalence, living alone,
# population, note weight (share of the notes above the per-ward minimum), rural (transport-heavy) flag
_WARD_ROWS = [
    # Lewisham (London borough)
    ("E05000437", "Bellingham", LEWISHAM, ("SE6",), 0.24, 0.142, 0.141, 14820, 1.0, False),
    ("E05000439", "Brockley", LEWISHAM, ("SE4",), 0.18, 0.131, 0.162, 14210, 0.9, False),
    ("E05000442", "Downham", LEWISHAM, ("SE6", "SE12"), 0.31, 0.151, 0.138, 14460, 0.0, False),
    ("E05000443", "Evelyn", LEWISHAM, ("SE8",), 0.37, 0.158, 0.171, 14980, 1.4, False),
    ("E05000444", "Forest Hill", LEWISHAM, ("SE23",), 0.13, 0.118, 0.158, 13630, 0.7, False),
    ("E05000447", "Lee Green", LEWISHAM, ("SE12", "SE13"), 0.07, 0.079, 0.129, 12890, 1.3, False),
    ("E05000448", "Lewisham Central", LEWISHAM, ("SE13",), 0.22, 0.137, 0.183, 14950, 1.6, False),
    ("E05000449", "New Cross", LEWISHAM, ("SE14", "SE8"), 0.34, 0.149, 0.176, 14690, 1.2, False),
    ("E05000451", "Rushey Green", LEWISHAM, ("SE6",), 0.28, 0.145, 0.167, 14330, 1.1, False),
    # Eden (rural district, Cumbria)
    ("E05003225", "Penrith East", EDEN, ("CA11",), 0.19, 0.128, 0.187, 9120, 1.0, False),
    ("E05003226", "Penrith North", EDEN, ("CA11",), 0.10, 0.112, 0.169, 8740, 0.8, False),
    ("E05003227", "Penrith Pategill", EDEN, ("CA11", "CA10"), 0.29, 0.139, 0.192, 8210, 0.9, False),
    ("E05003229", "Penrith West", EDEN, ("CA11",), 0.15, 0.121, 0.181, 8460, 0.7, False),
    ("E05003206", "Appleby (Appleby)", EDEN, ("CA16",), 0.12, 0.109, 0.178, 8330, 0.8, True),
    ("E05003216", "Kirkby Stephen", EDEN, ("CA17",), 0.09, 0.104, 0.201, 8050, 0.7, True),
    ("E05003205", "Alston Moor", EDEN, ("CA9",), 0.16, 0.117, 0.214, 8020, 0.9, True),
    ("E05003231", "Shap", EDEN, ("CA10",), 0.06, 0.098, 0.196, 8110, 0.5, True),
]


def ward_table() -> list[dict]:
    """The chosen wards with their illustrative parameters, in a fixed order."""
    wards = []
    for code, name, lad, districts, dep, mh, alone, pop, weight, rural in _WARD_ROWS:
        wards.append({
            "code": code, "name": name, "lad": lad, "postcode_districts": list(districts),
            "income_deprivation_rate": dep, "mental_health_prevalence": mh, "living_alone_rate": alone,
            "claimant_base": round(0.012 + 0.11 * dep, 4), "population": pop, "note_weight": weight,
            "rural": rural, "urban": LADS[lad]["kind"] == "urban",
        })
    return wards


def area_records() -> list[dict]:
    """The `corpus.areas` list: every ward, then each local authority with all its districts."""
    wards = ward_table()
    out = [{"code": w["code"], "name": w["name"], "level": "ward", "parent_code": w["lad"],
            "postcode_districts": list(w["postcode_districts"])} for w in wards]
    for lad, info in LADS.items():
        districts: list[str] = []
        for w in wards:
            if w["lad"] == lad:
                districts += [d for d in w["postcode_districts"] if d not in districts]
        out.append({"code": lad, "name": info["name"], "level": "lad", "parent_code": None,
                    "postcode_districts": sorted(districts, key=_district_key)})
    return out


def _district_key(district: str) -> tuple[str, int]:
    letters = district.rstrip("0123456789")
    return letters, int(district[len(letters):] or 0)


# Fictional VCS groups and council teams. themes: the themes each one is more likely to record.
ORGANISATIONS = [
    {"name": "Riverside Food Bank", "lad": LEWISHAM, "themes": ("food_poverty", "debt_money")},
    {"name": "Southside Advice Collective", "lad": LEWISHAM,
     "themes": ("debt_money", "housing_homelessness", "digital_exclusion")},
    {"name": "Hearthside Women's Project", "lad": LEWISHAM, "themes": ("domestic_abuse", "mental_health")},
    {"name": "Brightwater Youth Hub", "lad": LEWISHAM, "themes": ("youth_education_employment",)},
    {"name": "Lewisham Council Community Connections Team", "lad": LEWISHAM,
     "themes": ("loneliness_isolation", "bereavement", "green_public_space", "mental_health")},
    {"name": "Fellside Rural Community Network", "lad": EDEN,
     "themes": ("transport_access", "loneliness_isolation", "digital_exclusion")},
    {"name": "Eden Valley Good Neighbours", "lad": EDEN,
     "themes": ("loneliness_isolation", "bereavement", "transport_access")},
    {"name": "Upper Eden Wellbeing Trust", "lad": EDEN, "themes": ("mental_health", "domestic_abuse")},
    {"name": "Penrith Community Hub (council team)", "lad": EDEN,
     "themes": ("food_poverty", "debt_money", "housing_homelessness", "youth_education_employment")},
]

# Local colour used to fill templates, by authority.
LOCAL = {
    LEWISHAM: {
        "hospital": ["Lewisham Hospital", "King's", "the hospital in Woolwich", "Guy's",
                     "the eye clinic at Lewisham"],
        "bus_route": ["136", "181", "284", "225", "202"],
        "town": ["Lewisham", "Catford", "Bromley", "Deptford"],
        "station": ["Catford Bridge", "Ladywell", "Hither Green", "Lewisham"],
        "park": ["Ladywell Fields", "Mountsfield Park", "Hilly Fields", "Beckenham Place Park",
                 "Deptford Park", "Manor House Gardens", "the rec by the estate"],
        "far_place": ["in Manchester", "in Nigeria", "up north", "in Jamaica", "in Kent", "abroad"],
        "distance": ["a twenty-minute walk", "half a mile", "two stops away"],
        "home_kind": ["the flat", "the estate", "the block"],
        "locality": ["estate", "part of the borough", "road"],
        "stop_path": ["up a steep hill", "across the dual carriageway", "past the closed-down shops"],
    },
    EDEN: {
        "hospital": ["the Cumberland Infirmary", "the hospital in Carlisle", "Penrith Community Hospital",
                     "Westmorland General in Kendal", "the eye clinic in Carlisle", "the RVI in Newcastle"],
        "bus_route": ["563", "X4", "104", "573", "888", "S1"],
        "town": ["Penrith", "Carlisle", "Kendal", "Appleby", "Keswick"],
        "station": ["Appleby", "Kirkby Stephen", "Penrith", "Langwathby"],
        "park": ["Castle Park", "the village green", "the playing field", "the rec", "the riverside path"],
        "far_place": ["in Leeds", "down south", "in Australia", "in Newcastle", "in Glasgow", "abroad"],
        "distance": ["two miles", "a mile and a half", "three miles", "a mile up the fell road"],
        "home_kind": ["the cottage", "the village", "the farmhouse", "the bungalow"],
        "locality": ["village", "hamlet", "end of the valley"],
        "stop_path": ["down an unlit lane", "along the main road with no pavement", "over the fell road"],
    },
}


# ---- illustrative indicators ---------------------------------------------------------------------

def indicator_meta() -> dict[str, dict]:
    base = {"source": SOURCE, "licence": LICENCE, "unit": "proportion", "polarity": "higher_is_worse"}
    return {
        "income_deprivation_rate": {**base, "label": "Income deprivation (illustrative)", "description":
                                    "Share of residents living in income-deprived households. Invented for "
                                    "the demo, not official statistics."},
        "claimant_rate": {**base, "label": "Claimant rate (illustrative)", "description":
                          "Share of working-age residents claiming unemployment-related benefits, by month. "
                          "Invented for the demo, not official statistics."},
        "mental_health_prevalence": {**base, "label": "Recorded depression prevalence (illustrative)",
                                     "description": "Share of adults with recorded depression. Invented for "
                                     "the demo, not official statistics."},
        "living_alone_rate": {**base, "label": "Living alone (illustrative)", "description":
                              "Share of residents living in one-person households. Invented for the demo, "
                              "not official statistics."},
    }


def months() -> list[str]:
    """The 18 monthly periods of the demo, 2024-06 to 2025-11."""
    out, y, m = [], 2024, 6
    while (y, m) <= (2025, 11):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def indicators(seed: int, wards: list[dict]) -> list[dict]:
    """Illustrative indicators for every ward, in long format; claimant noise comes from `seed`."""
    rng = random.Random(seed ^ 0x5EED)
    meta = indicator_meta()
    rows = []

    def row(code: str, name: str, period: str, numerator: int, denominator: int) -> dict:
        m = meta[name]
        return {"area_code": code, "indicator": name, "period": period,
                "value": round(numerator / denominator, 4), "numerator": numerator, "denominator": denominator,
                "unit": m["unit"], "polarity": m["polarity"], "source": m["source"], "licence": m["licence"]}

    periods = months()
    for w in wards:
        pop, code = w["population"], w["code"]
        rows.append(row(code, "income_deprivation_rate", "2024", round(pop * w["income_deprivation_rate"]), pop))
        working_age = round(pop * 0.63)
        for i, month in enumerate(periods):
            rate = w["claimant_base"] * (1 + 0.2 * i / (len(periods) - 1)) + rng.gauss(0, 0.0006)
            rows.append(row(code, "claimant_rate", month, round(working_age * max(rate, 0.002)), working_age))
        adults = round(pop * 0.79)
        rows.append(row(code, "mental_health_prevalence", "2024", round(adults * w["mental_health_prevalence"]),
                        adults))
        rows.append(row(code, "living_alone_rate", "2024", round(pop * w["living_alone_rate"]), pop))
    return rows
