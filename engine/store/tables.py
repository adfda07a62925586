"""A table of engine/store/db.py's Database, sqlite-utils style: the row calls the mixins make and the DDL the
migrations make (CREATE TABLE from SQLAlchemy Core, so each dialect gets its own types: SERIAL or INTEGER PRIMARY
KEY, BYTEA or BLOB), written once for SQLite and PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa

_PY_TYPES = {int: sa.Integer, str: sa.Text, float: sa.Float, bytes: sa.LargeBinary}


class Inserted:
    def __init__(self, last_pk):
        self.last_pk = last_pk


class Table:
    """One table, sqlite-utils style: what the mixins and the migrations call, written once for both dialects."""

    def __init__(self, db, name: str):
        self.db, self.name = db, name

    # ---- rows ----------------------------------------------------------------------------------
    def insert(self, row: dict) -> Inserted:
        cols = list(row)
        pk = self.db.pk(self.name)
        returning = f" RETURNING {self.db.quote(pk[0])}" if len(pk) == 1 and pk[0] != "rowid" else ""
        result = self.db.execute(
            f"INSERT INTO {self.db.quote(self.name)} ({', '.join(self.db.quote(c) for c in cols)})"
            f" VALUES ({', '.join('?' for _ in cols)}){returning}", [row[c] for c in cols])
        return Inserted(result.lastrowid)

    def upsert(self, row: dict, pk) -> None:
        keys = [pk] if isinstance(pk, str) else list(pk)
        cols = list(row)
        updates = ", ".join(f"{self.db.quote(c)} = excluded.{self.db.quote(c)}" for c in cols if c not in keys)
        self.db.execute(
            f"INSERT INTO {self.db.quote(self.name)} ({', '.join(self.db.quote(c) for c in cols)})"
            f" VALUES ({', '.join('?' for _ in cols)}) ON CONFLICT ({', '.join(self.db.quote(k) for k in keys)})"
            + (f" DO UPDATE SET {updates}" if updates else " DO NOTHING"), [row[c] for c in cols])

    def update(self, pk_value, fields: dict) -> None:
        if not fields:
            return
        key = self.db.pk(self.name)[0]
        sets = ", ".join(f"{self.db.quote(c)} = ?" for c in fields)
        self.db.execute(f"UPDATE {self.db.quote(self.name)} SET {sets} WHERE {self.db.quote(key)} = ?",
                        [*fields.values(), pk_value])

    @property
    def count(self) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {self.db.quote(self.name)}").fetchone()[0]

    @property
    def rows(self):
        return self.db.query(f"SELECT * FROM {self.db.quote(self.name)}")

    # ---- the schema (migrations) --------------------------------------------------------------
    def create(self, columns: dict, pk=None, foreign_keys=(), if_not_exists: bool = False) -> None:
        """CREATE TABLE from {name: python type}: int, str, float, bytes. A single int key named by `pk`
        numbers itself (SQLite's INTEGER PRIMARY KEY, PostgreSQL's SERIAL)."""
        keys = [pk] if isinstance(pk, str) else list(pk or ())
        meta = sa.MetaData()
        for _, other, other_col in foreign_keys:
            if other != self.name and other not in meta.tables:
                sa.Table(other, meta, sa.Column(other_col, sa.Integer))
        cols = [sa.Column(name, _PY_TYPES[t](), primary_key=name in keys,
                          autoincrement=(len(keys) == 1 and t is int) if name in keys else False)
                for name, t in columns.items()]
        constraints = [sa.ForeignKeyConstraint([col], [f"{other}.{other_col}"]) for col, other, other_col in foreign_keys]
        table = sa.Table(self.name, meta, *cols, *constraints)
        self._ddl(sa.schema.CreateTable(table, if_not_exists=if_not_exists))
        self.db._pks.pop(self.name, None)

    def create_index(self, columns: list[str], unique: bool = False, if_not_exists: bool = False,
                     index_name: str | None = None) -> None:
        name = index_name or f"idx_{self.name}_{'_'.join(columns)}"
        cols = ", ".join(self.db.quote(c) for c in columns)
        self._ddl(f"CREATE {'UNIQUE ' if unique else ''}INDEX {'IF NOT EXISTS ' if if_not_exists else ''}"
                  f"{self.db.quote(name)} ON {self.db.quote(self.name)} ({cols})")

    def add_column(self, name: str, pytype) -> None:
        self._ddl(f"ALTER TABLE {self.db.quote(self.name)} ADD COLUMN {self.db.quote(name)}"
                  f" {self.db.type_sql(pytype)}")

    @property
    def columns_dict(self) -> dict:
        if self.db.dialect == "sqlite":
            return {r[1]: r[2] for r in self.db.execute(f"PRAGMA table_info({self.db.quote(self.name)})")}
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ?", [self.name])}

    def drop(self) -> None:
        self._ddl(f"DROP TABLE {self.db.quote(self.name)}")
        self.db._pks.pop(self.name, None)

    def _ddl(self, statement) -> None:
        sql = str(statement.compile(dialect=self.db.engine.dialect)) if not isinstance(statement, str) else statement
        self.db.execute(sql)
