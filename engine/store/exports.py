"""SQL for note-level exports (the REFI-QDA project, engine/publish/qdpx.py): every note's anonymised text with
the metadata an analyst's QDA tool keeps as case variables. Raw rows: only analysts and admins get them."""
from __future__ import annotations


class ExportsStore:
    def notes_for_export(self, org_id: int | None = None, project_id: int | None = None) -> list[dict]:
        """The stored notes in id order (only organisation `org_id`'s when given; only those tagged to community
        insights project `project_id` when given): id, text (anonymised), month, source_type, area_code,
        area_name, organisation (name), created_at."""
        where, params = [], []
        if org_id is not None:
            where.append("n.org_id = ?")
            params.append(org_id)
        if project_id is not None:
            where.append("n.id IN (SELECT note_id FROM project_notes WHERE project_id = ?)")
            params.append(project_id)
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        return self.q(
            "SELECT n.id, n.text, n.month, n.source_type, n.area_code, ar.name AS area_name,"
            " o.name AS organisation, n.created_at FROM notes n JOIN organisations o ON o.id = n.org_id"
            f" LEFT JOIN areas ar ON ar.code = n.area_code {clause}ORDER BY n.id", params)
