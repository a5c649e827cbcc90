"""What rows are, in the user's words: summaries of `merge` and of a JSON restore say "3
touches, 1 circle, 1 e-mail", never `touch_contact.contact_id`.

Pure: the keys used in `--json` (`touches`, `emails` …) and the mapping from a table (and, for
details and gives/asks, their kind) to such a key. Rows that are only the join of two records
(a touch's participants) are not counted on their own.
"""

from __future__ import annotations

# the order summaries list them in
WORDS = (
    "contacts", "aliases", "emails", "phones", "websites", "profiles", "circles",
    "memberships", "touches", "events", "gives", "asks", "offers", "introductions",
    "introduced", "links", "goals", "other",
)  # fmt: skip

_TABLES = {
    "contact": "contacts",
    "alias": "aliases",
    "circle": "circles",
    "contact_circle": "memberships",
    "touch": "touches",
    "event": "events",
    "offer": "offers",
    "intro": "introductions",
    "knows": "links",
    "goal": "goals",
}
_KINDS = {
    ("detail", "email"): "emails",
    ("detail", "phone"): "phones",
    ("detail", "url"): "websites",
    ("detail", "social"): "profiles",
    ("exchange", "give"): "gives",
    ("exchange", "ask"): "asks",
}
# not counted: participants of a touch (part of the touch), the uid an import keeps
_SILENT = {("touch_contact", None), ("detail", "uid")}


def word_for(table: str, kind: str | None = None) -> str | None:
    """The summary key of a row of `table` (of `kind`), None for rows not counted."""
    if (table, kind) in _SILENT or (table, None) in _SILENT:
        return None
    return _KINDS.get((table, kind)) or _TABLES.get(table) or "other"


def ordered(counts: dict[str, int]) -> dict[str, int]:
    """`counts` without zeros, in the order of WORDS."""
    return {w: counts[w] for w in WORDS if counts.get(w)}
