"""The store: the only package that knows which database the engine uses, and the only place that writes SQL.

`Store(path_or_url)`: one SQLite file in WAL mode, or a PostgreSQL database (postgresql://user@host/db), both
through one connection layer (engine/store/db.py, SQLAlchemy Core) and one set of migrations; a Store may be
shared between threads. Note text is only ever the anonymised text; raw text never reaches this package. Each topic's SQL lives in
its own module as a mixin; `Store` combines them, so callers keep one object.
"""
from __future__ import annotations

from engine.store.access import AccessStore
from engine.store.agreements import AgreementsStore
from engine.store.areas import AreasStore
from engine.store.base import NewNote, StoreBase
from engine.store.boundaries import BoundariesStore
from engine.store.corrections import CorrectionsStore
from engine.store.erasure import ErasureStore
from engine.store.exports import ExportsStore
from engine.store.eval_runs import EvalRunsStore
from engine.store.jobs import JobsStore
from engine.store.near_duplicates import NearDuplicatesStore
from engine.store.notes import NotesStore
from engine.store.picture import PictureStore
from engine.store.projects import ProjectsStore
from engine.store.quote_holds import QuoteHoldsStore
from engine.store.review_queue import ReviewQueueStore
from engine.store.responses import ResponsesStore
from engine.store.themes import ThemesStore

__all__ = ["NewNote", "Store"]


class Store(AccessStore, AgreementsStore, NotesStore, ThemesStore, CorrectionsStore, ReviewQueueStore, AreasStore,
            JobsStore, QuoteHoldsStore, ResponsesStore, NearDuplicatesStore, PictureStore, ErasureStore, ExportsStore,
            ProjectsStore, BoundariesStore, EvalRunsStore, StoreBase):
    """One object for all SQL; see the mixin modules beside this one."""
