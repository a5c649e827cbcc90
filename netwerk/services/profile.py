"""Reading contacts: `show` (a profile with the full timeline, and what it carries beyond their
fields: the gives, asks and event of each touch, open offers, give/ask hints, who they know and
the introductions they were in) and `list`.

The effective cadence and the due date are the stored columns `due_cadence` and `due_on`, which
the database keeps (migration m004): nothing here recomputes them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.rules.text import fold
from netwerk.services import exchanges
from netwerk.services.common import birthday_json
from netwerk.services.hints import hints, open_offers
from netwerk.services.intros import list_intros
from netwerk.services.names import resolve
from netwerk.services.network import known_by
from netwerk.store.query import circle_filter, circles_of, json_ids
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def contact_json(store: Store, contact_id: int, *, today: date) -> dict[str, Any]:
    """The full profile of one contact, in the documented JSON shape."""
    # one query for the row and what it refers to, so `show` costs the same for everyone
    c = store.one(
        "SELECT c.*, v.name AS via_name, e.name AS event_name FROM contact c "
        "LEFT JOIN contact v ON v.id = c.via_id LEFT JOIN event e ON e.id = c.met_event_id "
        "WHERE c.id = ?",
        (contact_id,),
    )
    details = store.rows(
        "SELECT kind, value FROM detail WHERE contact_id = ? ORDER BY id", (contact_id,)
    )
    aliases = store.rows("SELECT name FROM alias WHERE contact_id = ? ORDER BY id", (contact_id,))
    return {
        "id": c.id,
        "name": c.name,
        "aliases": [a.name for a in aliases],
        "emails": [d.value for d in details if d.kind == "email"],
        "phones": [d.value for d in details if d.kind == "phone"],
        "urls": [d.value for d in details if d.kind == "url"],
        "socials": [d.value for d in details if d.kind == "social"],
        "company": c.company,
        "role": c.role,
        "city": c.city,
        "expertise": c.expertise,
        "note": c.note,
        "circles": circles_of(store, [c.id])[c.id],
        "birthday": birthday_json(c),
        "met_on": day(c.met_on),
        "met_at": c.event_name,
        "met_event": {"id": c.met_event_id, "name": c.event_name} if c.met_event_id else None,
        "via": {"id": c.via_id, "name": c.via_name} if c.via_id else None,
        "cadence_days": c.due_cadence,
        "cadence_own": c.cadence_days is not None,
        "last_touch": day(c.last_touch_on),
        "due_on": day(c.due_on),
        "snoozed_until": day(c.snoozed_until),
        "archived": bool(c.archived),
        "created_on": day(c.created_on),
    }


def list_contacts(
    store: Store,
    *,
    today: date,
    circle: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    archived: bool = True,
) -> list[dict[str, Any]]:
    """Everyone, sorted by name as Dutch address lists sort (the main part of the family name
    first: 'Jan van der Berg' under B); `search` looks in name, aliases, company, role, city,
    expertise and notes (case- and accent-insensitive)."""
    params: dict[str, Any] = {"limit": limit or -1}
    where = circle_filter(store, circle, params)
    if search is not None:
        key = fold(search)
        if not key:
            raise BadInput(_("The search text is empty."))
        params["pattern"] = (
            "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        where += (
            " AND (netwerk_fold(c.name, c.company, c.role, c.city, c.expertise, c.note) "
            "LIKE :pattern ESCAPE '\\' OR c.id IN "
            "(SELECT contact_id FROM alias WHERE name_key LIKE :pattern ESCAPE '\\'))"
        )
    if not archived:
        where += " AND c.archived = 0"
    # the sort key m014 keeps (an index: a page is read in order, not everyone sorted); while
    # another program's change has left a row stale, the key is computed for every row instead
    key = "k.sort_name"
    if store.value("SELECT 1 FROM _contact_keys WHERE stale = 1 LIMIT 1"):
        key = "(CASE WHEN k.stale THEN netwerk_sort_name(c.name) ELSE k.sort_name END)"
    rows = store.rows(
        "SELECT c.id, c.name, c.company, c.role, c.city, c.last_touch_on, c.due_cadence, "
        "c.due_on, c.snoozed_until, c.archived FROM _contact_keys k "
        f"CROSS JOIN contact c ON c.id = k.contact_id WHERE 1 {where} "
        f"ORDER BY {key}, c.name_key, c.id LIMIT :limit",
        params,
    )
    circles = circles_of(store, [c.id for c in rows])
    return [
        {
            "id": c.id,
            "name": c.name,
            "company": c.company,
            "role": c.role,
            "city": c.city,
            "circles": circles[c.id],
            "last_touch": day(c.last_touch_on),
            "cadence_days": c.due_cadence,
            "due_on": day(c.due_on),
            "snoozed_until": day(c.snoozed_until),
            "archived": bool(c.archived),
        }
        for c in rows
    ]


def enrich(store: Store, contact: Any, profile: dict[str, Any], *, today: date) -> None:
    """Add `offers`, `hints`, `knows` and `intros` to `profile`, and to each of its touches
    `gave`, `asked` and `event` (a fixed number of queries, whatever the timeline's length)."""
    touch_ids = [t["id"] for t in profile.get("touches", [])]
    per_touch = exchanges.exchanges_of_touches(store, touch_ids)
    events = dict(
        store.rows(
            "SELECT t.id, e.name FROM touch t JOIN event e ON e.id = t.event_id "
            "WHERE t.id IN (SELECT value FROM json_each(:ids))",
            {"ids": json_ids(touch_ids)},
        )
    )
    for touch in profile.get("touches", []):
        touch.update(per_touch[touch["id"]])
        touch["event"] = events.get(touch["id"])
    profile["offers"] = open_offers(store, [contact.id])[contact.id]
    profile["hints"] = hints(store, [contact], today=today)[contact.id]
    profile["knows"] = known_by(store, contact.id)
    profile["intros"] = list_intros(store, contact_id=contact.id)


def show_contact(
    store: Store, name: str, *, today: date, limit: int | None = None
) -> dict[str, Any]:
    """A contact's profile and timeline of touches, newest first: the latest `limit` (None:
    all), with `touches_total` saying how many there are. The limit is applied in SQL, so a
    timeline of thousands of touches (15 years with a partner) costs what a page of it costs."""
    contact = resolve(store, name)
    profile = contact_json(store, contact.id, today=today)
    touches = store.rows(
        "SELECT t.id, t.happened_on, t.kind, t.note FROM touch_contact tc "
        "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = :id "
        "ORDER BY t.happened_on DESC, t.id DESC LIMIT :limit",
        {"id": contact.id, "limit": limit if limit else -1},
    )
    total = store.value("SELECT count(*) FROM touch_contact WHERE contact_id = ?", (contact.id,))
    others: dict[int, list[dict[str, Any]]] = {t.id: [] for t in touches}
    rows = store.rows(
        "SELECT tc.touch_id, c.id, c.name FROM touch_contact tc "
        "JOIN contact c ON c.id = tc.contact_id "
        "WHERE tc.touch_id IN (SELECT value FROM json_each(:ids)) AND tc.contact_id != :id "
        "ORDER BY c.name_key",
        {"id": contact.id, "ids": json_ids(list(others))},
    )
    for touch_id, other_id, other_name in rows:
        others[touch_id].append({"id": other_id, "name": other_name})
    profile["touches"] = [
        {
            "id": t.id,
            "date": day(t.happened_on),
            "kind": t.kind,
            "note": t.note,
            "with": others[t.id],
        }
        for t in touches
    ]
    profile["touches_total"] = total
    enrich(store, contact, profile, today=today)
    return profile
