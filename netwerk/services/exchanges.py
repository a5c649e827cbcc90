"""Gives and asks: what a touch gave or asked for, and the offers a give delivers.

Give before you ask, but never turn friends into bookkeeping: nothing here returns a score or a
balance. The hints built from these ("you asked the last 2 times", "Klaas Bakker helped you 3
times this year") are in `netwerk.services.hints`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.services.common import clean_text
from netwerk.store.query import json_ids
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def clean_what(what: str, kind: str) -> str:
    value = clean_text(what, f"text of the {kind}")
    if value is None:
        raise BadInput(_("Say what the {field} was.").format(field=field_label(kind)))
    return value


def record(store: Store, touch_id: int, kind: str, whats: list[str]) -> list[dict[str, Any]]:
    """Attach gives or asks (kind 'give'/'ask') to a touch: `[{"id", "what"}]`."""
    rows = []
    for what in whats:
        clean = clean_what(what, kind)
        new = store.insert(
            "INSERT INTO exchange (touch_id, kind, what) VALUES (?, ?, ?)", (touch_id, kind, clean)
        )
        rows.append({"id": new, "what": clean})
    return rows


def mark_offers_given(
    store: Store, offer_ids: list[int], people: list[Any], give_id: int, on: date
) -> list[dict[str, Any]]:
    """Mark offers as given by the give `give_id`; each must be open and for one of `people`."""
    ids = {p.id for p in people}
    marked = []
    for offer_id in offer_ids:
        offer = store.one(
            "SELECT id, contact_id, what, given_on FROM offer WHERE id = ?", (offer_id,)
        )
        if offer is None or offer.contact_id not in ids:
            names = " or ".join(p.name for p in people)
            raise NotFound(
                _("No offer #{offer_id} for {names}. 'netwerk show' lists their offers.").format(
                    offer_id=offer_id, names=names
                )
            )
        if offer.given_on is not None:
            raise BadInput(
                _("Offer #{offer_id} was already given on {given_on}.").format(
                    offer_id=offer_id, given_on=show_date(day(offer.given_on))
                )
            )
        store.execute(
            "UPDATE offer SET given_on = ?, exchange_id = ? WHERE id = ?",
            (on.isoformat(), give_id, offer_id),
        )
        marked.append({"id": offer.id, "what": offer.what})
    return marked


def never_given(store: Store, people: list[Any]) -> list[str]:
    """'you have never given to X' for each of `people` no give has gone to (shown on asking)."""
    given = {
        r.contact_id
        for r in store.rows(
            "SELECT DISTINCT tc.contact_id FROM touch_contact tc "
            "CROSS JOIN exchange e ON e.touch_id = tc.touch_id AND e.kind = 'give' "
            "WHERE tc.contact_id IN (SELECT value FROM json_each(:ids))",
            {"ids": json_ids([p.id for p in people])},
        )
    }
    return [
        _("you have never given to {name}").format(name=p.name) for p in people if p.id not in given
    ]


def exchanges_of_touches(store: Store, touch_ids: list[int]) -> dict[int, dict[str, list]]:
    """The gives and asks of each touch, for timelines."""
    result: dict[int, dict[str, list]] = {tid: {"gave": [], "asked": []} for tid in touch_ids}
    if not touch_ids:
        return result
    rows = store.rows(
        "SELECT id, touch_id, kind, what, answered_on, answer FROM exchange "
        "WHERE touch_id IN (SELECT value FROM json_each(:ids)) ORDER BY id",
        {"ids": json_ids(touch_ids)},
    )
    for e in rows:
        if e.kind == "give":
            result[e.touch_id]["gave"].append({"id": e.id, "what": e.what})
        else:
            result[e.touch_id]["asked"].append(
                {"id": e.id, "what": e.what, "answered_on": day(e.answered_on), "answer": e.answer}
            )
    return result
