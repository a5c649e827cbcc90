"""Erasure: `netwerk forget` removes a person and every trace of them.

Rows that belong to the person go through the foreign keys (ON DELETE CASCADE / SET NULL), so
tables added by later migrations are covered as long as they reference `contact(id)` the same
way. Mentions of the person in other rows (the note of a shared touch, another contact's note)
are redacted generically: every text column of every table is searched, so new tables are
covered without changes here. The free pages and the write-ahead log are dealt with by
`netwerk.store.db.scrub` after the transaction commits.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from netwerk.rules.text import fold
from netwerk.services.contacts import remove_contact
from netwerk.services.names import resolve

if TYPE_CHECKING:
    from netwerk.store.store import Store

REDACTED = "[forgotten]"
# Columns that name or key another record: redacting them would rename someone else.
_IDENTITY = {"id", "name"}


def forget_contact(store: Store, name: str) -> dict[str, Any]:
    """Remove the contact `name` resolves to and redact their name and aliases everywhere.

    Returns {"id", "name", "touches_removed", "mentions_redacted"}.
    """
    # Overwrite deleted content with zeros instead of leaving it in free pages.
    store.execute("PRAGMA secure_delete = ON")
    contact = resolve(store, name)
    aliases = [
        r.name for r in store.rows("SELECT name FROM alias WHERE contact_id = ?", (contact.id,))
    ]
    terms = [contact.name, *aliases]
    # `netwerk sync` deletes the card on the server and keeps only its UID, so no later sync
    # brings them back; the last synced copy of the card goes now
    store.execute(
        "UPDATE sync_card SET forgotten = 1, base = NULL WHERE contact_id = :id",
        {"id": contact.id},
    )
    summary = remove_contact(store, f"#{contact.id}")
    summary["mentions_redacted"] = redact(store, terms)
    _merge_fulltext_indexes(store)
    # the undo journal holds row images of this person: none of it may outlive forget
    from netwerk.store.journal import clear

    clear(store.conn)
    return summary


def _merge_fulltext_indexes(store: Store) -> None:
    """A full-text index (FTS3/4/5) keeps a deleted word in its old segments until they are
    merged: 'optimize' rewrites each index without it."""
    rows = store.rows(
        "SELECT name FROM sqlite_master "
        "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%USING fts%'"
    )
    for (table,) in rows:
        store.execute(f'INSERT INTO "{table}" ("{table}") VALUES (\'optimize\')')


def _text_columns(store: Store) -> list[tuple[str, str]]:
    """(table, column) for every column that may hold free text, in every user table."""
    tables = [
        row[1]
        for row in store.rows("PRAGMA main.table_list")
        if row[2] in ("table", "virtual") and not row[1].startswith(("sqlite_", "_"))
    ]
    found = []
    for table in tables:
        for _cid, column, declared, *_ in store.rows(f'PRAGMA table_info("{table}")'):
            kind = (declared or "").upper()
            if column in _IDENTITY or column.endswith(("_key", "_id")):
                continue
            # free text is declared TEXT/VARCHAR/CLOB; an FTS table's columns have no type
            if not (any(t in kind for t in ("CHAR", "CLOB", "TEXT")) or not kind):
                continue
            found.append((table, column))
    return found


def redact(store: Store, terms: list[str]) -> int:
    """Replace each of `terms` (ignoring case and accents) in every text column; count rows."""
    keys = sorted({fold(t) for t in terms if fold(t)}, key=len, reverse=True)
    changed = 0
    for table, column in _text_columns(store):
        for key in keys:
            pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = store.rows(
                f'SELECT rowid, "{column}" FROM "{table}" '
                f"WHERE netwerk_fold(\"{column}\") LIKE :p ESCAPE '\\'",
                {"p": pattern},
            )
            for rowid, value in rows:
                # the LIKE above also finds "Piet" inside "Pietje": only whole words change
                redacted = redact_text(value, key) if isinstance(value, str) else value
                if redacted == value:
                    continue
                store.execute(
                    f'UPDATE "{table}" SET "{column}" = :v WHERE rowid = :r',
                    {"v": redacted, "r": rowid},
                )
                changed += 1
    return changed


def redact_text(value: str, key: str) -> str:
    """`value` with every whole-word stretch that folds to `key` replaced by REDACTED.

    Matching happens on the folded text (as `fold` does: no case, no accents, collapsed
    whitespace), and each match is mapped back to the characters of the original it came from.
    """
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: index in `value` of folded character i
    previous_space = True
    for index, ch in enumerate(value):
        if ch.isspace():
            if not previous_space:
                folded.append(" ")
                origin.append(index)
            previous_space = True
            continue
        previous_space = False
        decomposed = unicodedata.normalize("NFKD", ch)
        for part in "".join(c for c in decomposed if not unicodedata.combining(c)).casefold():
            folded.append(part)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(key)
    while start != -1:
        end = start + len(key)  # exclusive
        # whole words only: forgetting "Jan" must not touch "Jansen" or "Persoon 7771"
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() or after.isalnum()):
            spans.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(key, end)
        else:
            start = haystack.find(key, start + 1)
    out, last = [], 0
    for begin, stop in spans:
        if begin >= last:
            out += [value[last:begin], REDACTED]
            last = stop
    out.append(value[last:])
    return "".join(out)
