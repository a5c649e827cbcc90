"""Small pieces the services share: effective cadence, circle lookup, contact summaries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.rules.text import clean_name, fold
from netwerk.store.models import Circle, Contact

# shared with the SQLAlchemy-free read path of `due`; re-exported for the other services
from netwerk.store.query import (  # noqa: F401
    circle_filter,
    circle_id,
    circles_of,
    json_ids,
)

MAX_TEXT = 10_000


def clean_text(value: str, what: str) -> str | None:
    """Stored text: exactly as typed (it round-trips through `show --json`), None when blank,
    bounded; newlines are allowed in notes."""
    if not value.strip():
        return None
    from netwerk.rules.fields import field_label

    if len(value) > MAX_TEXT:
        raise BadInput(
            _("The {field} is longer than {n} characters.").format(
                field=field_label(what), n=MAX_TEXT
            )
        )
    if "\x00" in value:
        raise BadInput(_("The {field} contains a NUL character.").format(field=field_label(what)))
    return value


def get_or_create_circle(session: Session, name: str) -> Circle:
    """The circle called `name` (case/accent-insensitive), created if new."""
    clean = clean_name(name, "circle name")
    key = fold(clean)
    circle = session.exec(select(Circle).where(Circle.name_key == key)).first()
    if circle is None:
        circle = Circle(name=clean, name_key=key)
        session.add(circle)
        session.flush()
    return circle


def find_circle(session: Session, name: str) -> Circle:
    """An existing circle by name, or NotFound naming the circles there are."""
    circle = session.get(Circle, circle_id(session, name))
    assert circle is not None
    return circle


def cadences_of(session: Session, contact_ids: list[int]) -> dict[int, int]:
    """Effective cadence in days per contact (own, else circles', else 90: the database keeps
    it as `due_cadence`, see migration m004), for many contacts in one query."""
    if not contact_ids:
        return {}
    rows = session.connection().execute(
        text(
            "SELECT c.id, c.due_cadence FROM contact c "
            "WHERE c.id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json_ids(contact_ids)},
    )
    return dict(rows.all())


def birthday_json(contact: Contact) -> str | None:
    """'1985-04-27', or '--04-27' when the year is unknown (the vCard convention)."""
    if contact.birthday_month is None or contact.birthday_day is None:
        return None
    year = f"{contact.birthday_year:04d}" if contact.birthday_year else "-"
    return f"{year}-{contact.birthday_month:02d}-{contact.birthday_day:02d}"


def due_on(
    last_touch: date | None, cadence_days: int, first_due_on: date | None = None
) -> date | None:
    """A cadence after the last touch, but not before a scheduled first due date (`spread`);
    None when neither is known (the contact waits)."""
    candidates = [d for d in (first_due_on,) if d is not None]
    if last_touch is not None:
        candidates.append(last_touch + timedelta(days=cadence_days))
    return max(candidates) if candidates else None


def contacts_by_ids(session: Session, ids: list[int]) -> dict[int, Contact]:
    found = session.exec(select(Contact).where(col(Contact.id).in_(ids))).all()
    return {c.id: c for c in found if c.id is not None}


def ref(contact: Contact) -> dict[str, Any]:
    """How one contact is mentioned inside another record: id and name."""
    return {"id": contact.id, "name": contact.name}
