"""Contacts: add, edit, remove, snooze, archive, list and show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, text
from sqlmodel import Session, col, or_, select

from netwerk.errors import BadDate, BadInput, Duplicate, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.rules.text import clean_name, email_key, fold, phone_key
from netwerk.services.common import (
    birthday_json,
    cadences_of,
    circles_of,
    clean_text,
    due_on,
    find_circle,
    get_or_create_circle,
    json_ids,
)
from netwerk.services.events import event_for
from netwerk.services.names import describe, resolve
from netwerk.store.models import Alias, Contact, ContactCircle, Detail, Event, Touch, TouchContact
from netwerk.store.query import fetch


@dataclass
class ContactFields:
    """What `add` and `edit` may set. None means "not given"; "" clears a text field."""

    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    company: str | None = None
    role: str | None = None
    city: str | None = None
    expertise: str | None = None
    note: str | None = None
    # the event where you met (created on first mention unless create_event is False)
    met_at: str | None = None
    create_event: bool = True
    met_on: date | None = None
    via: str | None = None
    cadence_days: int | None = None
    birthday: tuple[int | None, int, int] | None = None


TEXT_FIELDS = ("company", "role", "city", "expertise", "note")


def _check_duplicate(session: Session, name_key: str, email_keys: list[str], skip: int | None):
    alias_ids = select(Alias.contact_id).where(Alias.name_key == name_key)
    clash = session.exec(
        select(Contact).where(
            or_(Contact.name_key == name_key, col(Contact.id).in_(alias_ids)),
            Contact.id != skip,
        )
    ).first()
    same_email = False
    if clash is None and email_keys:
        email_ids = select(Detail.contact_id).where(
            Detail.kind == "email", col(Detail.value_key).in_(email_keys)
        )
        clash = session.exec(
            select(Contact).where(col(Contact.id).in_(email_ids), Contact.id != skip)
        ).first()
        same_email = True
    if clash is not None:
        raise Duplicate(
            (
                _(
                    "{clash} already exists with the same e-mail address. Use --force to add "
                    "anyway, or 'netwerk edit #{id}' to update them."
                )
                if same_email
                else _(
                    "{clash} already exists with the same name. Use --force to add anyway, or "
                    "'netwerk edit #{id}' to update them."
                )
            ).format(clash=describe(clash), id=clash.id)
        )


def add_contact(
    session: Session, name: str, fields: ContactFields, *, today: date, force: bool = False
) -> dict[str, Any]:
    """Add a contact; adding counts as the first touch, on the met date (default today)."""
    clean = clean_name(name)
    met_on = fields.met_on or today
    if met_on > today:
        raise BadDate(_("The met date {met_on} is in the future.").format(met_on=show_date(met_on)))
    emails = [email_key(e) for e in fields.emails]
    if not force:
        _check_duplicate(session, fold(clean), emails, None)
    contact = Contact(name=clean, name_key=fold(clean), created_on=today, met_on=met_on)
    session.add(contact)
    _apply(session, contact, fields, today=today, force=force)
    session.flush()
    event = session.get(Event, contact.met_event_id) if contact.met_event_id else None
    note = f"Met at {event.name}" if event else None
    touch = Touch(
        happened_on=met_on,
        kind="met",
        note=note,
        created_at=datetime.now(UTC),
        event_id=contact.met_event_id,
    )
    session.add(touch)
    session.flush()
    session.add(TouchContact(touch_id=touch.id, contact_id=contact.id))
    contact.last_touch_on = met_on
    session.flush()
    return contact_json(session, contact, today=today)


def edit_contact(
    session: Session,
    name: str,
    fields: ContactFields,
    *,
    today: date,
    new_name: str | None = None,
    remove_circles: list[str] | None = None,
    remove_aliases: list[str] | None = None,
    remove_emails: list[str] | None = None,
    remove_phones: list[str] | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Change a contact's fields; lists are added to, `remove_*` take away."""
    contact = resolve(session, name)
    if new_name is not None:
        clean = clean_name(new_name)
        if not force and fold(clean) != contact.name_key:
            _check_duplicate(session, fold(clean), [], contact.id)
        contact.name, contact.name_key = clean, fold(clean)
    if fields.emails and not force:
        _check_duplicate(session, "\x00", [email_key(e) for e in fields.emails], contact.id)
    if fields.met_on is not None:
        if fields.met_on > today:
            raise BadDate(
                _("The met date {met_on} is in the future.").format(met_on=show_date(fields.met_on))
            )
        contact.met_on = fields.met_on
    for circle_name in remove_circles or []:
        circle = find_circle(session, circle_name)
        session.exec(  # type: ignore[call-overload]
            delete(ContactCircle).where(
                ContactCircle.contact_id == contact.id, ContactCircle.circle_id == circle.id
            )
        )
    _remove_rows(
        session, contact, Alias, Alias.name_key, [fold(a) for a in remove_aliases or []], "alias"
    )
    _remove_rows(
        session,
        contact,
        Detail,
        Detail.value_key,
        [email_key(e) for e in remove_emails or []],
        "e-mail address",
        kind="email",
    )
    _remove_rows(
        session,
        contact,
        Detail,
        Detail.value_key,
        [phone_key(p) for p in remove_phones or []],
        "phone number",
        kind="phone",
    )
    old_event = contact.met_event_id
    _apply(session, contact, fields, today=today, force=force)
    if fields.met_on is not None or contact.met_event_id != old_event:
        _move_met_touch(session, contact, old_event, moved=fields.met_on is not None)
    session.add(contact)
    session.flush()
    return contact_json(session, contact, today=today)


