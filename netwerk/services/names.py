"""Resolving the NAME a user types to exactly one contact.

Order: `#ID`; an exact name or alias, ignoring case and accents ("zoe" finds "Zoë"); a unique
match on first name or on a prefix of the name. Several matches are an `Ambiguous` error listing
the candidates; none is a `NotFound` offering the closest names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.errors import Ambiguous, BadInput, NotFound
from netwerk.i18n import _, ngettext
from netwerk.rules.text import fold, hash_id

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.store.models import Contact
    from netwerk.store.query import Reader


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def describe(contact: Any) -> str:
    """'#12 Piet Jansen (Acme)': how a contact is named in messages."""
    company = f" ({contact.company})" if contact.company else ""
    return f"#{contact.id} {contact.name}{company}"


def resolve(session: Session, text: str) -> Contact:
    """The one contact `text` names, or NotFound / Ambiguous (see `resolve_row`)."""
    from netwerk.store.models import Contact

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
    from netwerk.store.query import fetch

    query = text.strip()
    number = hash_id(query)
    if number is not None:
        found = fetch(session, f"{_ROW} WHERE c.id = :id", {"id": number})
        if not found:
            raise NotFound(_("No contact with id {id}.").format(id=query))
        return found[0]
    key = fold(query)
    if not key:
        raise BadInput(_("The name is empty."))

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
    if len(candidates) > 8:
        more = len(candidates) - 8
        message = ngettext(
            "'{query}' matches {names} and {n} more. Use more of the name or #ID.",
            "'{query}' matches {names} and {n} more. Use more of the name or #ID.",
            more,
        ).format(query=query, names=shown, n=more)
    else:
        message = _("'{query}' matches {names}. Use more of the name or #ID.").format(
            query=query, names=shown
        )
    return Ambiguous(message)


def _not_found_message(session: Session | Reader, query: str, key: str) -> str:
    close = suggest(session, key)
    if close:
        return _("No contact '{query}'. Did you mean {names}?").format(
            query=query, names=_(" or ").join(close)
        )
    return _("No contact '{query}'. See 'netwerk list' or add them with 'netwerk add'.").format(
        query=query
    )


def suggest(session: Session | Reader, key: str, limit: int = 3) -> list[str]:
    """The names closest to `key` (typos), for 'did you mean …'."""
    from rapidfuzz import fuzz, process

    from netwerk.store.query import fetch

    names: dict[str, str] = {}
    for name, name_key in fetch(
        session, "SELECT name, name_key FROM contact UNION ALL SELECT name, name_key FROM alias"
    ):
        names.setdefault(name_key, name)
    found = process.extract(key, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [names[match] for match, _score, _index in found]
