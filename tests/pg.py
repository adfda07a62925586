"""A real PostgreSQL server for the tests, started by the tests themselves (Debian's `postgresql` package).

`PgServer.start()` runs `initdb` and `pg_ctl start` into a temporary folder, listening only on a unix socket
in that folder (no TCP port, so parallel workers never collide), with durability off (fsync, synchronous
commit, full-page writes: a test server, thrown away). Run as root, the server runs as `nobody` (initdb refuses
root). `template()` migrates one database once; `new_database()` copies it (CREATE DATABASE ... TEMPLATE, a few
milliseconds) so every test gets its own fresh, fully migrated database. `stop()` stops the server and removes
the folder.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

USER = "insights"
TEMPLATE = "insights_template"


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _name(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[1]


class PgServer:
    def __init__(self):
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed: "
                               "apt-get install postgresql (make install does it).")
        self.root = Path(tempfile.mkdtemp(prefix="ci-pg-"))
        self.data = self.root / "data"
        self._names = itertools.count(1)
        self._template_ready = False

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "nobody", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> "PgServer":
        if os.geteuid() == 0:
            shutil.chown(self.root, "nobody")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync",
                  "--locale=C.UTF-8")
        options = (f"-k {self.root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
                   " -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        return self

    def url(self, database: str) -> str:
        return f"postgresql://{USER}@/{database}?host={self.root}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.root), user=USER, dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def template(self) -> None:
        """The migrated database every test database is copied from (made on first use)."""
        if self._template_ready:
            return
        from engine.store import Store
        from engine.store.db import dispose_engines

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        Store(self.url(TEMPLATE)).close()
        dispose_engines(self.url(TEMPLATE))          # a template may have no open connection while it is copied
        self._template_ready = True

    def new_database(self, migrated: bool = True) -> str:
        """A fresh database's URL: a copy of the migrated template, or empty (`migrated=False`)."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        if migrated:
            self.template()
            self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        else:
            self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop(self, url: str) -> None:
        from engine.store.db import dispose_engines

        dispose_engines(url)
        self.admin(f"DROP DATABASE IF EXISTS {_name(url)} WITH (FORCE)")

    def pg_dump(self, url: str) -> str:
        """The plain-SQL dump of a database (schema and every row), as text."""
        database = _name(url)
        command = [str(self.bin / "pg_dump"), "-h", str(self.root), "-U", USER, "--no-owner", database]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=300).stdout

    def stop(self) -> None:
        from engine.store.db import dispose_engines

        dispose_engines()
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
