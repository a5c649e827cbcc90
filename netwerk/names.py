"""Resolving the NAME a user types to exactly one contact.

Order: `#ID`; an exact name or alias, ignoring case and accents ("zoe" finds "Zoë"); a unique
match on first name or on a prefix of the name. Several matches are an `Ambiguous` error listing
the candidates; none is a `NotFound` offering the closest names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from netwerk.errors import Ambiguous, BadInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.models import Contact
    from netwerk.query import Reader

MAX_NAME = 200
# Unicode category Cc, exactly: C0 controls, DEL and C1 controls
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zoë  de Vries' -> 'zoe de vries'."""
    if not text.isascii():  # ASCII has nothing to decompose: most text skips this
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


# punctuation that separates words in free text ("e-commerce", "ASML/Philips", "(CTO)")
_WORD_BREAKS = str.maketrans(dict.fromkeys(',.;:()/-!?"', " "))


def words(text: str) -> str:
    """Folded text with punctuation as spaces and a leading space, so `LIKE '% word%'` finds
    a word starting with `word` anywhere in it ("E-commerce" -> " e commerce")."""
    return " " + fold(text).translate(_WORD_BREAKS)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_key(value: str) -> str:
    """An e-mail address for matching (lower case), or BadInput if it is not one."""
    email = value.strip()
    if not _EMAIL.match(email) or len(email) > 320:
        raise BadInput(f"'{value}' is not an e-mail address.")
    return email.casefold()


def phone_key(value: str) -> str:
    """A phone number for matching, or BadInput if it is not one: its E.164 form
    (`netwerk.phones.normalize_phone`: "06-12345678" and "+31 6 12345678" are one number),
    else, for what the phone plan does not know (112, a short extension), its digits and +."""
    from netwerk.phones import normalize_phone

    digits = re.sub(r"[^\d+]", "", value)
    if len(re.sub(r"\D", "", digits)) < 3 or len(value) > 50:
        raise BadInput(f"'{value}' is not a phone number.")
    return normalize_phone(value) or digits


def clean_name(text: str, what: str = "name") -> str:
    """A name as stored: whitespace collapsed; refuse empty, control characters, huge."""
    name = " ".join(text.split())
    if not name:
        raise BadInput(f"The {what} is empty.")
    if len(name) > MAX_NAME:
        raise BadInput(f"The {what} is longer than {MAX_NAME} characters.")
    if _CONTROL.search(name):
        raise BadInput(f"The {what} {name!r} contains control characters.")
    return name


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def hash_id(query: str) -> int | None:
    """The number in '#12', or None when `query` is not of that form. An id beyond SQLite's
    64-bit integers comes back as 0, which no row has (the driver would overflow on it)."""
    if query.startswith("#") and query[1:].isdecimal():
        number = int(query[1:])
        return number if number < 2**63 else 0
    return None


def describe(contact: Any) -> str:
    """'#12 Piet Jansen (Acme)': how a contact is named in messages."""
    company = f" ({contact.company})" if contact.company else ""
    return f"#{contact.id} {contact.name}{company}"


def resolve(session: Session, text: str) -> Contact:
    """The one contact `text` names, or NotFound / Ambiguous (see `resolve_row`)."""
    from netwerk.models import Contact

    session.flush()  # plain SQL below: let it see what this session added, as the ORM would
    contact = session.get(Contact, resolve_row(session, text).id)
    assert contact is not None
    return contact


# the columns `resolve_row` returns (what `describe` and the messages need)
_ROW = "SELECT c.id, c.name, c.company, c.name_key FROM contact c"


def resolve_row(session: Session | Reader, text: str) -> Any:
    """The one contact `text` names as a row (id, name, company, name_key), or NotFound /
    Ambiguous: '#12'; else the exact name or an alias, ignoring case and accents; else a
    unique prefix of a name or alias, where a whole first name beats a mere prefix. Plain SQL,
    so read commands can resolve on a Reader without SQLAlchemy."""
    from netwerk.query import fetch

    query = text.strip()
    number = hash_id(query)
    if number is not None:
        found = fetch(session, f"{_ROW} WHERE c.id = :id", {"id": number})
        if not found:
            raise NotFound(f"No contact with id {query}.")
        return found[0]
    key = fold(query)
    if not key:
        raise BadInput("The name is empty.")

    exact = fetch(
        session,
        f"{_ROW} WHERE c.name_key = :key "
        "OR c.id IN (SELECT contact_id FROM alias WHERE name_key = :key)",
        {"key": key},
    )
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(query, exact)

    partial = fetch(
        session,
        f"{_ROW} WHERE c.name_key LIKE :prefix ESCAPE '\\' "
        "OR c.id IN (SELECT contact_id FROM alias WHERE name_key LIKE :prefix ESCAPE '\\') "
        "ORDER BY c.name_key LIMIT 51",
        {"prefix": _like_escape(key) + "%"},
    )
    if len(partial) > 1:
        # a whole first name beats a mere prefix: "jan" -> "Jan Jansen" over "Janneke"
        first = [c for c in partial if c.name_key.split(" ")[0] == key]
        if len(first) == 1:
            return first[0]
        raise _ambiguous(query, first or partial)
    if len(partial) == 1:
        return partial[0]
    raise NotFound(_not_found_message(session, query, key))


def _ambiguous(query: str, candidates: list[Any]) -> Ambiguous:
    shown = ", ".join(describe(c) for c in candidates[:8])
    more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
    return Ambiguous(f"'{query}' matches {shown}{more}. Use more of the name or #ID.")


def _not_found_message(session: Session | Reader, query: str, key: str) -> str:
    close = suggest(session, key)
    if close:
        return f"No contact '{query}'. Did you mean {' or '.join(close)}?"
    return f"No contact '{query}'. See 'netwerk list' or add them with 'netwerk add'."


def suggest(session: Session | Reader, key: str, limit: int = 3) -> list[str]:
    """The names closest to `key` (typos), for 'did you mean …'."""
    from rapidfuzz import fuzz, process

    from netwerk.query import fetch

    names: dict[str, str] = {}
    for name, name_key in fetch(
        session, "SELECT name, name_key FROM contact UNION ALL SELECT name, name_key FROM alias"
    ):
        names.setdefault(name_key, name)
    found = process.extract(key, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [names[match] for match, _score, _index in found]
