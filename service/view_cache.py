"""Published views cached until the database changes.

The theme list, a theme's detail and the evidence view aggregate over every note, which takes tens of
milliseconds on a small database and close to a second on 100,000 notes. What they return depends only on
the database and the suppression policy, never on who asks (note text for one organisation is never
cached here), so one answer serves every analyst until something is written. "Something was written" is
the store's change stamp (`engine.store.changes`): it changes whenever any other connection, in this process
or another, commits. So a stale view is never served after a write commits.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Callable

from engine.store.changes import ChangeStamp


class ViewCache:
    def __init__(self, db_path: Path | str, max_entries: int = 512):
        self.db_path = str(db_path)
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._views: dict = {}
        self.hits = self.misses = 0
        self._changes = ChangeStamp(db_path)

    def stamp(self) -> int:
        """The store's change stamp: it moves whenever any connection commits a write."""
        return self._changes.stamp()

    def get(self, key: tuple, compute: Callable[[], object]):
        """The cached view for `key`, computing it when the database changed or it was never asked for."""
        stamp = self.stamp()
        with self._lock:
            if stamp != self._stamp:
                self._views.clear()
                self._stamp = stamp
            if key in self._views:
                self.hits += 1
                return self._views[key]
        value = compute()
        unchanged = self.stamp() == stamp       # nothing was written while it was computed
        with self._lock:
            self.misses += 1
            if unchanged:
                if len(self._views) >= self.max_entries:
                    self._views.pop(next(iter(self._views)))
                self._views[key] = value
        return value

    def json(self, key: tuple, compute: Callable[[], object]):
        """The view as a ready JSON response: encoded once per database version, not on every request."""
        return _response(self.get(("json",) + key, lambda: _encode(compute())))

    def json_with_ids(self, key: tuple, compute: Callable[[], tuple[object, list]]) -> tuple[bytes, tuple]:
        """A view that shows note text (quotes), cached as (JSON body, ids of the notes it quotes): the ids are
        for the audit log of reads and never in the body. `compute` returns (payload, note_ids)."""
        def encode():
            payload, note_ids = compute()
            return _encode(payload), tuple(note_ids)
        return self.get(("json+ids",) + key, encode)

    def _cached(self, key: tuple):
        """The value cached under `key` for the current database version (counted as a hit), else None;
        never computes. Cheap enough for the event loop."""
        stamp = self.stamp()
        with self._lock:
            value = self._views.get(key) if stamp == self._stamp else None
            if value is not None:
                self.hits += 1
        return value

    def ready_with_ids(self, key: tuple) -> tuple[bytes, tuple] | None:
        """What `json_with_ids(key, ...)` would give, if cached for the current database version; else None."""
        return self._cached(("json+ids",) + key)

    def ready_json(self, key: tuple):
        """The JSON response `json(key, ...)` would give, if it is cached for the current database version;
        else None. Cheap enough to call on the event loop, so a route answers a hit without a worker thread."""
        body = self._cached(("json",) + key)
        return None if body is None else _response(body)

    def clear(self) -> None:
        """Forget every cached view now (after an erasure: no quote of an erased note stays in memory)."""
        with self._lock:
            self._views.clear()
            self._stamp = None

    def close(self) -> None:
        self._changes.close()


def _encode(payload) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _response(body: bytes):
    from fastapi.responses import Response

    return Response(body, media_type="application/json")
