"""Import: ContactRecords from vCard, LinkedIn and Google files, merged into the store.

A record is matched to a contact already there by, in order: the same UID, the same profile URL,
the same e-mail address, else the same name or alias (ignoring case and accents). A matched
contact is merged: empty fields are filled, lists (e-mails, phones, URLs, aliases, circles) gain
what they lack, and nothing is overwritten unless `overwrite`. So re-importing a file adds
nothing. The lookups are held in memory for the whole import, which keeps 2,000 LinkedIn rows
at a few queries each and makes duplicates inside one file merge too.

Imported contacts take their cadence from their circles. Their last touch is the met/connected
date when the file knows it (recorded as a `met` touch), else unknown: such contacts are not due
until touched or scheduled (`netwerk spread`). New contacts whose connection date is already a
cadence ago get staggered first due dates over the coming weeks. So an import never floods
`due`: 2,000 LinkedIn connections come up a few a day.

Everything runs in the caller's one transaction; `dry_run` rolls it back after counting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from netwerk.errors import BadInput, NetwerkError
from netwerk.formats.record import ContactRecord, ParseResult
from netwerk.models import Alias, Contact, ContactCircle, Detail, Touch, TouchContact
from netwerk.names import clean_name, fold
from netwerk.service.common import CADENCE_SQL, get_or_create_circle, json_ids
from netwerk.service.contacts import email_key, phone_key

FORMATS = ("vcard", "linkedin", "google", "json")
SCALARS = ("company", "role", "city", "note")
# A progress reporter: called once with the number of records, it returns "one more done".
Progress = Callable[[int], Callable[[], None]]


def url_key(url: str) -> str:
    """A URL for matching: no scheme, no 'www.', no trailing slash or query, lower case."""
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    key = re.sub(r"^www\.", "", key)
    return re.split(r"[?#]", key, maxsplit=1)[0].rstrip("/")


def _is_profile(key: str) -> bool:
    return key.startswith("linkedin.com/in/")


@dataclass
class _Index:
    """Every matching key in the database, kept current as the import adds contacts."""

    uids: dict[str, int] = field(default_factory=dict)
    urls: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    names: dict[str, set[int]] = field(default_factory=dict)
    # contact id -> its LinkedIn profile keys: two namesakes with different profiles are two
    # people, so a name match against a different profile is no match
    profiles: dict[int, set[str]] = field(default_factory=dict)
    circles: dict[str, int] = field(default_factory=dict)  # folded circle name -> id

    def circle_id(self, session: Session, name: str) -> int:
        key = fold(name)
        if key not in self.circles:
            circle = get_or_create_circle(session, name)
            assert circle.id is not None
            self.circles[key] = circle.id
        return self.circles[key]

    def add_url(self, key: str, contact_id: int) -> None:
        self.urls.setdefault(key, contact_id)
        if _is_profile(key):
            self.profiles.setdefault(contact_id, set()).add(key)

    @classmethod
    def load(cls, session: Session) -> _Index:
        index = cls()
        conn = session.connection()
        for cid, uid, name_key in conn.execute(text("SELECT id, uid, name_key FROM contact")):
            index.uids[uid] = cid
            index.names.setdefault(name_key, set()).add(cid)
        for cid, name_key in conn.execute(text("SELECT contact_id, name_key FROM alias")):
            index.names.setdefault(name_key, set()).add(cid)
        for cid, kind, key in conn.execute(
            text(
                "SELECT contact_id, kind, value_key FROM detail "
                "WHERE kind IN ('email', 'url', 'uid')"
            )
        ):
            if kind == "email":
                index.emails.setdefault(key, cid)
            elif kind == "uid":
                index.uids.setdefault(key, cid)
            else:
                index.add_url(key, cid)
        return index

    def match(self, record: ContactRecord, emails: list[str]) -> tuple[int | None, str]:
        """The contact this record is, and why; (None, reason) if new or ambiguous."""
        if record.uid and record.uid in self.uids:
            return self.uids[record.uid], "uid"
        profile = url_key(record.profile_url) if record.profile_url else None
        if profile and profile in self.urls:
            return self.urls[profile], "profile URL"
        for email in emails:
            if email in self.emails:
                return self.emails[email], "e-mail"
        candidates = self.names.get(fold(record.name), set())
        if profile:
            candidates = {c for c in candidates if not self.profiles.get(c, set()) - {profile}}
        if len(candidates) > 1:
            return None, "ambiguous"
        if candidates:
            return next(iter(candidates)), "name"
        return None, "new"


@dataclass
class _Summary:
    added: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def read_records(fmt: str, path: Path) -> ParseResult:
    """Parse `path` as `fmt`; a file that is not of that format at all is a BadInput."""
    from netwerk.formats import parse_google, parse_linkedin, parse_vcards

    if not path.exists():
        raise BadInput(f"No such file or folder: {path}.")
    parser = {"vcard": parse_vcards, "linkedin": parse_linkedin, "google": parse_google}[fmt]
    result = parser(path)
    whole = [p for p in result.problems if p.item == 0]
    if not result.records and whole:
        raise BadInput(f"{whole[0].source}: {whole[0].message}.")
    return result


def import_records(
    session: Session,
    result: ParseResult,
    *,
    today: date,
    circles: list[str] | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Merge parsed records into the store; the documented `import --json` summary."""
    index = _Index.load(session)
    summary = _Summary()
    extra_circles = [clean_name(c, "circle name") for c in circles or []]
    step = progress(len(result.records)) if progress else None
    for problem in result.problems:
        where = f"{problem.source}:{problem.item}" if problem.item else problem.source
        # the parsers say so when they kept the record without one unreadable field
        kept = "imported without" in problem.message
        (summary.warnings if kept else summary.skipped).append(
            {"name": None, "where": where, "reason": problem.message}
        )
    for number, record in enumerate(result.records, start=1):
        try:
            _import_one(session, index, record, summary, extra_circles, today, overwrite)
        except NetwerkError as e:  # a value we refuse (a name with control characters…)
            summary.skipped.append({"name": record.name, "where": f"#{number}", "reason": str(e)})
        if step:
            step()
    session.flush()
    added = [a["id"] for a in summary.added]
    scheduled = _stagger_due_on_arrival(session, added, today)
    waiting = (
        session.connection()
        .execute(
            text(
                "SELECT count(*) FROM contact WHERE id IN (SELECT value FROM json_each(:ids)) "
                "AND last_touch_on IS NULL AND first_due_on IS NULL"
            ),
            {"ids": json_ids(added)},
        )
        .scalar_one()
    )
    if dry_run:
        session.rollback()
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
    }


