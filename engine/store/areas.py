"""SQL for areas, aliases, indicators, observations and theme-indicator links."""
from __future__ import annotations





class AreasStore:
    # ---- areas and indicators --------------------------------------------------------------------
    def upsert_areas(self, areas: list[dict]) -> None:
        self.db["areas"].upsert_all(
            [{k: a.get(k) for k in ("code", "name", "level", "parent_code", "vintage")} for a in areas], pk="code"
        )

    def add_area_aliases(self, aliases: list[dict]) -> None:
        self.db["area_aliases"].upsert_all(aliases, pk=("alias", "kind", "area_code"))

    def areas(self, level: str | None = None) -> list[dict]:
        if level:
            return self.q("SELECT * FROM areas WHERE level = ? ORDER BY name", [level])
        return self.q("SELECT * FROM areas ORDER BY level, name")

    def area_names(self) -> list[str]:
        return [r["name"] for r in self.q("SELECT DISTINCT name FROM areas WHERE name IS NOT NULL")]

    def area(self, code: str) -> dict | None:
        rows = self.q("SELECT * FROM areas WHERE code = ?", [code])
        return rows[0] if rows else None

    def area_by_alias(self, alias: str, kind: str) -> list[str]:
        return [r["area_code"] for r in self.q(
            "SELECT area_code FROM area_aliases WHERE alias = ? AND kind = ?", [alias, kind])]

    def upsert_indicator(self, meta: dict) -> None:
        self.db["indicators"].upsert(
            {k: meta.get(k) for k in ("id", "label", "unit", "polarity", "source", "licence", "description")},
            pk="id",
        )

    def add_observations(self, rows: list[dict]) -> None:
        self.db["observations"].upsert_all(rows, pk=("indicator_id", "area_code", "period"))

    def indicators(self) -> list[dict]:
        return self.q("SELECT * FROM indicators ORDER BY id")

    def observations(self, indicator_id: str) -> list[dict]:
        return self.q(
            "SELECT area_code, period, value, numerator, denominator FROM observations WHERE indicator_id = ?",
            [indicator_id],
        )

    def link_theme_indicator(self, theme_id: str, indicator_id: str, polarity: str) -> None:
        self.db["theme_indicator_links"].upsert(
            {"theme_id": theme_id, "indicator_id": indicator_id, "polarity": polarity}, pk=("theme_id", "indicator_id")
        )

    def theme_indicator_links(self) -> list[dict]:
        return self.q("SELECT * FROM theme_indicator_links ORDER BY theme_id")
