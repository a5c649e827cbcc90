"""Small pieces the services share: effective cadence, circle lookup, contact summaries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from netwerk.errors import BadInput
from netwerk.models import DEFAULT_CADENCE_DAYS, Circle, Contact
from netwerk.names import clean_name, fold

# A contact's cadence: their own, else the shortest default of their circles, else 90 days.
# Used as a scalar subquery over a table aliased `c`.
CADENCE_SQL = f"""COALESCE(c.cadence_days, (
    SELECT MIN(ci.cadence_days) FROM contact_circle cc JOIN circle ci ON ci.id = cc.circle_id
    WHERE cc.contact_id = c.id), {DEFAULT_CADENCE_DAYS:d})"""


MAX_TEXT = 10_000


def clean_text(value: str, what: str) -> str | None:
    """Stored text: trimmed, None when empty, bounded; newlines are allowed in notes."""
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise BadInput(f"The {what} is longer than {MAX_TEXT} characters.")
    if "\x00" in value:
        raise BadInput(f"The {what} contains a NUL character.")
    return value or None


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
    from netwerk.errors import NotFound

    circle = session.exec(select(Circle).where(Circle.name_key == fold(name))).first()
    if circle is None:
        names = session.exec(select(Circle.name).order_by(Circle.name_key)).all()
        known = f" Circles: {', '.join(names)}." if names else " There are no circles yet."
        raise NotFound(f"No circle '{name}'.{known}")
    return circle


def circles_of(session: Session, contact_ids: list[int]) -> dict[int, list[str]]:
    """Circle names per contact, for many contacts in one query."""
    result: dict[int, list[str]] = {cid: [] for cid in contact_ids}
    if not contact_ids:
        return result
    rows = session.connection().execute(
        text(
            "SELECT cc.contact_id, ci.name FROM contact_circle cc "
            "JOIN circle ci ON ci.id = cc.circle_id "
            "WHERE cc.contact_id IN (SELECT value FROM json_each(:ids)) ORDER BY ci.name_key"
        ),
        {"ids": json_ids(contact_ids)},
    )
    for contact_id, name in rows:
        result[contact_id].append(name)
    return result


def cadences_of(session: Session, contact_ids: list[int]) -> dict[int, int]:
    """Effective cadence in days per contact, for many contacts in one query."""
    if not contact_ids:
        return {}
    rows = session.connection().execute(
        text(
            f"SELECT c.id, {CADENCE_SQL} FROM contact c "
            "WHERE c.id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json_ids(contact_ids)},
    )
    return dict(rows.all())


def json_ids(ids: list[int]) -> str:
    """Ids as a JSON array, bound as one parameter (no limit on how many, no SQL building)."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def birthday_json(contact: Contact) -> str | None:
    """'1985-04-27', or '--04-27' when the year is unknown (the vCard convention)."""
    if contact.birthday_month is None or contact.birthday_day is None:
        return None
    year = f"{contact.birthday_year:04d}" if contact.birthday_year else "-"
    return f"{year}-{contact.birthday_month:02d}-{contact.birthday_day:02d}"


def due_on(last_touch: date | None, cadence_days: int) -> date | None:
    return last_touch + timedelta(days=cadence_days) if last_touch else None


def contacts_by_ids(session: Session, ids: list[int]) -> dict[int, Contact]:
    found = session.exec(select(Contact).where(col(Contact.id).in_(ids))).all()
    return {c.id: c for c in found if c.id is not None}


def ref(contact: Contact) -> dict[str, Any]:
    """How one contact is mentioned inside another record: id and name."""
    return {"id": contact.id, "name": contact.name}