def _import_one(
    session: Session,
    index: _Index,
    record: ContactRecord,
    summary: _Summary,
    extra_circles: list[str],
    today: date,
    overwrite: bool,
) -> None:
    # Everything that can refuse the record is checked before anything is written for it.
    name = clean_name(record.name)
    circles = [clean_name(c, "circle name") for c in record.circles] + extra_circles
    emails, phones, dropped = _keys(record)
    contact_id, why = index.match(record, [k for k, _ in emails])
    if why == "ambiguous":
        summary.skipped.append(
            {"name": name, "where": None, "reason": "several contacts have this name"}
        )
        return
    if contact_id is None:
        contact = Contact(name=name, name_key=fold(name), created_on=today)
        if record.uid and record.uid not in index.uids:
            contact.uid = record.uid
        _merge_scalars(contact, record, overwrite)
        session.add(contact)
        session.flush()
        changes = []
    else:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        changes = _merge_scalars(contact, record, overwrite)
    assert contact.id is not None
    index.uids.setdefault(contact.uid, contact.id)
    index.names.setdefault(contact.name_key, set()).add(contact.id)
    changes += _add_lists(
        session, index, contact, record, name, emails, phones, circles, contact_id is None
    )
    if contact.met_on is None and record.met_on and record.met_on <= today:
        contact.met_on = record.met_on
        changes.append("met_on")
        touch = Touch(happened_on=record.met_on, kind="met", created_at=datetime.now(UTC))
        session.add(touch)
        session.flush()
        session.add(TouchContact(touch_id=touch.id, contact_id=contact.id))
        if contact.last_touch_on is None or contact.last_touch_on < record.met_on:
            contact.last_touch_on = record.met_on
    session.add(contact)
    entry = {"id": contact.id, "name": contact.name}
    if dropped:
        entry["dropped"] = dropped
    if contact_id is None:
        summary.added.append(entry)
    elif changes:
        summary.merged.append({**entry, "matched_by": why, "fields": changes})
    else:
        summary.skipped.append({"name": name, "where": None, "reason": "already up to date"})


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