def _move_met_touch(
    session: Session, contact: Contact, old_event_id: int | None, *, moved: bool
) -> None:
    """Keep the 'met' touch `add` recorded in step with a corrected met date (`moved`) or
    event, so last touch and due follow; a new met date records one when the contact has
    none (an import without a date)."""
    from netwerk.services.touches import refresh_last_touch

    assert contact.id is not None
    found = fetch(
        session,
        "SELECT t.id FROM touch t JOIN touch_contact tc ON tc.touch_id = t.id "
        "WHERE tc.contact_id = :c AND t.kind = 'met' ORDER BY t.id LIMIT 1",
        {"c": contact.id},
    )
    touch = session.get(Touch, found[0].id) if found else None
    if touch is None:
        if not moved or contact.met_on is None:
            return
        touch = Touch(happened_on=contact.met_on, kind="met", created_at=datetime.now(UTC))
        session.add(touch)
        session.flush()
        session.add(TouchContact(touch_id=touch.id, contact_id=contact.id))
    if moved and contact.met_on is not None:
        touch.happened_on = contact.met_on
    if contact.met_event_id != old_event_id:
        # the note `add` wrote names the event: it follows, a note of your own stays
        old = session.get(Event, old_event_id) if old_event_id else None
        new = session.get(Event, contact.met_event_id) if contact.met_event_id else None
        if touch.note is None or (old is not None and touch.note == f"Met at {old.name}"):
            touch.note = f"Met at {new.name}" if new else None
        if touch.event_id in (None, old_event_id):
            touch.event_id = contact.met_event_id
    session.add(touch)
    session.flush()
    refresh_last_touch(session, [contact.id])


def _remove_rows(session, contact, table, key_column, keys, what, kind=None) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        query = delete(table).where(table.contact_id == contact.id, key_column == key)
        if kind:
            query = query.where(table.kind == kind)
        if session.exec(query).rowcount == 0:  # type: ignore[call-overload]
            raise NotFound(
                _("{name} has no {field} '{key}'.").format(
                    name=contact.name, field=field_label(what), key=key
                )
            )


