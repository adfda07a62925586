"""One connection layer for SQLite and PostgreSQL, on SQLAlchemy Core 2.x: every mixin's SQL goes through it.

    Database(target)      target: a SQLite file path (or ":memory:") or a postgresql:// URL
      .conn               the transaction handle: `with db.conn:` is one transaction (nested blocks join it);
                          `.execute(sql, params)` / `.executemany(sql, rows)` run a statement (in the open
                          transaction on this thread, else on its own, committed at once)
      .execute / .query   the same, from the database object (query yields dicts)
      [name]              a table: insert / upsert / update / count / rows, and the DDL the migrations use
                          (create, create_index, add_column, columns_dict, drop): sqlite-utils' names, so a
                          migration reads the same as before, implemented once here for both dialects

SQL is written once, portable: `?` or `:name` placeholders (turned into psycopg's `%s` / `%(name)s` for
PostgreSQL, outside string literals), `ON CONFLICT ... DO NOTHING / DO UPDATE` rather than `INSERT OR ...`,
`RETURNING id` rather than the last row id, double-quoted identifiers. What only one dialect has (PRAGMAs, the
backup API, VACUUM, data_version) is asked for through `db.dialect` in the one module that needs it.

Connections: SQLite opens one connection per thread per Database (WAL, foreign keys, secure_delete and a busy
timeout set on connect), closed by `close()`; nothing is pooled, so a closed Store leaves no file open.
PostgreSQL shares one engine per URL with a connection pool (QueuePool: `pool_size` 5, overflow 10,
pre-ping), a connection taken per statement or per transaction and given back at once, so the web service's
per-request stores and its threads share a few server connections. Errors never carry parameters (note text)
or the password: `hide_parameters`, and `safe_target` for messages.

PostgreSQL has no `data_version`: every transaction here that writes adds one to `_changes.n` before it commits
(same transaction, so a reader never sees the new number before the new rows); engine/store/changes.py reads it.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc as sa_exc
from sqlalchemy.pool import NullPool, StaticPool

from engine.core.errors import StoreError

IntegrityError = sa_exc.IntegrityError
DatabaseError = sa_exc.SQLAlchemyError

_ENGINES: dict[str, sa.Engine] = {}
_ENGINES_LOCK = threading.Lock()
_PY_TYPES = {int: sa.Integer, str: sa.Text, float: sa.Float, bytes: sa.LargeBinary}
_READS = ("SELECT", "WITH", "PRAGMA", "SHOW", "EXPLAI", "VALUES")


def is_url(target) -> bool:
    """A server database's URL (postgresql://...), as opposed to a SQLite file path."""
    return isinstance(target, str) and "://" in target


def sqlalchemy_url(target) -> str:
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith("postgresql+psycopg://"):
        return text
    if "://" in text:
        raise StoreError(f"The database URL {safe_target(text)} is not one this engine opens.",
                         fix="Give a SQLite file path or a postgresql://user@host/dbname URL.")
    return "sqlite://" if text == ":memory:" else f"sqlite:///{text}"


def safe_target(target) -> str:
    """The database named for a message: a URL with its password masked."""
    text = str(target)
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", text) if "://" in text else text


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "secure_delete=ON", "busy_timeout=30000"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def engine_for(target, search_path: str | None = None) -> sa.Engine:
    """The engine for a target. PostgreSQL engines (pooled) are shared per URL and schema; SQLite engines are
    made per Database (NullPool: a connection is opened when asked for and closed with it)."""
    url = sqlalchemy_url(target)
    if url.startswith("sqlite"):
        memory = url == "sqlite://"
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                                  poolclass=StaticPool if memory else NullPool, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    key = f"{url}#{search_path or ''}"
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            args = {"connect_timeout": 10}
            if search_path:
                args["options"] = f"-c search_path={search_path}"
            _ENGINES[key] = sa.create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True,
                                             pool_timeout=30, hide_parameters=True, connect_args=args)
        return _ENGINES[key]


def dispose_engines(target=None) -> None:
    """Close the pooled server connections (of one database when `target` is given; tests, a process about to
    fork)."""
    prefix = f"{sqlalchemy_url(target)}#" if target is not None else ""
    with _ENGINES_LOCK:
        for key in [k for k in _ENGINES if k.startswith(prefix)]:
            _ENGINES.pop(key).dispose()


@lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """`?` -> `%s`, `:name` -> `%(name)s`, `%` -> `%%`, leaving string literals and quoted names as they are."""
    out, i, n = [], 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            j = sql.index(ch, i + 1) if ch in sql[i + 1:] else n - 1
            while j + 1 < n and sql[j + 1] == ch:          # a doubled quote inside the literal
                j = sql.index(ch, j + 2)
            out.append(sql[i:j + 1].replace("%", "%%"))
            i = j + 1
            continue
        if ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        elif ch == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_") and sql[i - 1:i] != ":":
            m = re.match(r"[A-Za-z_]\w*", sql[i + 1:])
            out.append(f"%({m.group(0)})s")
            i += 1 + len(m.group(0))
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class Result:
    """A finished statement's rows (fetched at once, so the connection goes back straight away)."""

    def __init__(self, rows: list, keys: list, rowcount: int, lastrowid):
        self._rows, self.keys, self.rowcount, self._lastrowid = rows, keys, rowcount, lastrowid

    @property
    def lastrowid(self):
        """The id an INSERT made: the first value it RETURNed (portable), else SQLite's own last row id."""
        return self._rows[0][0] if self._rows else self._lastrowid

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list:
        return list(self._rows)

    def dicts(self) -> list[dict]:
        return [dict(zip(self.keys, r)) for r in self._rows]

    def __iter__(self):
        return iter(self._rows)


