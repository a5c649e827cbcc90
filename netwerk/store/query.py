"""SQL pieces many services share: circles per contact, ids as one JSON parameter, a circle by
name, the circle filter. Standard library only, like the Store they run on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.errors import NotFound

if TYPE_CHECKING:
    from netwerk.store.store import Store


def json_ids(ids: list[int]) -> str:
    """Ids as a JSON array, bound as one parameter (no limit on how many, no SQL building)."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def circles_of(store: Store, contact_ids: list[int]) -> dict[int, list[str]]:
    """Circle names per contact, for many contacts in one query."""
    result: dict[int, list[str]] = {cid: [] for cid in contact_ids}
    if not contact_ids:
        return result
    found = store.rows(
        "SELECT cc.contact_id, ci.name FROM contact_circle cc "
        "JOIN circle ci ON ci.id = cc.circle_id "
        "WHERE cc.contact_id IN (SELECT value FROM json_each(:ids)) ORDER BY ci.name_key",
        {"ids": json_ids(contact_ids)},
    )
    for contact_id, name in found:
        result[contact_id].append(name)
    return result


def circle_id(store: Store, name: str, *, create: bool = False) -> int:
    """The id of the circle called `name` (ignoring case and accents). A new name is created
    when `create`, else NotFound naming the circles there are. The one circle lookup."""
    from netwerk.rules.text import clean_name, fold

    key = fold(name)
    found = store.value("SELECT id FROM circle WHERE name_key = :key", {"key": key})
    if found is not None:
        return int(found)
    if create:
        clean = clean_name(name, "circle name")
        return store.insert(
            "INSERT INTO circle (name, name_key) VALUES (:name, :key)",
            {"name": clean, "key": fold(clean)},
        )
    names = [r.name for r in store.rows("SELECT name FROM circle ORDER BY name_key")]
    from netwerk.i18n import _

    if names:
        message = _("No circle '{name}'. Circles: {circles}.")
    else:
        message = _("No circle '{name}'. There are no circles yet.")
    raise NotFound(message.format(name=name, circles=", ".join(names)))


def circle_filter(store: Store, circle: str | None, params: dict[str, Any]) -> str:
    """SQL `AND …` keeping contacts (aliased `c`) in `circle`, binding `:circle` in `params`;
    "" without a circle. NotFound for an unknown circle."""
    if not circle:
        return ""
    params["circle"] = circle_id(store, circle)
    return "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
