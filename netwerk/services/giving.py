"""`give`, `ask`, `offer` and `asks`: giving and asking without a meeting, ideas to bring next
time, and the asks still waiting for an answer."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.errors import BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.services.common import clean_text
from netwerk.services.exchanges import clean_what, open_offers
from netwerk.services.names import resolve
from netwerk.services.touches import add_touch, resolve_many, touch_result
from netwerk.store.models import Exchange, Offer


def give_or_ask(  # noqa: PLR0913
    session: Session,
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
    people = resolve_many(session, names)
    offer_ids = offer_ids or []
    if not (what and what.strip()):
        if kind == "give" and offer_ids:
            offer = session.get(Offer, offer_ids[0])
            if offer is None:
                raise NotFound(
                    _("No offer #{id}. 'netwerk show' lists their offers.").format(id=offer_ids[0])
                )
            what = offer.what
        else:
            raise BadInput(_("Say what the {field} was.").format(field=field_label(kind)))
    touch = add_touch(session, people, when=when, kind=kind, note=note, today=today)
    gave, asked = ([what], []) if kind == "give" else ([], [what])
    return touch_result(session, touch, people, gave, asked, offer_ids, today)


def add_offer(session: Session, name: str, what: str, *, today: date) -> dict[str, Any]:
    """`netwerk offer`: something to bring next time; `due` shows it beside them."""
    contact = resolve(session, name)
    offer = Offer(contact_id=contact.id, what=clean_what(what, "offer"), created_on=today)
    session.add(offer)
    session.flush()
    return {
        "id": offer.id,
        "what": offer.what,
        "created_on": today,
        "contact": {"id": contact.id, "name": contact.name},
    }


def offers_for(session: Session, names: list[str]) -> list[dict[str, Any]]:
    """The open offers of these people (for choosing one when logging a give)."""
    people = resolve_many(session, names)
    offers = open_offers(session, [p.id for p in people if p.id is not None])
    return [
        {**offer, "contact": {"id": p.id, "name": p.name}}
        for p in people
        for offer in offers[p.id]  # type: ignore[index]
    ]


def list_asks(session: Session, *, all_: bool = False) -> list[dict[str, Any]]:
    """Asks still waiting for an answer (with `all_`, answered ones too), oldest first."""
    where = "" if all_ else "AND e.answered_on IS NULL"
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT e.id, e.what, e.answered_on, e.answer, t.happened_on, t.id AS touch_id "
                f"FROM exchange e JOIN touch t ON t.id = e.touch_id WHERE e.kind = 'ask' {where} "
                "ORDER BY t.happened_on, e.id"
            )
        )
        .all()
    )
    people: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for touch_id, cid, cname in session.connection().execute(
            text(
                "SELECT tc.touch_id, c.id, c.name FROM touch_contact tc "
                "JOIN contact c ON c.id = tc.contact_id "
                "WHERE tc.touch_id IN (SELECT e.touch_id FROM exchange e WHERE e.kind = 'ask') "
                "ORDER BY c.name_key"
            )
        ):
            people.setdefault(touch_id, []).append({"id": cid, "name": cname})
    return [
        {
            "id": r.id,
            "date": date.fromisoformat(r.happened_on),
            "what": r.what,
            "with": people.get(r.touch_id, []),
            "answered_on": date.fromisoformat(r.answered_on) if r.answered_on else None,
            "answer": r.answer,
        }
        for r in rows
    ]


def close_ask(session: Session, ask_id: int, *, note: str | None, today: date) -> dict[str, Any]:
    """`netwerk asks done ID`: the ask was answered (helped, or not)."""
    ask = session.get(Exchange, ask_id)
    if ask is None or ask.kind != "ask":
        raise NotFound(
            _("No ask #{ask_id}. 'netwerk asks' lists the open ones with their ids.").format(
                ask_id=ask_id
            )
        )
    if ask.answered_on is not None:
        raise BadInput(
            _("Ask #{ask_id} was already closed on {answered_on}.").format(
                ask_id=ask_id, answered_on=show_date(ask.answered_on)
            )
        )
    ask.answered_on = today
    ask.answer = clean_text(note, "note") if note is not None else None
    session.add(ask)
    session.flush()
    return {"id": ask.id, "what": ask.what, "answered_on": today, "answer": ask.answer}
