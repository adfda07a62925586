"""SQL for areas, aliases, indicators, observations and theme-indicator links."""
from __future__ import annotations

AREA_FIELDS = ("code", "name", "level", "parent_code", "vintage", "msoa_code", "lad_code", "utla_code",
               "region_code", "source")
INDICATOR_FIELDS = ("id", "label", "unit", "polarity", "source", "licence", "description")
# When one postcode district or name points at several areas, the finest level wins.
LEVEL_ORDER = {"lsoa": 0, "msoa": 1, "ward": 2, "lad": 3, "utla": 4, "region": 5}


class AreasStore:
    # ---- areas and aliases ------------------------------------------------------------------------
    def upsert_areas(self, areas: list[dict]) -> None:
        """Insert or update areas; a field a row does not give (or gives as None) keeps its stored value."""
        cols = ", ".join(AREA_FIELDS)
        marks = ", ".join("?" for _ in AREA_FIELDS)
        updates = ", ".join(f"{f} = COALESCE(excluded.{f}, areas.{f})" for f in AREA_FIELDS if f != "code")
        sql = f"INSERT INTO areas ({cols}) VALUES ({marks}) ON CONFLICT(code) DO UPDATE SET {updates}"
        with self.db.conn:
            self.db.conn.executemany(sql, [tuple(a.get(f) for f in AREA_FIELDS) for a in areas])

    def add_area_aliases(self, aliases: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT INTO area_aliases (alias, kind, area_code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(a["alias"], a["kind"], a["area_code"]) for a in aliases])

    def areas(self, level: str | None = None) -> list[dict]:
        if level:
            return self.q("SELECT * FROM areas WHERE level = ? ORDER BY name", [level])
        return self.q("SELECT * FROM areas ORDER BY level, name")

    def area_codes(self) -> set[str]:
        return {r["code"] for r in self.q("SELECT code FROM areas")}

    def area_level_counts(self) -> dict[str, int]:
        return {r["level"]: r["n"] for r in self.q("SELECT level, COUNT(*) AS n FROM areas GROUP BY level")}

    def area_names(self) -> list[str]:
        """Names of the areas set up by hand (the demo's wards), kept readable by the anonymiser. Areas from the
        bulk lookups are left out on purpose: thousands of ward names include surnames (Bradshaw, Hulme)."""
        return [r["name"] for r in self.q(
            "SELECT DISTINCT name FROM areas WHERE name IS NOT NULL AND level IN ('ward', 'lad') "
            "AND (source IS NULL OR source NOT LIKE 'import:%')")]

    def area(self, code: str) -> dict | None:
        rows = self.q("SELECT * FROM areas WHERE code = ?", [code])
        return rows[0] if rows else None

    def area_by_alias(self, alias: str, kind: str) -> list[str]:
        """Area codes with this alias, finest level first (a ward before its council)."""
        rows = self.q("SELECT a.area_code, ar.level FROM area_aliases a LEFT JOIN areas ar ON ar.code = a.area_code "
                      "WHERE a.alias = ? AND a.kind = ?", [alias, kind])
        rows.sort(key=lambda r: (LEVEL_ORDER.get(r["level"], 9), r["area_code"]))
        return [r["area_code"] for r in rows]

    def aliases_of_kind(self, kind: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.q("SELECT alias, area_code FROM area_aliases WHERE kind = ?", [kind]):
            out.setdefault(r["alias"], []).append(r["area_code"])
        return out

    def area_lad(self, code: str) -> str | None:
        """The local authority an area sits in (itself for a council)."""
        a = self.area(code)
        if not a:
            return None
        return code if a["level"] == "lad" else a.get("lad_code") or a.get("parent_code")

    # ---- indicators and observations --------------------------------------------------------------
    def councils(self) -> list[dict]:
        """Every lower- and upper-tier council (code, level, vintage, utla_code, lad_code)."""
        return self.q("SELECT code, level, vintage, utla_code, lad_code FROM areas WHERE level IN ('lad', 'utla')")

    def msoas_2011_by_name(self) -> list[dict]:
        """2011 MSOAs with a name (code, name)."""
        return self.q("SELECT code, name FROM areas WHERE level = 'msoa' AND vintage LIKE '2011%' AND name IS NOT NULL")

    def lsoas_without_msoa(self) -> list[dict]:
        """Named LSOAs whose MSOA is not known yet (code, name)."""
        return self.q("SELECT code, name FROM areas WHERE level = 'lsoa' AND msoa_code IS NULL AND name IS NOT NULL")

    def upsert_indicator(self, meta: dict) -> None:
        self.db["indicators"].upsert({k: meta.get(k) for k in INDICATOR_FIELDS}, pk="id")

    def add_observations(self, rows: list[dict]) -> None:
        fields = ("indicator_id", "area_code", "period", "value", "numerator", "denominator")
        with self.db.conn:
            self.db.conn.executemany(
                f"INSERT INTO observations ({', '.join(fields)}) VALUES ({', '.join('?' for _ in fields)})"
                " ON CONFLICT (indicator_id, area_code, period) DO UPDATE SET value = excluded.value,"
                " numerator = excluded.numerator, denominator = excluded.denominator",
                [tuple(r.get(f) for f in fields) for r in rows])

    def indicators(self) -> list[dict]:
        return self.q("SELECT i.*, (SELECT COUNT(*) FROM observations o WHERE o.indicator_id = i.id) AS observations "
                      "FROM indicators i ORDER BY id")

    def indicator(self, indicator_id: str) -> dict | None:
        rows = self.q("SELECT * FROM indicators WHERE id = ?", [indicator_id])
        return rows[0] if rows else None

    def observations(self, indicator_id: str) -> list[dict]:
        return self.q(
            "SELECT area_code, period, value, numerator, denominator FROM observations WHERE indicator_id = ?",
            [indicator_id],
        )

    # ---- theme-indicator links --------------------------------------------------------------------
    def link_theme_indicator(self, theme_id: str, indicator_id: str, polarity: str, priority: int = 0,
                             why: str | None = None) -> None:
        self.db["theme_indicator_links"].upsert(
            {"theme_id": theme_id, "indicator_id": indicator_id, "polarity": polarity, "priority": priority,
             "why": why}, pk=("theme_id", "indicator_id"))

    def replace_theme_indicator_links(self, links: list[dict]) -> None:
        with self.db.conn:
            self.db.conn.execute("DELETE FROM theme_indicator_links")
            self.db.conn.executemany(
                "INSERT INTO theme_indicator_links (theme_id, indicator_id, polarity, priority, why) "
                "VALUES (?, ?, ?, ?, ?)",
                [(x["theme_id"], x["indicator_id"], x["polarity"], x.get("priority", 0), x.get("why"))
                 for x in links])

    def theme_indicator_links(self) -> list[dict]:
        return self.q("SELECT * FROM theme_indicator_links ORDER BY theme_id, COALESCE(priority, 0), indicator_id")
