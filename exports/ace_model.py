"""The Partner Central Selling API model, read from the installed botocore wheel.

DOMAIN.md ("Canonical field names and allowed values"): enum lists are never copied by hand;
every allowed value comes from ``botocore/data/partnercentral-selling/.../service-2.json``.
Some fields (use case, US state, marketing use cases) carry their allowed values only in the
model's documentation ("Valid values: <code>A | B</code>"); those are parsed from the same file.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SERVICE = "partnercentral-selling"
CREATE_OPPORTUNITY = "CreateOpportunity"

_VALID_VALUES = re.compile(r"Valid values:\s*<code>(.*?)</code>", re.I | re.S)


@dataclass(frozen=True)
class AceModel:
    """Shapes of the service plus helpers to read enums and documented value lists."""

    shapes: dict[str, Any]
    operations: dict[str, Any]
    api_version: str

    def input_shape(self, operation: str = CREATE_OPPORTUNITY) -> str:
        return self.operations[operation]["input"]["shape"]

    def shape(self, name: str) -> dict[str, Any]:
        return self.shapes[name]

    def member(self, path: str, operation: str = CREATE_OPPORTUNITY) -> dict[str, Any]:
        """The member reference at a dotted path ('Project.SalesActivities')."""
        shape = self.shapes[self.input_shape(operation)]
        ref: dict[str, Any] = {}
        for part in path.split("."):
            while shape["type"] == "list":
                shape = self.shapes[shape["member"]["shape"]]
            ref = shape["members"][part]
            shape = self.shapes[ref["shape"]]
        return ref

    def allowed_values(self, path: str, operation: str = CREATE_OPPORTUNITY) -> list[str]:
        """Enum of the member at ``path`` (list members: of their items), else its documented list."""
        ref = self.member(path, operation)
        shape = self.shapes[ref["shape"]]
        if shape["type"] == "list":
            item = self.shapes[shape["member"]["shape"]]
            return list(item.get("enum") or documented_values(ref.get("documentation")))
        return list(shape.get("enum") or documented_values(ref.get("documentation")))


def documented_values(doc: str | None) -> list[str]:
    """'Valid values: <code>A | B &amp; C</code>' -> ['A', 'B & C']."""
    if not doc:
        return []
    found = _VALID_VALUES.search(doc)
    if not found:
        return []
    text = html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    return [v.strip() for v in text.split(" | ") if v.strip()]


@lru_cache(maxsize=1)
def load_model() -> AceModel:
    """Load once per process; raises if the installed botocore predates the Selling API."""
    from botocore.loaders import Loader

    raw = Loader().load_service_model(SERVICE, "service-2")
    return AceModel(shapes=dict(raw["shapes"]), operations=dict(raw["operations"]),
                    api_version=raw["metadata"]["apiVersion"])


def stages() -> list[str]:
    return load_model().allowed_values("LifeCycle.Stage")


def submittable_stages() -> list[str]:
    """DOMAIN.md: Qualified is the first and Committed the last stage at which ACE accepts a PO."""
    order = stages()
    return order[order.index("Qualified"): order.index("Committed") + 1]
