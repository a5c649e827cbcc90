"""Contacts: add, edit, remove, snooze and archive (reading them, `show` and `list`, is in
`netwerk.services.profile`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from netwerk.errors import BadDate, BadInput, Duplicate, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.fields import field_label
from netwerk.rules.text import clean_name, email_key, fold, phone_key
from netwerk.services.common import clean_text
from netwerk.services.events import event_for
from netwerk.services.names import describe, resolve
from netwerk.services.profile import contact_json
from netwerk.services.touches import refresh_last_touch
from netwerk.store.query import circle_id, json_ids
from netwerk.store.store import day, stamp

if TYPE_CHECKING:
    from netwerk.store.store import Store


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


def _check_duplicate(
    store: Store,
    name_key: str,
    email_keys: list[str],
    skip: int | None,
    phone_keys: list[str] | None = None,
) -> None:
    clash = store.one(
        "SELECT id, name, company FROM contact WHERE (name_key = :key OR id IN "
        "(SELECT contact_id FROM alias WHERE name_key = :key)) AND (:skip IS NULL OR id != :skip) "
        "ORDER BY id LIMIT 1",
        {"key": name_key, "skip": skip},
    )
    same_email = False
    if clash is None and email_keys:
        clash = store.one(
            "SELECT id, name, company FROM contact WHERE id IN (SELECT contact_id FROM detail "
            "WHERE kind = 'email' AND value_key IN (SELECT value FROM json_each(:keys))) "
            "AND (:skip IS NULL OR id != :skip) ORDER BY id LIMIT 1",
            {"keys": _json_texts(email_keys), "skip": skip},
        )
        same_email = clash is not None
    if clash is None and phone_keys:
        # one number however written: the keys are E.164 (netwerk.rules.phones)
        clash = store.one(
            "SELECT id, name, company FROM contact WHERE id IN (SELECT contact_id FROM detail "
            "WHERE kind = 'phone' AND value_key IN (SELECT value FROM json_each(:keys))) "
            "AND (:skip IS NULL OR id != :skip) ORDER BY id LIMIT 1",
            {"keys": _json_texts(phone_keys), "skip": skip},
        )
        if clash is not None:
            raise Duplicate(
                _(
                    "{clash} already exists with the same phone number. Use --force to add "
                    "anyway, or 'netwerk edit #{id}' to update them."
                ).format(clash=describe(clash), id=clash.id)
            )
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


def _json_texts(values: list[str]) -> str:
    import json

    return json.dumps(values)


def add_contact(
    store: Store, name: str, fields: ContactFields, *, today: date, force: bool = False
) -> dict[str, Any]:
    """Add a contact; adding counts as the first touch, on the met date (default today)."""
    clean = clean_name(name)
    met_on = fields.met_on or today
    if met_on > today:
        raise BadDate(_("The met date {met_on} is in the future.").format(met_on=show_date(met_on)))
    emails = [email_key(e) for e in fields.emails]
    if not force:
        phones = [phone_key(p) for p in fields.phones]
        _check_duplicate(store, fold(clean), emails, None, phones)
    contact_id = store.insert(
        "INSERT INTO contact (name, name_key, created_on, met_on, uid) VALUES (?, ?, ?, ?, ?)",
        (clean, fold(clean), today.isoformat(), met_on.isoformat(), str(uuid4())),
    )
    contact = _row(store, contact_id)
    changes = _apply(store, contact, fields, met_on=met_on, today=today)
    event_id = changes.get("met_event_id")
    event = store.one("SELECT name FROM event WHERE id = ?", (event_id,)) if event_id else None
    touch_id = store.insert(
        "INSERT INTO touch (happened_on, kind, note, created_at, event_id) "
        "VALUES (?, 'met', ?, ?, ?)",
        (met_on.isoformat(), f"Met at {event.name}" if event else None, stamp(), event_id),
    )
    store.execute(
        "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)", (touch_id, contact_id)
    )
    changes["last_touch_on"] = met_on.isoformat()
    _update(store, contact_id, changes)
    return contact_json(store, contact_id, today=today)


def edit_contact(
    store: Store,
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
    contact = _row(store, resolve(store, name).id)
    changes: dict[str, Any] = {}
    name_now, key_now = contact.name, contact.name_key
    if new_name is not None:
        clean = clean_name(new_name)
        if not force and fold(clean) != contact.name_key:
            _check_duplicate(store, fold(clean), [], contact.id)
        name_now, key_now = clean, fold(clean)
        changes.update(name=clean, name_key=key_now)
    if (fields.emails or fields.phones) and not force:
        _check_duplicate(
            store,
            "\x00",
            [email_key(e) for e in fields.emails],
            contact.id,
            [phone_key(p) for p in fields.phones],
        )
    met_on = day(contact.met_on)
    if fields.met_on is not None:
        if fields.met_on > today:
            raise BadDate(
                _("The met date {met_on} is in the future.").format(met_on=show_date(fields.met_on))
            )
        met_on = fields.met_on
        changes["met_on"] = met_on.isoformat()
    for circle_name in remove_circles or []:
        store.execute(
            "DELETE FROM contact_circle WHERE contact_id = ? AND circle_id = ?",
            (contact.id, circle_id(store, circle_name)),
        )
    removals = (
        ("alias", "alias", None, [fold(a) for a in remove_aliases or []]),
        ("detail", "e-mail address", "email", [email_key(e) for e in remove_emails or []]),
        ("detail", "phone number", "phone", [phone_key(p) for p in remove_phones or []]),
    )
    for table, what, kind, keys in removals:
        column = "name_key" if table == "alias" else "value_key"
        for key in keys:
            sql = f"DELETE FROM {table} WHERE contact_id = ? AND {column} = ?"
            params: tuple[Any, ...] = (contact.id, key)
            if kind:
                sql, params = sql + " AND kind = ?", (*params, kind)
            if store.execute(sql, params) == 0:
                raise NotFound(
                    _("{name} has no {field} '{key}'.").format(
                        name=name_now, field=field_label(what), key=key
                    )
                )
    changes.update(
        _apply(store, contact, fields, met_on=met_on, today=today, name=name_now, key=key_now)
    )
    _update(store, contact.id, changes)
    new_event = changes.get("met_event_id", contact.met_event_id)
    if fields.met_on is not None or new_event != contact.met_event_id:
        _move_met_touch(
            store,
            contact.id,
            met_on,
            contact.met_event_id,
            new_event,
            moved=fields.met_on is not None,
        )
    return contact_json(store, contact.id, today=today)


def _row(store: Store, contact_id: int) -> Any:
    return store.one("SELECT * FROM contact WHERE id = ?", (contact_id,))


def _update(store: Store, contact_id: int, changes: dict[str, Any]) -> None:
    if changes:
        sets = ", ".join(f"{column} = :{column}" for column in changes)
        store.execute(f"UPDATE contact SET {sets} WHERE id = :id", {**changes, "id": contact_id})


def _move_met_touch(  # noqa: PLR0913
    store: Store,
    contact_id: int,
    met_on: date | None,
    old_event_id: int | None,
    new_event_id: int | None,
    *,
    moved: bool,
) -> None:
    """Keep the 'met' touch `add` recorded in step with a corrected met date (`moved`) or
    event, so last touch and due follow; a new met date records one when the contact has
    none (an import without a date)."""
    touch = store.one(
        "SELECT t.id, t.note, t.event_id FROM touch t JOIN touch_contact tc ON tc.touch_id = t.id "
        "WHERE tc.contact_id = :c AND t.kind = 'met' ORDER BY t.id LIMIT 1",
        {"c": contact_id},
    )
    if touch is None:
        if not moved or met_on is None:
            return
        new = store.insert(
            "INSERT INTO touch (happened_on, kind, created_at) VALUES (?, 'met', ?)",
            (met_on.isoformat(), stamp()),
        )
        store.execute(
            "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)", (new, contact_id)
        )
        touch = store.one("SELECT id, note, event_id FROM touch WHERE id = ?", (new,))
    changes: dict[str, Any] = {}
    if moved and met_on is not None:
        changes["happened_on"] = met_on.isoformat()
    if new_event_id != old_event_id:
        # the note `add` wrote names the event: it follows, a note of your own stays
        names = dict(
            store.rows(
                "SELECT id, name FROM event WHERE id IN (?, ?)", (old_event_id, new_event_id)
            )
        )
        old, new_name = names.get(old_event_id), names.get(new_event_id)
        if touch.note is None or (old is not None and touch.note == f"Met at {old}"):
            changes["note"] = f"Met at {new_name}" if new_name else None
        if touch.event_id in (None, old_event_id):
            changes["event_id"] = new_event_id
    if changes:
        sets = ", ".join(f"{column} = :{column}" for column in changes)
        store.execute(f"UPDATE touch SET {sets} WHERE id = :id", {**changes, "id": touch.id})
    refresh_last_touch(store, [contact_id])


def _apply(  # noqa: PLR0913
    store: Store,
    contact: Any,
    fields: ContactFields,
    *,
    met_on: date | None,
    today: date,
    name: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """The column changes `fields` make to `contact` (shared by add and edit), after writing
    its new e-mails, phones, aliases and circles."""
    name = name or contact.name
    key = key or contact.name_key
    changes: dict[str, Any] = {}
    for attr in TEXT_FIELDS:
        value = getattr(fields, attr)
        if value is not None:
            changes[attr] = clean_text(value, attr.replace("_", " "))
    if fields.met_at is not None:
        changes["met_event_id"] = None
        if fields.met_at.strip():
            met = event_for(
                store, fields.met_at, on=met_on, today=today, create=fields.create_event
            )
            changes["met_event_id"] = met.id
    if fields.cadence_days is not None:
        changes["cadence_days"] = fields.cadence_days or None  # 0 = back to the circle default
    if fields.birthday is not None:
        year, month, birth_day = fields.birthday
        changes.update(birthday_year=year, birthday_month=month, birthday_day=birth_day)
    if fields.via is not None:
        if fields.via == "":
            changes["via_id"] = None
        else:
            introducer = resolve(store, fields.via)
            if introducer.id == contact.id:
                raise BadInput(
                    _("{name} cannot have been introduced by themselves.").format(name=name)
                )
            changes["via_id"] = introducer.id
    existing = {
        (d.kind, d.value_key)
        for d in store.rows(
            "SELECT kind, value_key FROM detail WHERE contact_id = ?", (contact.id,)
        )
    }
    for kind, values, keyer in (
        ("email", fields.emails, email_key),
        ("phone", fields.phones, phone_key),
    ):
        for value in values:
            value_key = keyer(value)
            if (kind, value_key) not in existing:
                existing.add((kind, value_key))
                store.execute(
                    "INSERT INTO detail (contact_id, kind, value, value_key) VALUES (?, ?, ?, ?)",
                    (contact.id, kind, value.strip(), value_key),
                )
    known_aliases = {
        r.name_key
        for r in store.rows("SELECT name_key FROM alias WHERE contact_id = ?", (contact.id,))
    }
    for alias in fields.aliases:
        clean = clean_name(alias, "alias")
        if fold(clean) not in known_aliases and fold(clean) != key:
            known_aliases.add(fold(clean))
            store.execute(
                "INSERT INTO alias (contact_id, name, name_key) VALUES (?, ?, ?)",
                (contact.id, clean, fold(clean)),
            )
    member_of = {
        r.circle_id
        for r in store.rows(
            "SELECT circle_id FROM contact_circle WHERE contact_id = ?", (contact.id,)
        )
    }
    for circle_name in fields.circles:
        circle = circle_id(store, clean_name(circle_name, "circle name"), create=True)
        if circle not in member_of:
            member_of.add(circle)
            store.execute(
                "INSERT INTO contact_circle (contact_id, circle_id) VALUES (?, ?)",
                (contact.id, circle),
            )
    return changes


def remove_contact(store: Store, name: str) -> dict[str, Any]:
    """Remove a contact. A touch they shared keeps its other participants."""
    contact = resolve(store, name)
    alone = [
        r.touch_id
        for r in store.rows(
            "SELECT tc.touch_id FROM touch_contact tc WHERE tc.contact_id = :id "
            "AND NOT EXISTS (SELECT 1 FROM touch_contact o "
            "WHERE o.touch_id = tc.touch_id AND o.contact_id != :id)",
            {"id": contact.id},
        )
    ]
    store.execute(
        "DELETE FROM touch WHERE id IN (SELECT value FROM json_each(:ids))",
        {"ids": json_ids(alone)},
    )
    store.execute("DELETE FROM contact WHERE id = ?", (contact.id,))
    return {"id": contact.id, "name": contact.name, "touches_removed": len(alone)}


def snooze(store: Store, name: str, until: date, *, today: date) -> dict[str, Any]:
    contact = resolve(store, name)
    if until <= today:
        raise BadDate(
            _("Snooze until {until}: that is not in the future.").format(until=show_date(until))
        )
    store.execute(
        "UPDATE contact SET snoozed_until = ? WHERE id = ?", (until.isoformat(), contact.id)
    )
    return contact_json(store, contact.id, today=today)


def set_archived(store: Store, name: str, archived: bool, *, today: date) -> dict[str, Any]:
    contact = resolve(store, name)
    store.execute(
        "UPDATE contact SET archived = :archived, "
        "snoozed_until = CASE WHEN :archived THEN NULL ELSE snoozed_until END WHERE id = :id",
        {"archived": int(archived), "id": contact.id},
    )
    return contact_json(store, contact.id, today=today)
