"""Import: ContactRecords from vCard, LinkedIn and Google files, merged into the store.

A record is matched to a contact already there by, in order: the same UID, the same profile URL,
the same e-mail address, the same name or alias (ignoring case and accents), else the same
mobile number (`netwerk.rules.phones`: "06-12345678" is "+31 6 12345678") held by one
contact. A matched contact is merged: empty fields are filled, lists (e-mails, phones, URLs,
aliases, circles) gain what they lack, and nothing is overwritten unless `overwrite`. So
re-importing a file adds nothing. Duplicates inside one file merge too.

Imported contacts take their cadence from their circles. Their last touch is the met/connected
date when the file knows it (recorded as a `met` touch), else unknown: such contacts are not due
until touched or scheduled (`netwerk spread`). New contacts whose connection date is already a
cadence ago get staggered first due dates over the coming weeks. So an import never floods
`due`: 2,000 LinkedIn connections come up a few a day.

Built for 10,000 rows at a time: the matching keys are read once into memory (`_Index`), every
decision is made in Python on a view of the contacts involved (`_Plan`), and the rows are
written at the end with one `executemany` per table, in the caller's one transaction, on plain
sqlite3 through the Store (`executemany`): no ORM object per row, no SQLAlchemy
import for vCard/LinkedIn/Google. `dry_run` rolls the transaction back after counting.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput, NetwerkError
from netwerk.formats.record import ContactRecord, ParseResult
from netwerk.i18n import N_, _
from netwerk.rules.phones import is_mobile
from netwerk.rules.text import clean_name, email_key, fold, phone_key
from netwerk.store.query import circle_id, json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

FORMATS = ("vcard", "linkedin", "google", "csv", "json")
SCALARS = ("company", "role", "city", "expertise", "note")
# No morning shows more than this many newly due imported people (more only when there are so
# many that even this pace would not get through them within their cadence).
HANDFUL = 5
# A big address book (LinkedIn) lands in this circle, at this cadence unless the circle has one.
LINKEDIN_CIRCLE = "LinkedIn"
IMPORT_CADENCE_DAYS = 365
# A progress reporter: called once with the number of records, it returns "one more done".
Progress = Callable[[int], Callable[[], None]]
# the contact columns an import reads and writes
_COLUMNS = (
    "id", "name", "name_key", "uid", "company", "role", "city", "note", "birthday_year",
    "birthday_month", "birthday_day", "met_on", "last_touch_on", "created_on", "first_due_on",
    "expertise", "cadence_days", "met_event_id", "via_id",
)  # fmt: skip


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WWW = re.compile(r"^www\.")
_QUERY = re.compile(r"[?#]")


@lru_cache(maxsize=256)  # a LinkedIn row asks for its profile URL's key three times
def url_key(url: str) -> str:
    """A URL for matching: no scheme, no 'www.', no trailing slash or query, lower case."""
    key = _WWW.sub("", _SCHEME.sub("", url.strip().casefold()))
    return _QUERY.split(key, maxsplit=1)[0].rstrip("/")


def _is_profile(key: str) -> bool:
    return key.startswith("linkedin.com/in/")


@dataclass
class _Index:
    """Every matching key in the database, kept current as the import adds contacts."""

    uids: dict[str, int] = field(default_factory=dict)
    urls: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    # E.164 phone key -> the contacts holding that number
    phones: dict[str, set[int]] = field(default_factory=dict)
    names: dict[str, set[int]] = field(default_factory=dict)
    # contact id -> its LinkedIn profile keys: two namesakes with different profiles are two
    # people, so a name match against a different profile is no match
    profiles: dict[int, set[str]] = field(default_factory=dict)

    def add_url(self, key: str, contact_id: int) -> None:
        self.urls.setdefault(key, contact_id)
        if _is_profile(key):
            self.profiles.setdefault(contact_id, set()).add(key)

    @classmethod
    def load(cls, store: Store) -> _Index:
        index = cls()
        for cid, uid, name_key in store.rows("SELECT id, uid, name_key FROM contact"):
            index.uids[uid] = cid
            index.names.setdefault(name_key, set()).add(cid)
        for cid, name_key in store.rows("SELECT contact_id, name_key FROM alias"):
            index.names.setdefault(name_key, set()).add(cid)
        for cid, kind, key in store.rows(
            "SELECT contact_id, kind, value_key FROM detail "
            "WHERE kind IN ('email', 'url', 'uid', 'phone')",
        ):
            if kind == "email":
                index.emails.setdefault(key, cid)
            elif kind == "phone":
                index.phones.setdefault(key, set()).add(cid)
            elif kind == "uid":
                index.uids.setdefault(key, cid)
            else:
                index.add_url(key, cid)
        return index

    def match(
        self, record: ContactRecord, name_key: str, emails: list[str], phones: list[str]
    ) -> tuple[int | None, str]:
        """The contact this record is, and why; (None, reason) if new or ambiguous. A phone
        number matches last, and only a mobile number held by one contact: a home line is
        shared by a family, and "Mama" in a phone's address book is the contact you have as
        Ans de Vries."""
        if record.uid and record.uid in self.uids:
            return self.uids[record.uid], "uid"
        profile = url_key(record.profile_url) if record.profile_url else None
        if profile and profile in self.urls:
            return self.urls[profile], "profile URL"
        for email in emails:
            if email in self.emails:
                return self.emails[email], "e-mail"
        candidates = self.names.get(name_key, set())
        if profile:
            candidates = {c for c in candidates if not self.profiles.get(c, set()) - {profile}}
        if len(candidates) > 1:
            return None, "ambiguous"
        if candidates:
            return next(iter(candidates)), "name"
        if not profile:
            for phone in phones:
                holders = self.phones.get(phone, set())
                if len(holders) == 1 and phone.startswith("+") and is_mobile(phone):
                    return next(iter(holders)), "phone"
        return None, "new"


@dataclass
class _Contact:
    """An import's view of one contact: its fields, and the details, aliases and circles it
    has (as keys), whether it is new in this import or was read from the database."""

    fields: dict[str, Any]
    new: bool
    details: set[tuple[str, str]] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    circles: set[int] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)  # columns to write back (existing ones)


@dataclass
class _Plan:
    """Everything the import will write, decided in memory and written by `write`."""

    store: Store
    today: date
    contacts: dict[int, _Contact] = field(default_factory=dict)
    details: list[tuple[int, str, str, str]] = field(default_factory=list)
    aliases: list[tuple[int, str, str]] = field(default_factory=list)
    members: list[tuple[int, int]] = field(default_factory=list)
    touches: list[tuple[int, str, str, str, int | None]] = field(default_factory=list)
    participants: list[tuple[int, int]] = field(default_factory=list)
    circles: dict[str, int] = field(default_factory=dict)  # folded circle name -> id
    events: dict[str, int] = field(default_factory=dict)  # folded event name -> id
    # (contact id, introducer's uid, introducer's name), resolved once every record is read
    vias: list[tuple[int, str | None, str | None]] = field(default_factory=list)
    # when the touches were recorded, in the format SQLAlchemy writes a DATETIME in
    created: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"))
    _next: dict[str, int] = field(default_factory=dict)
    _existing: dict[str, dict[int, set[Any]]] | None = None

    def next_id(self, table: str) -> int:
        """Ids for new rows: this import holds the write lock (BEGIN IMMEDIATE), so the ids
        after the highest one now are ours to give."""
        if table not in self._next:
            found = self.store.rows(f"SELECT coalesce(max(id), 0) AS top FROM {table}")
            self._next[table] = found[0].top
        self._next[table] += 1
        return self._next[table]

    def circle_id(self, name: str) -> int:
        """The circle called `name` (ignoring case and accents), created if new."""
        key = fold(name)
        if key not in self.circles:
            self.circles[key] = circle_id(self.store, name, create=True)
        return self.circles[key]

    def give_cadence(self, name: str, days: int) -> dict[str, Any]:
        """The import circle `name` gets `days` as its cadence if it is new or has none (a
        cadence the user set is kept); its name and cadence for the summary."""
        circle = self.circle_id(name)
        found = self.store.value("SELECT cadence_days FROM circle WHERE id = :id", {"id": circle})
        if found is None:
            self.store.execute(
                "UPDATE circle SET cadence_days = :days WHERE id = :id",
                {"id": circle, "days": days},
            )
        return {"name": name, "cadence_days": found or days}

    def event_id(self, name: str) -> int:
        """The event called `name` (ignoring case and accents), created if new."""
        key = fold(name)
        if key not in self.events:
            found = self.store.value("SELECT id FROM event WHERE name_key = :k", {"k": key})
            if found is None:
                found = self.store.insert(
                    "INSERT INTO event (name, name_key, created_on) VALUES (:n, :k, :d)",
                    {"n": name, "k": key, "d": self.today.isoformat()},
                )
            self.events[key] = int(found)
        return self.events[key]

    def resolve_vias(self, index: _Index) -> None:
        """Introducers by their uid, else by a name only one contact has."""
        for cid, uid, name in self.vias:
            via = index.uids.get(uid) if uid else None
            if via is None and name:
                holders = index.names.get(fold(name), set())
                via = next(iter(holders)) if len(holders) == 1 else None
            contact = self.contacts[cid]
            if via is not None and via != cid and contact.fields["via_id"] is None:
                _set(contact, "via_id", via)

    def new_contact(self, name: str, name_key: str, uid: str | None) -> tuple[int, _Contact]:
        cid = self.next_id("contact")
        fields = dict.fromkeys(_COLUMNS)
        fields.update(
            id=cid,
            name=name,
            name_key=name_key,
            uid=uid or str(uuid.uuid4()),
            created_on=self.today.isoformat(),
        )
        self.contacts[cid] = _Contact(fields, new=True)
        return cid, self.contacts[cid]

    def existing(self, contact_id: int) -> _Contact:
        """A contact of the database (or one this import already added), read once."""
        if contact_id not in self.contacts:
            if self._existing is None:  # the first merge: read what contacts have, once
                self._existing = {"details": {}, "aliases": {}, "circles": {}}
                for table, sql in (
                    ("details", "SELECT contact_id, kind, value_key FROM detail"),
                    ("aliases", "SELECT contact_id, name_key FROM alias"),
                    ("circles", "SELECT contact_id, circle_id FROM contact_circle"),
                ):
                    bucket = self._existing[table]
                    for row in self.store.rows(sql):
                        value = tuple(row[1:]) if table == "details" else row[1]
                        bucket.setdefault(row[0], set()).add(value)
            row = self.store.rows(
                f"SELECT {', '.join(_COLUMNS)} FROM contact WHERE id = :id",
                {"id": contact_id},
            )[0]
            self.contacts[contact_id] = _Contact(
                dict(zip(_COLUMNS, row, strict=True)),
                new=False,
                details=set(self._existing["details"].get(contact_id, ())),
                aliases=set(self._existing["aliases"].get(contact_id, ())),
                circles=set(self._existing["circles"].get(contact_id, ())),
            )
        return self.contacts[contact_id]

    def met_touch(self, contact_id: int, on: date, event_id: int | None) -> None:
        touch_id = self.next_id("touch")
        self.touches.append((touch_id, on.isoformat(), "met", self.created, event_id))
        self.participants.append((touch_id, contact_id))

    def stagger_arrivals(self) -> dict[str, Any]:
        """No flood: no morning gets more than HANDFUL newly due imported people.

        Each new contact the database gives a due date (m004's `due_on`: met + cadence) comes
        up on that day, tomorrow at the earliest, if that morning still has room. Taken in
        that order (closest circles, then the most recently met first), each gets the first
        day from there that has room; one moved later is held back by `first_due_on`. The pace
        is HANDFUL a day, or faster when there are more contacts than HANDFUL a day could bring
        up within a typical cadence. Run after `write`: the due dates are the database's."""
        new = [cid for cid, contact in self.contacts.items() if contact.new]
        rows = self.store.rows(
            "SELECT id, due_on, due_cadence FROM contact "
            "WHERE id IN (SELECT value FROM json_each(:ids)) AND due_on IS NOT NULL "
            "ORDER BY max(due_on, :tomorrow), due_cadence, last_touch_on DESC, name_key, id",
            {"ids": json_ids(new), "tomorrow": (self.today + timedelta(days=1)).isoformat()},
        )
        if not rows:
            return {"count": 0, "from": None, "until": None, "per_day": HANDFUL}
        tomorrow = self.today + timedelta(days=1)
        typical = sorted(r.due_cadence for r in rows)[len(rows) // 2]
        per_day = max(HANDFUL, -(-len(rows) // typical))
        taken: dict[date, int] = {}
        moved: list[tuple[str, int]] = []
        day = tomorrow
        for row in rows:
            natural = date.fromisoformat(str(row.due_on))
            day = max(day, natural)  # rows come in natural order: no room before `day`
            while taken.get(day, 0) >= per_day:
                day += timedelta(days=1)
            taken[day] = taken.get(day, 0) + 1
            if day > natural:
                moved.append((day.isoformat(), row.id))
        self.store.executemany("UPDATE contact SET first_due_on = ? WHERE id = ?", moved)
        days = [d for d, _id in moved]
        return {
            "count": len(moved),
            "from": date.fromisoformat(min(days)) if days else None,
            "until": date.fromisoformat(max(days)) if days else None,
            "per_day": per_day,
        }

    def write(self) -> None:
        """All of it, one executemany per table, parents before children."""
        # an introducer may come later in the file than the people they introduced: the
        # foreign keys are checked at commit (this pragma ends with the transaction)
        self.store.execute("PRAGMA defer_foreign_keys = ON")
        new = [c.fields for c in self.contacts.values() if c.new]
        columns = ", ".join(_COLUMNS)
        self.store.executemany(
            f"INSERT INTO contact ({columns}, archived) "
            f"VALUES ({', '.join(':' + c for c in _COLUMNS)}, 0)",
            new,
        )
        for contact in self.contacts.values():
            if not contact.new and contact.changed:
                sets = ", ".join(f"{c} = :{c}" for c in sorted(contact.changed))
                self.store.execute(f"UPDATE contact SET {sets} WHERE id = :id", contact.fields)
        self.store.executemany(
            "INSERT INTO detail (contact_id, kind, value, value_key) VALUES (?, ?, ?, ?)",
            self.details,
        )
        self.store.executemany(
            "INSERT INTO alias (contact_id, name, name_key) VALUES (?, ?, ?)", self.aliases
        )
        self.store.executemany(
            "INSERT INTO contact_circle (contact_id, circle_id) VALUES (?, ?)", self.members
        )
        self.store.executemany(
            "INSERT INTO touch (id, happened_on, kind, created_at, event_id) "
            "VALUES (?, ?, ?, ?, ?)",
            self.touches,
        )
        self.store.executemany(
            "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)", self.participants
        )


@dataclass
class _Summary:
    added: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def read_records(fmt: str, path: Path, column_map: str | None = None) -> ParseResult:
    """Parse `path` as `fmt`; a file that is not of that format at all is a BadInput.
    `column_map` ("Column=field,…") is the generic CSV's --map."""
    from netwerk.formats import parse_google, parse_linkedin, parse_vcards

    if not path.exists():
        raise BadInput(_("No such file or folder: {path}.").format(path=path))
    if fmt == "csv":
        result = _read_csv(path, column_map)
    else:
        parser = {"vcard": parse_vcards, "linkedin": parse_linkedin, "google": parse_google}[fmt]
        result = parser(path)
    whole = [p for p in result.problems if p.item == 0]
    if not result.records and whole:
        raise BadInput(
            _("{source}: {message}.").format(source=whole[0].source, message=whole[0].message)
        )
    return result


def _read_csv(path: Path, column_map: str | None) -> ParseResult:
    from netwerk.formats.csv_generic import MappingError, parse_csv, parse_map

    try:
        result, chosen = parse_csv(path, parse_map(column_map))
    except MappingError as e:
        raise BadInput(str(e)) from None
    result.columns = {
        "mapped": [{"column": c, "field": f} for c, _i, f in chosen.columns],
        "unmapped": chosen.unmapped,
    }
    return result


def import_records(
    store: Store,
    result: ParseResult,
    *,
    today: date,
    circles: list[str] | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    circle_cadence: int | None = None,
) -> dict[str, Any]:
    """Merge parsed records into the store; the documented `import --json` summary. With
    `circle_cadence`, the `circles` everyone lands in get that cadence unless they have one."""
    index = _Index.load(store)
    plan = _Plan(store, today)
    summary = _Summary()
    extra_circles = [clean_name(c, "circle name") for c in circles or []]
    landed = [plan.give_cadence(c, circle_cadence) for c in extra_circles] if circle_cadence else []
    step = progress(len(result.records)) if progress else None
    for problem in result.problems:
        where = f"{problem.source}:{problem.item}" if problem.item else problem.source
        (summary.warnings if problem.kept else summary.skipped).append(
            {"name": None, "where": where, "reason": problem.message}
        )
    for number, record in enumerate(result.records, start=1):
        try:
            _import_one(plan, index, record, summary, extra_circles, overwrite)
        except NetwerkError as e:  # a value we refuse (a name with control characters…)
            summary.skipped.append({"name": record.name, "where": f"#{number}", "reason": str(e)})
        if step:
            step()
    plan.resolve_vias(index)
    plan.write()
    touched = [cid for _touch, cid in plan.participants if not plan.contacts[cid].new]
    if touched:  # a met date for a contact that had none: its last touch may move
        store.execute(
            "UPDATE contact SET last_touch_on = (SELECT max(t.happened_on) FROM touch_contact tc "
            "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = contact.id) "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json_ids(touched),),
        )
    added = [a["id"] for a in summary.added]
    scheduled = plan.stagger_arrivals()
    waiting = store.rows(
        "SELECT count(*) AS n FROM contact WHERE id IN (SELECT value FROM json_each(:ids)) "
        "AND last_touch_on IS NULL AND first_due_on IS NULL",
        {"ids": json_ids(added)},
    )[0].n
    if dry_run:
        store.rollback()
    return {
        "dry_run": dry_run,
        "added": summary.added,
        "merged": summary.merged,
        "skipped": summary.skipped,
        "warnings": summary.warnings,
        "counts": {
            "added": len(summary.added),
            "merged": len(summary.merged),
            "skipped": len(summary.skipped),
        },
        "scheduled": scheduled,
        "waiting": waiting,
        "circles": landed,
        **({"columns": result.columns} if result.columns is not None else {}),
    }


def _import_one(
    plan: _Plan,
    index: _Index,
    record: ContactRecord,
    summary: _Summary,
    extra_circles: list[str],
    overwrite: bool,
) -> None:
    # Everything that can refuse the record is checked before anything is planned for it.
    name = clean_name(record.name)
    name_key = fold(name)
    circles = [clean_name(c, "circle name") for c in record.circles] + extra_circles
    emails, phones, dropped = _keys(record)
    contact_id, why = index.match(record, name_key, [k for k, _ in emails], [k for k, _ in phones])
    if why == "ambiguous":
        summary.skipped.append(
            {"name": name, "where": None, "reason": N_("several contacts have this name")}
        )
        return
    if contact_id is None:
        uid = record.uid if record.uid and record.uid not in index.uids else None
        cid, contact = plan.new_contact(name, name_key, uid)
        _merge_scalars(contact, record, overwrite)
        changes: list[str] = []
    else:
        cid, contact = contact_id, plan.existing(contact_id)
        changes = _merge_scalars(contact, record, overwrite)
    fields = contact.fields
    index.uids.setdefault(fields["uid"], cid)
    index.names.setdefault(fields["name_key"], set()).add(cid)
    aliases = [(name, name_key), *_aliases(record)]
    changes += _add_lists(plan, index, cid, contact, record, aliases, emails, phones, circles)
    if record.met_at and fields["met_event_id"] is None:
        _set(contact, "met_event_id", plan.event_id(clean_name(record.met_at, "event name")))
        changes.append("met_at")
    if record.via_name or record.via_uid:
        plan.vias.append((cid, record.via_uid, record.via_name))
    if fields["met_on"] is None and record.met_on and record.met_on <= plan.today:
        _set(contact, "met_on", record.met_on.isoformat())
        changes.append("met_on")
        plan.met_touch(cid, record.met_on, fields["met_event_id"])
        if fields["last_touch_on"] is None or fields["last_touch_on"] < fields["met_on"]:
            _set(contact, "last_touch_on", fields["met_on"])
    entry = {"id": cid, "name": fields["name"]}
    if dropped:
        entry["dropped"] = dropped
    if contact_id is None:
        summary.added.append(entry)
    elif changes:
        summary.merged.append({**entry, "matched_by": why, "fields": changes})
    else:
        summary.skipped.append({"name": name, "where": None, "reason": N_("already up to date")})


def _aliases(record: ContactRecord) -> list[tuple[str, str]]:
    """The record's other names, cleaned, with their keys (one that cannot be a name is left
    out)."""
    found = []
    for alias in record.aliases:
        try:
            clean = clean_name(alias, "alias")
        except BadInput:
            continue
        found.append((clean, fold(clean)))
    return found


def _set(contact: _Contact, column: str, value: Any) -> None:
    contact.fields[column] = value
    contact.changed.add(column)


def _keys(record: ContactRecord) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(key, value) pairs of the valid e-mails and phones, and the values we had to drop."""
    emails, phones, dropped = [], [], []
    for values, keyer, out in (
        (record.emails, email_key, emails),
        (record.phones, phone_key, phones),
    ):
        for value in values:
            try:
                out.append((keyer(value), value.strip()))
            except BadInput:
                dropped.append(value)
    return emails, phones, dropped


def _merge_scalars(contact: _Contact, record: ContactRecord, overwrite: bool) -> list[str]:
    """Fill the contact's empty fields from the record (all differing ones with overwrite)."""
    fields, changed = contact.fields, []
    for attr in SCALARS:
        new = getattr(record, attr)
        if new and fields[attr] != new and (overwrite or not fields[attr]):
            _set(contact, attr, new)
            changed.append(attr)
    cadence = record.cadence_days
    if cadence and fields["cadence_days"] != cadence and (overwrite or not fields["cadence_days"]):
        _set(contact, "cadence_days", cadence)
        changed.append("cadence")
    if record.birthday:
        current = (fields["birthday_year"], fields["birthday_month"], fields["birthday_day"])
        if current != record.birthday and (overwrite or fields["birthday_month"] is None):
            for column, value in zip(
                ("birthday_year", "birthday_month", "birthday_day"), record.birthday, strict=True
            ):
                _set(contact, column, value)
            changed.append("birthday")
    return changed


def _add_lists(
    plan: _Plan,
    index: _Index,
    cid: int,
    contact: _Contact,
    record: ContactRecord,
    aliases: list[tuple[str, str]],
    emails: list[tuple[str, str]],
    phones: list[tuple[str, str]],
    circles: list[str],
) -> list[str]:
    """Plan the record's e-mails, phones, URLs, aliases and circles the contact lacks."""
    changed: list[str] = []
    urls = [(url_key(u), u) for u in record.urls]
    if record.profile_url:
        profile = url_key(record.profile_url)
        if all(key != profile for key, _ in urls):
            urls.append((profile, record.profile_url))
    socials = [(url_key(s), s) for s in record.socials]
    # A UID other than the contact's own (a card matched by e-mail or name, a merged
    # duplicate) is remembered as a 'uid' detail, so the next import matches it directly.
    uid = contact.fields["uid"]
    uids = [(record.uid, record.uid)] if record.uid and record.uid != uid else []
    lists = (("email", emails), ("phone", phones), ("url", urls), ("social", socials))
    for kind, pairs in (*lists, ("uid", uids)):
        for key, value in pairs:
            if key and (kind, key) not in contact.details:
                contact.details.add((kind, key))
                plan.details.append((cid, kind, value, key))
                if kind == "email":
                    index.emails.setdefault(key, cid)
                elif kind == "phone":
                    index.phones.setdefault(key, set()).add(cid)
                elif kind == "url":
                    index.add_url(key, cid)
                elif kind == "uid":
                    index.uids.setdefault(key, cid)
                if kind + "s" not in changed:
                    changed.append(kind + "s")
    contact.aliases.add(contact.fields["name_key"])
    for clean, key in aliases:
        if key not in contact.aliases:
            contact.aliases.add(key)
            plan.aliases.append((cid, clean, key))
            index.names.setdefault(key, set()).add(cid)
            if "aliases" not in changed:
                changed.append("aliases")
    for circle_name in circles:
        circle_id = plan.circle_id(circle_name)
        if circle_id not in contact.circles:
            contact.circles.add(circle_id)
            plan.members.append((cid, circle_id))
            if "circles" not in changed:
                changed.append("circles")
    return changed
