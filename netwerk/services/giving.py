"""`give`, `ask`, `offer` and `asks`: giving and asking without a meeting, ideas to bring next
time, and the asks still waiting for an answer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.services.common import clean_text
from netwerk.services.exchanges import clean_what
from netwerk.services.hints import open_offers
from netwerk.services.names import resolve
from netwerk.services.touches import add_touch, resolve_many, touch_result
from netwerk.store.query import json_ids
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def give_or_ask(  # noqa: PLR0913
    store: Store,
    kind: str,
    names: list[str],
    what: str | None,
    *,
    when: date,
    today: date,
    offer_ids: list[int] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """`netwerk give` / `netwerk ask`: a touch of kind 'give'/'ask' that is only that.

    A give may name the offers it delivers; without a text it takes the offer's text.
    """
    people = resolve_many(store, names)
    offer_ids = offer_ids or []
    if not (what and what.strip()):
        if kind == "give" and offer_ids:
            offer = store.one("SELECT what FROM offer WHERE id = ?", (offer_ids[0],))
            if offer is None:
                raise NotFound(
                    _("No offer #{id}. 'netwerk show' lists their offers.").format(id=offer_ids[0])
                )
            what = offer.what
        else:
            raise BadInput(_("Say what the {field} was.").format(field=field_label(kind)))
    touch = add_touch(store, people, when=when, kind=kind, note=note, today=today)
    gave, asked = ([what], []) if kind == "give" else ([], [what])
    return touch_result(store, touch, people, gave, asked, offer_ids, today)


def add_offer(store: Store, name: str, what: str, *, today: date) -> dict[str, Any]:
    """`netwerk offer`: something to bring next time; `due` shows it beside them."""
    contact = resolve(store, name)
    clean = clean_what(what, "offer")
    new = store.insert(
        "INSERT INTO offer (contact_id, what, created_on) VALUES (?, ?, ?)",
        (contact.id, clean, today.isoformat()),
    )
    return {
        "id": new,
        "what": clean,
        "created_on": today,
        "contact": {"id": contact.id, "name": contact.name},
    }


def offers_for(store: Store, names: list[str]) -> list[dict[str, Any]]:
    """The open offers of these people (for choosing one when logging a give)."""
    people = resolve_many(store, names)
    offers = open_offers(store, [p.id for p in people if p.id is not None])
    return [
        {**offer, "contact": {"id": p.id, "name": p.name}}
        for p in people
        for offer in offers[p.id]  # type: ignore[index]
    ]


def list_asks(store: Store, *, all_: bool = False) -> list[dict[str, Any]]:
    """Asks still waiting for an answer (with `all_`, answered ones too), oldest first."""
    return ask_page(store, all_=all_, limit=None)[0]


def ask_page(
    store: Store, *, all_: bool = False, limit: int | None = 20
) -> tuple[list[dict[str, Any]], int]:
    """`netwerk asks`: the first `limit` asks (None: all) and how many there are in all.

    The page is chosen in SQL off ix_exchange_open_asks (the open asks, or all asks, joined to
    their touch's date by its key), and only the page's touches are joined to their people: a
    page costs the same whether 30 or 15,000 asks are open. The count reads the same index.
    """
    where = "" if all_ else "AND e.answered_on IS NULL"
    rows = store.rows(
        "SELECT e.id, e.what, e.answered_on, e.answer, t.happened_on, t.id AS touch_id "
        f"FROM exchange e JOIN touch t ON t.id = e.touch_id WHERE e.kind = 'ask' {where} "
        "ORDER BY t.happened_on, e.id LIMIT :limit",
        {"limit": limit if limit else -1},
    )
    if not rows:
        return [], 0
    total = store.value(f"SELECT count(*) FROM exchange e WHERE e.kind = 'ask' {where}")
    people: dict[int, list[dict[str, Any]]] = {}
    for touch_id, cid, cname in store.rows(
        "SELECT tc.touch_id, c.id, c.name FROM touch_contact tc "
        "JOIN contact c ON c.id = tc.contact_id "
        "WHERE tc.touch_id IN (SELECT value FROM json_each(:ids)) ORDER BY c.name_key",
        {"ids": json_ids(sorted({r.touch_id for r in rows}))},
    ):
        people.setdefault(touch_id, []).append({"id": cid, "name": cname})
    items = [
        {
            "id": r.id,
            "date": day(r.happened_on),
            "what": r.what,
            "with": people.get(r.touch_id, []),
            "answered_on": day(r.answered_on),
            "answer": r.answer,
        }
        for r in rows
    ]
    return items, total


def close_ask(store: Store, ask_id: int, *, note: str | None, today: date) -> dict[str, Any]:
    """`netwerk asks done ID`: the ask was answered (helped, or not)."""
    ask = store.one("SELECT id, kind, what, answered_on FROM exchange WHERE id = ?", (ask_id,))
    if ask is None or ask.kind != "ask":
        raise NotFound(
            _("No ask #{ask_id}. 'netwerk asks' lists the open ones with their ids.").format(
                ask_id=ask_id
            )
        )
    if ask.answered_on is not None:
        raise BadInput(
            _("Ask #{ask_id} was already closed on {answered_on}.").format(
                ask_id=ask_id, answered_on=show_date(day(ask.answered_on))
            )
        )
    answer = clean_text(note, "note") if note is not None else None
    store.execute(
        "UPDATE exchange SET answered_on = ?, answer = ? WHERE id = ?",
        (today.isoformat(), answer, ask_id),
    )
    return {"id": ask.id, "what": ask.what, "answered_on": today, "answer": answer}
