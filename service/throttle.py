"""Per-caller limits kept in memory (per process): requests per minute (`RateLimiter`) and failed sign-ins
(`LoginThrottle`)."""
from __future__ import annotations

import threading
import time
from collections import deque

from engine.core.errors import RateLimitedError


class RateLimiter:
    """Requests per minute per caller, over a sliding 60-second window, in memory."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._hits: dict[str, deque] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                wait = max(1, int(hits[0] + 60 - now + 0.999))
                raise RateLimitedError(f"Too many requests: the limit is {self.per_minute} a minute.",
                                       retry_after=wait)
            hits.append(now)


class LoginThrottle:
    """Failed sign-ins per account and per client address, in memory (per process, like RateLimiter).

    `max_failures` failures of one key within `minutes` lock that key for `minutes` from the last of them. An
    account key is the sha256 of the email as typed (trimmed, lower-cased), whether or not it has an account, so
    the lockout says nothing about which emails exist. A success clears the account's count, not the address's."""

    def __init__(self, account_max: int, address_max: int, minutes: int):
        self.limits = {"account": account_max, "address": address_max}
        self.window = minutes * 60
        self._failures: dict[tuple[str, str], deque] = {}
        self._locked_until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def locked_for(self, account: str, address: str) -> int:
        """Seconds until both keys may try again (0: not locked)."""
        now = time.monotonic()
        with self._lock:
            until = max(self._locked_until.get(("account", account), 0.0),
                        self._locked_until.get(("address", address), 0.0))
        return max(0, int(until - now + 0.999))

    def failed(self, account: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 50_000:       # many distinct emails: forget the stale ones
                self._prune(now)
            for key in (("account", account), ("address", address)):
                hits = self._failures.setdefault(key, deque())
                while hits and hits[0] <= now - self.window:
                    hits.popleft()
                hits.append(now)
                if len(hits) >= self.limits[key[0]]:
                    self._locked_until[key] = now + self.window
                    hits.clear()

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(("account", account), None)

    def _prune(self, now: float) -> None:
        for key in [k for k, hits in self._failures.items() if not hits or hits[-1] <= now - self.window]:
            del self._failures[key]
        for key in [k for k, until in self._locked_until.items() if until <= now]:
            del self._locked_until[key]
