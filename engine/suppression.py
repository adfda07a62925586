"""Statistical disclosure control: the one function every published count passes through.

Method (stated in every export): counts of notes below the threshold (default 10, higher for sensitive
themes, never below 5) are withheld and shown as "fewer than N"; counts at or above it are rounded to the
nearest 5. Shares are published only where their count is.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.settings import Settings


@dataclass(frozen=True)
class Policy:
    threshold: int
    sensitive_threshold: int
    rounding_base: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "Policy":
        return cls(settings.suppression_threshold, settings.sensitive_suppression_threshold, settings.rounding_base)

    def threshold_for(self, sensitive: bool) -> int:
        return self.sensitive_threshold if sensitive else self.threshold

    def method(self) -> str:
        return (
            f"Counts of notes below {self.threshold} ({self.sensitive_threshold} for sensitive themes) are not "
            f"shown; other counts are rounded to the nearest {self.rounding_base}. Shares and rates are shown "
            "only where their count is."
        )


def publish_count(n: int | None, policy: Policy, sensitive: bool = False) -> int | None:
    """The published form of a count: None when suppressed, else rounded (never rounded down to zero)."""
    if n is None or n < policy.threshold_for(sensitive):
        return None
    base = policy.rounding_base
    rounded = int((n + base / 2) // base * base)
    return max(rounded, base)


def suppressed_label(policy: Policy, sensitive: bool = False) -> str:
    return f"fewer than {policy.threshold_for(sensitive)}"


def publish_share(count: int, total: int, policy: Policy, sensitive: bool = False) -> float | None:
    if publish_count(count, policy, sensitive) is None or not total:
        return None
    return round(count / total, 3)