def _apply(
    session: Session, contact: Contact, fields: ContactFields, *, today: date, force: bool
) -> None:
    """Set the fields given in `fields` on `contact` (shared by add and edit)."""
    for attr in TEXT_FIELDS:
        value = getattr(fields, attr)
        if value is not None:
            setattr(contact, attr, clean_text(value, attr.replace("_", " ")))
    if fields.met_at is not None:
        contact.met_event_id = None
        if fields.met_at.strip():
            met = event_for(
                session,
                fields.met_at,
                on=contact.met_on,
                today=today,
                create=fields.create_event,
            )
            contact.met_event_id = met.id
    if fields.cadence_days is not None:
        contact.cadence_days = fields.cadence_days or None  # 0 = back to the circle default
    if fields.birthday is not None:
        year, month, day = fields.birthday
        contact.birthday_year, contact.birthday_month, contact.birthday_day = year, month, day
    if fields.via is not None:
        if fields.via == "":
            contact.via_id = None
        else:
            introducer = resolve(session, fields.via)
            if introducer.id is not None and introducer.id == contact.id:
                raise BadInput(
                    _("{name} cannot have been introduced by themselves.").format(name=contact.name)
                )
            contact.via_id = introducer.id
    session.add(contact)
    session.flush()
    existing = {
        (d.kind, d.value_key)
        for d in session.exec(select(Detail).where(Detail.contact_id == contact.id))
    }
    for kind, values, keyer in (
        ("email", fields.emails, email_key),
        ("phone", fields.phones, phone_key),
    ):
        for value in values:
            key = keyer(value)
            if (kind, key) not in existing:
                existing.add((kind, key))
                session.add(
                    Detail(contact_id=contact.id, kind=kind, value=value.strip(), value_key=key)
                )
    known_aliases = set(
        session.exec(select(Alias.name_key).where(Alias.contact_id == contact.id)).all()
    )
    for alias in fields.aliases:
        clean = clean_name(alias, "alias")
        if fold(clean) not in known_aliases and fold(clean) != contact.name_key:
            known_aliases.add(fold(clean))
            session.add(Alias(contact_id=contact.id, name=clean, name_key=fold(clean)))
    member_of = set(
        session.exec(
            select(ContactCircle.circle_id).where(ContactCircle.contact_id == contact.id)
        ).all()
    )
    for circle_name in fields.circles:
        circle = get_or_create_circle(session, circle_name)
        if circle.id not in member_of:
            member_of.add(circle.id)
            session.add(ContactCircle(contact_id=contact.id, circle_id=circle.id))
    session.flush()


def remove_contact(session: Session, name: str) -> dict[str, Any]:
    """Remove a contact. A touch they shared keeps its other participants."""
    contact = resolve(session, name)
    conn = session.connection()
    alone = (
        conn.execute(
            text(
                "SELECT tc.touch_id FROM touch_contact tc WHERE tc.contact_id = :id "
                "AND NOT EXISTS (SELECT 1 FROM touch_contact o "
                "WHERE o.touch_id = tc.touch_id AND o.contact_id != :id)"
            ),
            {"id": contact.id},
        )
        .scalars()
        .all()
    )
    conn.execute(
        text("DELETE FROM touch WHERE id IN (SELECT value FROM json_each(:ids))"),
        {"ids": json_ids(list(alone))},
    )
    summary = {"id": contact.id, "name": contact.name, "touches_removed": len(alone)}
    session.delete(contact)
    session.flush()
    return summary


def snooze(session: Session, name: str, until: date, *, today: date) -> dict[str, Any]:
    contact = resolve(session, name)
    if until <= today:
        raise BadDate(
            _("Snooze until {until}: that is not in the future.").format(until=show_date(until))
        )
    contact.snoozed_until = until
    session.add(contact)
    return contact_json(session, contact, today=today)


def set_archived(session: Session, name: str, archived: bool, *, today: date) -> dict[str, Any]:
    contact = resolve(session, name)
    contact.archived = archived
    if archived:
        contact.snoozed_until = None
    session.add(contact)
    return contact_json(session, contact, today=today)


