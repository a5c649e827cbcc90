"""Completion of contact names: what `netwerk show Pi<Tab>` offers.

Standard library only, and outside the `netwerk.cli` package (whose import loads Typer): both
the launcher's fast path (`netwerk.launch`) and Typer's `autocompletion=` hook
(`netwerk.cli.complete`) call `matching_names`. The database is opened read-only (`mode=ro`:
completing never creates, migrates or locks it); any problem (no database yet, an old schema)
means no suggestions rather than an error in the middle of a command line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

MAX_SUGGESTIONS = 50

# Names and aliases of unarchived contacts in which a word starts with what was typed (so does a
# run of words: "de v" offers "Anna de Vries"), alphabetically by their folded form. The scan
# runs inside SQLite on the folded keys and stops at the limit: a few ms on 50,000 contacts.
_MATCHING = """
    SELECT name, name_key FROM contact
    WHERE archived = 0 AND instr(' ' || name_key, ' ' || :typed) > 0
    UNION
    SELECT a.name, a.name_key FROM alias a JOIN contact c ON c.id = a.contact_id
    WHERE c.archived = 0 AND instr(' ' || a.name_key, ' ' || :typed) > 0
    ORDER BY 2, 1 LIMIT :limit
"""


# Contacts whose phone number starts with what was typed, in E.164 ("0612" is "+31612…").
_BY_PHONE = """
    SELECT DISTINCT c.name, c.name_key FROM detail d JOIN contact c ON c.id = d.contact_id
    WHERE c.archived = 0 AND d.kind = 'phone' AND d.value_key LIKE :prefix || '%'
    ORDER BY 2, 1 LIMIT :limit
"""


def matching_names(path: Path, incomplete: str) -> list[str]:
    """Up to MAX_SUGGESTIONS names and aliases matching `incomplete`, ignoring case and accents
    ("zo" offers "Zoë de Vries", "jans" offers "Piet Jansen"), or the contacts whose phone
    number starts with it however written ("06 12" offers the holder of +31 6 12345678); []
    when there is no database."""
    from netwerk.rules.text import fold

    if not path.is_file():
        return []
    prefix = None
    if any(ch.isdigit() for ch in incomplete[:2]):  # names rarely start with a digit
        from netwerk.rules.phones import phone_prefix

        prefix = phone_prefix(incomplete)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            if prefix:
                rows = conn.execute(
                    _BY_PHONE, {"prefix": prefix, "limit": MAX_SUGGESTIONS}
                ).fetchall()
            else:
                rows = conn.execute(
                    _MATCHING, {"typed": fold(incomplete), "limit": MAX_SUGGESTIONS}
                ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    # a contact's name and its own alias may fold alike but be spelled differently: both stay
    return [name for name, _key in rows]
