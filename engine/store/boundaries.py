"""SQL for area boundaries (for maps): one row per ONS code, its outline as GeoJSON geometry text (longitude,
latitude, rounded), with the source to credit on every map drawn from it."""
from __future__ import annotations

import json


class BoundariesStore:
    def put_boundaries(self, rows: list[dict]) -> int:
        """Insert or replace boundaries {code, level, name, geometry (dict), source}; returns how many."""
        with self.db.conn:
            self.db.conn.executemany(
                "INSERT INTO boundaries (code, level, name, parent_code, geometry_json, source)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET level = excluded.level,"
                " name = excluded.name, parent_code = excluded.parent_code, geometry_json = excluded.geometry_json,"
                " source = excluded.source",
                [(r["code"], r["level"], r["name"], r.get("parent_code"),
                  json.dumps(r["geometry"], separators=(",", ":")), r["source"]) for r in rows])
        return len(rows)

    def boundaries(self, codes: list[str] | None = None, level: str | None = None,
                   parent_code: str | None = None) -> list[dict]:
        """By codes, or every boundary at a level (within a parent council)."""
        sql = "SELECT code, level, name, parent_code, geometry_json, source FROM boundaries"
        if codes is not None:
            rows = self.q_in(sql + " WHERE code IN ({marks})", list(codes))
        else:
            within = " AND parent_code = ?" if parent_code is not None else ""
            rows = self.q(sql + " WHERE level = ?" + within, [level] + ([parent_code] if within else []))
        for r in rows:
            r["geometry"] = json.loads(r.pop("geometry_json"))
        return sorted(rows, key=lambda r: r["code"])

    def boundary_count(self) -> dict[str, int]:
        return {r["level"]: r["n"] for r in self.q("SELECT level, COUNT(*) AS n FROM boundaries GROUP BY level")}