class Connection:
    """`db.conn`: transactions (`with`), statements, and the sqlite3-like calls the mixins make."""

    def __init__(self, db: "Database"):
        self._db = db

    def __enter__(self):
        self._db._begin()
        return self

    def __exit__(self, kind, value, tb):
        self._db._end(ok=kind is None)
        return False

    def execute(self, sql: str, params=()) -> Result:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows) -> Result:
        return self._db.execute(sql, list(rows), many=True)

    def commit(self) -> None:
        """Nothing to do: a statement outside `with` is committed when it runs (kept for callers' clarity)."""

    def close(self) -> None:
        self._db.close()


class Database:
    def __init__(self, target, *, search_path: str | None = None, count_changes: bool = True):
        self.target = target
        self.engine = engine_for(target, search_path)
        self.dialect = self.engine.dialect.name               # "sqlite" or "postgresql"
        self.count_changes = count_changes and self.dialect == "postgresql"
        self._local = threading.local()
        self._opened: list = []                              # SQLite: one connection per thread, closed by close()
        self._lock = threading.Lock()
        self._pks: dict[str, list[str]] = {}
        self.conn = Connection(self)

    # ---- connections and transactions ---------------------------------------------------------
    def _connect(self) -> sa.Connection:
        try:
            return self.engine.connect()
        except sa_exc.OperationalError as exc:
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if getattr(exc, "orig", None) else ""
            reason = reason.replace(str(self.engine.url.password or "\0"), "***")
            raise StoreError(f"Cannot open the database at {safe_target(self.target)}: {reason}.",
                             fix="Check the path and permissions, or that the PostgreSQL server is running and "
                                 "the URL (user, host, port, database name) is right.") from None

    def _thread_conn(self) -> sa.Connection:
        """SQLite: this thread's connection (kept until close()). PostgreSQL: a fresh one from the pool."""
        if self.dialect != "sqlite":
            return self._connect()
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = self._local.conn = self._connect()
            with self._lock:
                self._opened.append(conn)
        return conn

    def _begin(self) -> None:
        depth = getattr(self._local, "depth", 0)
        if depth == 0:
            self._local.tx_conn = self._thread_conn()
            self._local.wrote = False
        self._local.depth = depth + 1

    def _end(self, ok: bool) -> None:
        self._local.depth -= 1
        if self._local.depth:
            return
        conn, self._local.tx_conn = self._local.tx_conn, None
        try:
            if ok:
                if self._local.wrote and self.count_changes:
                    conn.exec_driver_sql("UPDATE _changes SET n = n + 1")
                conn.commit()
            else:
                conn.rollback()
        finally:
            if self.dialect != "sqlite":
                conn.close()

    def execute(self, sql: str, params=(), many: bool = False) -> Result:
        """Run one statement: in this thread's open transaction, or on its own and committed."""
        tx = getattr(self._local, "tx_conn", None)
        writes = sql.lstrip()[:6].upper() not in _READS
        conn = tx if tx is not None else self._thread_conn()
        statement = to_psycopg(sql) if self.dialect == "postgresql" else sql
        if many and not params:
            return Result([], [], 0, None)
        try:
            if many:
                params = [p if isinstance(p, dict) else tuple(p) for p in params]
            elif not isinstance(params, dict):
                params = tuple(params or ())
            result = conn.exec_driver_sql(statement, params)
            rows, keys = (result.fetchall(), list(result.keys())) if result.returns_rows else ([], [])
            out = Result(rows, keys, result.rowcount, getattr(result, "lastrowid", None)
                         if self.dialect == "sqlite" else None)
            if tx is None:
                if writes and self.count_changes:
                    conn.exec_driver_sql("UPDATE _changes SET n = n + 1")
                conn.commit()
            elif writes:
                self._local.wrote = True
            return out
        except BaseException:
            if tx is None:
                conn.rollback()
            raise
        finally:
            if tx is None and self.dialect != "sqlite":
                conn.close()

    def query(self, sql: str, params=()):
        return iter(self.execute(sql, params).dicts())

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            try:
                conn.close()
            except DatabaseError:
                pass
        self._local = threading.local()
        if self.dialect == "sqlite":
            self.engine.dispose()

    # ---- the schema ------------------------------------------------------------------------------
    def inspector(self):
        return sa.inspect(self.engine)

    def table_names(self) -> list[str]:
        if self.dialect == "sqlite":
            return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [r[0] for r in self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]

    def pk(self, table: str) -> list[str]:
        if table not in self._pks:
            conn = self._local.tx_conn if getattr(self._local, "tx_conn", None) is not None else None
            insp = sa.inspect(conn) if conn is not None else self.inspector()
            self._pks[table] = insp.get_pk_constraint(table)["constrained_columns"] or ["rowid"]
        return self._pks[table]

    def quote(self, name: str) -> str:
        return self.engine.dialect.identifier_preparer.quote(name)

    def type_sql(self, pytype) -> str:
        return _PY_TYPES[pytype]().compile(dialect=self.engine.dialect)

    def __getitem__(self, name: str) -> "Table":
        return Table(self, name)


class Inserted:
    def __init__(self, last_pk):
        self.last_pk = last_pk


class Table:
    """One table, sqlite-utils style: what the mixins and the migrations call, written once for both dialects."""

    def __init__(self, db: Database, name: str):
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
