"""One connection layer for SQLite and PostgreSQL, on SQLAlchemy Core 2.x: every mixin's SQL goes through it.

    Database(target)      target: a SQLite file path (or ":memory:") or a postgresql:// URL
      .conn               the transaction handle: `with db.conn:` is one transaction (nested blocks join it);
                          `.execute(sql, params)` / `.executemany(sql, rows)` run a statement (in the open
                          transaction on this thread, else on its own, committed at once)
      .execute / .query   the same, from the database object (query yields dicts)
      [name]              a table (engine/store/tables.py): insert / upsert / update / count / rows, and the DDL
                          the migrations use (create, create_index, add_column, columns_dict, drop): sqlite-utils'
                          names, so a migration reads the same as before, implemented once for both dialects

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

import os
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
    """The engine for a target, shared per URL and schema: pooled for PostgreSQL; NullPool for a SQLite file (a
    connection is opened when asked for and closed with it, so a shared engine keeps no file open)."""
    url = sqlalchemy_url(target)
    if url == "sqlite://":                                   # in memory: its own engine, its one connection
        engine = sa.create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool,
                                  hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    key = f"{url}#{search_path or ''}"
    if url.startswith("sqlite"):                              # NullPool: shared, it holds no connection
        with _ENGINES_LOCK:
            if key not in _ENGINES:
                _ENGINES[key] = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                                                 poolclass=NullPool, hide_parameters=True)
                event.listen(_ENGINES[key], "connect", _sqlite_pragmas)
            return _ENGINES[key]
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


def _forget_engines_in_child() -> None:
    """A forked child must not use its parent's pooled server connections: it starts its own pools."""
    global _ENGINES_LOCK
    _ENGINES_LOCK = threading.Lock()
    for engine in _ENGINES.values():
        engine.dispose(close=False)
    _ENGINES.clear()


os.register_at_fork(after_in_child=_forget_engines_in_child)


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
        if many and not params:
            return Result([], [], 0, None)
        tx = getattr(self._local, "tx_conn", None)
        writes = sql.lstrip()[:6].upper() not in _READS
        statement = to_psycopg(sql) if self.dialect == "postgresql" else sql
        conn = tx if tx is not None else self._thread_conn()
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
        from engine.store.tables import _PY_TYPES

        return _PY_TYPES[pytype]().compile(dialect=self.engine.dialect)

    def __getitem__(self, name: str):
        """A table (engine/store/tables.py): rows and the migrations' DDL, sqlite-utils' names."""
        from engine.store.tables import Table

        return Table(self, name)