def _merge_scalars(contact: Contact, record: ContactRecord, overwrite: bool) -> list[str]:
    """Fill the contact's empty fields from the record (all differing ones with overwrite)."""
    changed = []
    for attr in SCALARS:
        new = getattr(record, attr)
        if new and getattr(contact, attr) != new and (overwrite or not getattr(contact, attr)):
            setattr(contact, attr, new)
            changed.append(attr)
    if record.birthday:
        current = (contact.birthday_year, contact.birthday_month, contact.birthday_day)
        if current != record.birthday and (overwrite or contact.birthday_month is None):
            contact.birthday_year, contact.birthday_month, contact.birthday_day = record.birthday
            changed.append("birthday")
    return changed


def _add_lists(
    session: Session,
    index: _Index,
    contact: Contact,
    record: ContactRecord,
    name: str,
    emails: list[tuple[str, str]],
    phones: list[tuple[str, str]],
    circles: list[str],
    new: bool,
) -> list[str]:
    """Add the record's e-mails, phones, URLs, aliases and circles the contact lacks
    (a contact created just now has none: no need to ask the database)."""
    assert contact.id is not None
    changed: list[str] = []
    have = (
        set()
        if new
        else {
            (d.kind, d.value_key)
            for d in session.exec(select(Detail).where(Detail.contact_id == contact.id))
        }
    )
    urls = [(url_key(u), u) for u in record.urls]
    if record.profile_url and url_key(record.profile_url) not in {k for k, _ in urls}:
        urls.append((url_key(record.profile_url), record.profile_url))
    socials = [(url_key(s), s) for s in record.socials]
    # A UID other than the contact's own (a card matched by e-mail or name, a merged
    # duplicate) is remembered as a 'uid' detail, so the next import matches it directly.
    uids = [(record.uid, record.uid)] if record.uid and record.uid != contact.uid else []
    lists = (("email", emails), ("phone", phones), ("url", urls), ("social", socials))
    for kind, pairs in (*lists, ("uid", uids)):
        for key, value in pairs:
            if key and (kind, key) not in have:
                have.add((kind, key))
                session.add(Detail(contact_id=contact.id, kind=kind, value=value, value_key=key))
                if kind == "email":
                    index.emails.setdefault(key, contact.id)
                elif kind == "url":
                    index.add_url(key, contact.id)
                elif kind == "uid":
                    index.uids.setdefault(key, contact.id)
                if kind + "s" not in changed:
                    changed.append(kind + "s")
    aliases = (
        set()
        if new
        else set(session.exec(select(Alias.name_key).where(Alias.contact_id == contact.id)))
    )
    aliases.add(contact.name_key)
    for alias in [name, *record.aliases]:
        try:
            clean = clean_name(alias, "alias")
        except BadInput:
            continue
        if fold(clean) not in aliases:
            aliases.add(fold(clean))
            session.add(Alias(contact_id=contact.id, name=clean, name_key=fold(clean)))
            index.names.setdefault(fold(clean), set()).add(contact.id)
            if "aliases" not in changed:
                changed.append("aliases")
    member = (
        set()
        if new
        else set(
            session.exec(
                select(ContactCircle.circle_id).where(ContactCircle.contact_id == contact.id)
            )
        )
    )
    for circle_name in circles:
        circle_id = index.circle_id(session, circle_name)
        if circle_id not in member:
            member.add(circle_id)
            session.add(ContactCircle(contact_id=contact.id, circle_id=circle_id))
            if "circles" not in changed:
                changed.append("circles")
    return changed


def _stagger_due_on_arrival(session: Session, ids: list[int], today: date) -> dict[str, Any]:
    """New contacts whose met date is already a cadence ago would all be due tomorrow
    morning: give them staggered first due dates over the coming weeks instead (closest
    circles first), as `netwerk spread --overdue` would."""
    from netwerk.service.schedule import stagger

    rows = (
        session.connection()
        .execute(
            text(
                "SELECT c.id, c.name FROM contact c "
                "WHERE c.id IN (SELECT value FROM json_each(:ids)) "
                f"AND julianday(c.last_touch_on) + {CADENCE_SQL} <= julianday(:today) "
                f"ORDER BY {CADENCE_SQL}, c.last_touch_on DESC, c.name_key"
            ),
            {"ids": json_ids(ids), "today": today.isoformat()},
        )
        .all()
    )
    done = stagger(session, [(r.id, r.name) for r in rows], today + timedelta(days=1))
    return {"count": len(rows), "from": done["from"], "until": done["until"]}
