"""The three-way merge of a contact: pure functions, no database, no I/O.

`merge(base, local, remote)` compares this machine's version and the server's with `base`,
the version both had at the last sync (None on a first sync, when a card and a contact were
matched: then neither side's values count as deletions).

- Lists (e-mails, phones, circles, aliases, URLs, profiles, open offers): both sides'
  additions are kept,
  and a value either side deleted (present in the base, missing on that side) goes. Values are
  compared as matching does: e-mails ignoring case, phones by their digits, the others
  folded (case and accents).
- A single value changed on one side only takes that side's value.
- A single value both sides changed to different values: **this machine's value wins**, and
  the server's is never lost: it is reported as a conflict and written into the note ("Sync
  conflict: the server had company 'X'."), so it travels to the phone and stays visible.
  A conflicting name keeps the server's name as an alias; two different notes are both kept.
- The last touch merges as the later date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netwerk.i18n import _

# The fields of a contact's state (see netwerk.formats.dav_card), by how they merge.
LISTS = (
    "aliases", "emails", "phones", "urls", "socials", "circles", "circle_cadences", "offers",
)  # fmt: skip
SCALARS = (
    "name", "company", "role", "city", "note", "birthday", "cadence", "expertise", "met_on",
    "met_at", "via", "snoozed_until", "archived",
)  # fmt: skip
# merged as the later date, never a conflict
LATEST = ("last_touch",)


@dataclass
class Conflict:
    field: str
    kept: Any
    lost: Any

    def json(self) -> dict[str, Any]:
        return {"field": self.field, "kept": self.kept, "lost": self.lost}


def _key(kind: str, value: str) -> str:
    from netwerk.rules.text import fold

    if kind == "emails":
        return value.strip().casefold()
    if kind == "phones":
        from netwerk.errors import BadInput
        from netwerk.rules.text import phone_key

        try:
            return phone_key(value)  # one number however written (E.164)
        except BadInput:
            return value.strip()
    return fold(value)


def merge_list(kind: str, base: list[str] | None, local: list[str], remote: list[str]) -> list[str]:
    base_keys = {_key(kind, v) for v in base or []}
    local_keys = {_key(kind, v) for v in local}
    remote_keys = {_key(kind, v) for v in remote}
    merged, seen = [], set()
    for value in [*local, *remote]:
        key = _key(kind, value)
        if key in seen:
            continue
        both = key in local_keys and key in remote_keys
        if both or key not in base_keys:
            merged.append(value)
            seen.add(key)
    return merged


def merge(
    base: dict[str, Any] | None, local: dict[str, Any], remote: dict[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """The merged state and the single values that conflicted (the losing values)."""
    merged: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for kind in LISTS:
        merged[kind] = merge_list(
            kind, base.get(kind, []) if base else None, local.get(kind, []), remote.get(kind, [])
        )
    for field in SCALARS:
        mine, theirs = local[field], remote[field]
        before = base.get(field) if base else None
        if mine == theirs or theirs == before:
            merged[field] = mine
        elif mine == before or (base is None and mine in (None, "")):
            merged[field] = theirs
        elif base is None and theirs in (None, ""):
            merged[field] = mine
        else:
            merged[field] = mine
            conflicts.append(Conflict(field, mine, theirs))
    for field in LATEST:
        dates = [d for d in (local[field], remote[field]) if d]
        merged[field] = max(dates) if dates else None
    for conflict in conflicts:
        _keep_visible(merged, conflict)
    return merged, conflicts


def _keep_visible(merged: dict[str, Any], conflict: Conflict) -> None:
    """Put the losing value where the user (and the phone) sees it."""
    if conflict.field == "note":
        merged["note"] = f"{conflict.kept}\n\n{conflict.lost}" if conflict.lost else conflict.kept
        return
    if conflict.field == "name" and conflict.lost:
        merged["aliases"] = merge_list("aliases", None, merged["aliases"], [conflict.lost])
        return
    line = _("Sync conflict: the server had {field} '{value}'.").format(
        field=conflict.field, value=conflict.lost if conflict.lost is not None else ""
    )
    note = merged.get("note")
    if not note or line not in note:
        merged["note"] = f"{note}\n\n{line}" if note else line