def contact_json(session: Session, contact: Contact, *, today: date) -> dict[str, Any]:
    """The full profile of one contact, in the documented JSON shape."""
    assert contact.id is not None
    details = session.exec(
        select(Detail).where(Detail.contact_id == contact.id).order_by(col(Detail.id))
    ).all()
    aliases = session.exec(
        select(Alias.name).where(Alias.contact_id == contact.id).order_by(col(Alias.id))
    ).all()
    cadence = cadences_of(session, [contact.id])[contact.id]
    # one query whatever is set, so `show` costs the same for everyone
    (refs,) = fetch(
        session,
        "SELECT v.id AS via_id, v.name AS via_name, e.id AS event_id, e.name AS event_name "
        "FROM contact c LEFT JOIN contact v ON v.id = c.via_id "
        "LEFT JOIN event e ON e.id = c.met_event_id WHERE c.id = :id",
        {"id": contact.id},
    )
    via = {"id": refs.via_id, "name": refs.via_name} if refs.via_id else None
    met_event = {"id": refs.event_id, "name": refs.event_name} if refs.event_id else None
    return {
        "id": contact.id,
        "name": contact.name,
        "aliases": list(aliases),
        "emails": [d.value for d in details if d.kind == "email"],
        "phones": [d.value for d in details if d.kind == "phone"],
        "urls": [d.value for d in details if d.kind == "url"],
        "socials": [d.value for d in details if d.kind == "social"],
        "company": contact.company,
        "role": contact.role,
        "city": contact.city,
        "expertise": contact.expertise,
        "note": contact.note,
        "circles": circles_of(session, [contact.id])[contact.id],
        "birthday": birthday_json(contact),
        "met_on": contact.met_on,
        "met_at": refs.event_name,
        "met_event": met_event,
        "via": via,
        "cadence_days": cadence,
        "cadence_own": contact.cadence_days is not None,
        "last_touch": contact.last_touch_on,
        "due_on": due_on(contact.last_touch_on, cadence, contact.first_due_on),
        "snoozed_until": contact.snoozed_until,
        "archived": contact.archived,
        "created_on": contact.created_on,
    }


def list_contacts(
    session: Session,
    *,
    today: date,
    circle: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    archived: bool = True,
) -> list[dict[str, Any]]:
    """Everyone, sorted by name; `search` looks in name, aliases, company, role, city,
    expertise and notes (case- and accent-insensitive)."""
    query = select(Contact).order_by(Contact.name_key, col(Contact.id))
    if circle:
        found = find_circle(session, circle)
        members = select(ContactCircle.contact_id).where(ContactCircle.circle_id == found.id)
        query = query.where(col(Contact.id).in_(members))
    if search is not None:
        key = fold(search)
        if not key:
            raise BadInput(_("The search text is empty."))
        pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        haystack = func.netwerk_fold(
            Contact.name,
            Contact.company,
            Contact.role,
            Contact.city,
            Contact.expertise,
            Contact.note,
        )
        alias_ids = select(Alias.contact_id).where(col(Alias.name_key).like(pattern, escape="\\"))
        query = query.where(
            or_(haystack.like(pattern, escape="\\"), col(Contact.id).in_(alias_ids))
        )
    if not archived:
        query = query.where(Contact.archived == False)  # noqa: E712
    if limit:
        query = query.limit(limit)
    contacts = session.exec(query).all()
    ids = [c.id for c in contacts if c.id is not None]
    circles = circles_of(session, ids)
    cadences = cadences_of(session, ids)
    return [
        {
            "id": c.id,
            "name": c.name,
            "company": c.company,
            "role": c.role,
            "city": c.city,
            "circles": circles[c.id],
            "last_touch": c.last_touch_on,
            "cadence_days": cadences[c.id],
            "due_on": due_on(c.last_touch_on, cadences[c.id], c.first_due_on),
            "snoozed_until": c.snoozed_until,
            "archived": c.archived,
        }
        for c in contacts
        if c.id is not None
    ]
