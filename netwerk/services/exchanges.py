"""Gives and asks: what a touch gave or asked for, offers to bring, and the hints about them.

Give before you ask, but never turn friends into bookkeeping: nothing here returns a score or a
balance. The hints are sentences ("you asked the last 2 times", "Klaas Bakker helped you 3
times this year", "you have never given to Piet Jansen"), built for the few contacts on screen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from netwerk.errors import BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.services.common import clean_text, json_ids

# read side, shared with `due` (plain SQL, no SQLAlchemy): re-exported for the other callers
from netwerk.services.hints import hints, open_offers  # noqa: E402,F401
from netwerk.store.models import Contact, Exchange, Offer, Touch


def clean_what(what: str, kind: str) -> str:
    value = clean_text(what, f"text of the {kind}")
    if value is None:
        raise BadInput(_("Say what the {field} was.").format(field=field_label(kind)))
    return value


def record(session: Session, touch: Touch, kind: str, whats: list[str]) -> list[Exchange]:
    """Attach gives or asks (kind 'give'/'ask') to a touch."""
    rows = [Exchange(touch_id=touch.id, kind=kind, what=clean_what(w, kind)) for w in whats]
    session.add_all(rows)
    session.flush()
    return rows


def mark_offers_given(
    session: Session, offer_ids: list[int], people: list[Contact], give: Exchange, on: date
) -> list[dict[str, Any]]:
    """Mark offers as given by `give`; each must be open and for one of `people`."""
    ids = {p.id for p in people}
    marked = []
    for offer_id in offer_ids:
        offer = session.get(Offer, offer_id)
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
                    offer_id=offer_id, given_on=show_date(offer.given_on)
                )
            )
        offer.given_on, offer.exchange_id = on, give.id
        session.add(offer)
        marked.append({"id": offer.id, "what": offer.what})
    session.flush()
    return marked


def never_given(session: Session, people: list[Contact]) -> list[str]:
    """'you have never given to X' for each of `people` no give has gone to (shown on asking)."""
    ids = [p.id for p in people if p.id is not None]
    given = set(
        session.connection()
        .execute(
            text(
                "SELECT DISTINCT tc.contact_id FROM touch_contact tc "
                "JOIN exchange e ON e.touch_id = tc.touch_id AND e.kind = 'give' "
                "WHERE tc.contact_id IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": json_ids(ids)},
        )
        .scalars()
    )
    return [
        _("you have never given to {name}").format(name=p.name) for p in people if p.id not in given
    ]


def exchanges_of_touches(session: Session, touch_ids: list[int]) -> dict[int, dict[str, list]]:
    """The gives and asks of each touch, for timelines."""
    result: dict[int, dict[str, list]] = {tid: {"gave": [], "asked": []} for tid in touch_ids}
    if not touch_ids:
        return result
    rows = session.exec(
        select(Exchange).where(col(Exchange.touch_id).in_(touch_ids)).order_by(col(Exchange.id))
    ).all()
    for e in rows:
        if e.kind == "give":
            result[e.touch_id]["gave"].append({"id": e.id, "what": e.what})
        else:
            result[e.touch_id]["asked"].append(
                {"id": e.id, "what": e.what, "answered_on": e.answered_on, "answer": e.answer}
            )
    return result
