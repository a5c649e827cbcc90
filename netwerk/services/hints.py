"""What `due` and `show` say beside a person about giving and asking: open offers to bring, and
gentle hints ("you asked the last 2 times", "Klaas Bakker helped you 3 times this year").

Never a score or a balance. A fixed number of queries for any number of people shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.i18n import ngettext
from netwerk.store.query import json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

# "you asked the last N times" appears from this many asks in a row
ASKED_IN_A_ROW = 2


def open_offers(store: Store, contact_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Offers not yet given, per contact, oldest first (one query)."""
    result: dict[int, list[dict[str, Any]]] = {cid: [] for cid in contact_ids}
    if not contact_ids:
        return result
    offers = store.rows(
        "SELECT id, contact_id, what, created_on FROM offer "
        "WHERE contact_id IN (SELECT value FROM json_each(:ids)) AND given_on IS NULL "
        "ORDER BY id",
        {"ids": json_ids(contact_ids)},
    )
    for offer in offers:
        result[offer.contact_id].append(
            {"id": offer.id, "what": offer.what, "created_on": date.fromisoformat(offer.created_on)}
        )
    return result


def _history(store: Store, contact_ids: list[int]) -> dict[int, list[Any]]:
    """Each contact's gives and asks, newest first: the raw material of the hints."""
    result: dict[int, list[Any]] = {cid: [] for cid in contact_ids}
    if not contact_ids:
        return result
    rows = store.rows(
        "SELECT tc.contact_id, e.kind, e.answered_on, t.happened_on FROM touch_contact tc "
        "JOIN exchange e ON e.touch_id = tc.touch_id JOIN touch t ON t.id = tc.touch_id "
        "WHERE tc.contact_id IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY t.happened_on DESC, e.id DESC",
        {"ids": json_ids(contact_ids)},
    )
    for row in rows:
        result[row.contact_id].append(row)
    return result


def hints(store: Store, people: Sequence[Any], *, today: date) -> dict[int, list[str]]:
    """Gentle sentences about giving and asking, per contact; never a count of a balance.
    `people` are anything with `id` and `name` (contacts, or the rows `due` ranked)."""
    history = _history(store, [p.id for p in people if p.id is not None])
    return {
        p.id: [s for s in (_asked_in_a_row(history[p.id]), _helped(p, history[p.id], today)) if s]
        for p in people
    }


def asked_in_a_row(store: Store, people: Sequence[Any]) -> list[str]:
    """Only the "you asked the last N times" sentences: what an ask itself says afterwards."""
    history = _history(store, [p.id for p in people])
    return [s for p in people if (s := _asked_in_a_row(history[p.id]))]


def _asked_in_a_row(rows: list[Any]) -> str | None:
    asks = 0
    for row in rows:
        if row.kind != "ask":
            break
        asks += 1
    if asks < ASKED_IN_A_ROW:
        return None
    return ngettext("you asked the last {n} times", "you asked the last {n} times", asks).format(
        n=asks
    )


def _helped(person: Any, rows: list[Any], today: date) -> str | None:
    year = str(today.year)
    helped = sum(1 for r in rows if r.kind == "ask" and r.answered_on and r.answered_on[:4] == year)
    if not helped:
        return None
    return ngettext(
        "{name} helped you once this year", "{name} helped you {n} times this year", helped
    ).format(name=person.name, n=helped)
