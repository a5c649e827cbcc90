"""Resolving the NAME a user types to exactly one contact.

Order: `#ID`; an exact name or alias, ignoring case and accents ("zoe" finds "Zoë"); a unique
match on first name or on a prefix of the name. Several matches are an `Ambiguous` error listing
the candidates; none is a `NotFound` offering the closest names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.errors import Ambiguous, BadInput, NotFound
from netwerk.i18n import _, ngettext
from netwerk.rules.names import family_forms, sort_key, split_name, written_forward
from netwerk.rules.text import fold, hash_id

if TYPE_CHECKING:
    from netwerk.store.store import Store


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def describe(contact: Any) -> str:
    """'#12 Piet Jansen (Acme)': how a contact is named in messages."""
    company = f" ({contact.company})" if contact.company else ""
    return f"#{contact.id} {contact.name}{company}"


# the columns `resolve` returns (what `describe` and the messages need)
_ROW = "SELECT c.id, c.name, c.company, c.name_key FROM contact c"


def resolve(store: Store, text: str) -> Any:
    """The one contact `text` names as a row (id, name, company, name_key), or NotFound /
    Ambiguous: '#12'; else the exact name or an alias, ignoring case and accents; else a
    unique prefix of a name or alias, where a whole first name beats a mere prefix; else the
    family name alone, with or without its particles ('berg', 'van der berg' for Jan van der
    Berg). A name written surname first ('Berg, Jan van der') is read forwards."""

    query = text.strip()
    number = hash_id(query)
    if number is not None:
        found = store.rows(f"{_ROW} WHERE c.id = :id", {"id": number})
        if not found:
            raise NotFound(_("No contact with id {id}.").format(id=query))
        return found[0]
    key = fold(query)
    if not key:
        raise BadInput(_("The name is empty."))
    by_phone = _by_phone(store, query)
    if len(by_phone) == 1:
        return by_phone[0]
    if by_phone:
        raise _ambiguous(query, by_phone)

    exact = _exact(store, key)
    if not exact and "," in query:
        key = fold(written_forward(query)) or key
        exact = _exact(store, key)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(query, exact)

    partial = store.rows(
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
    sql = (
        f"{_ROW} WHERE c.name_key LIKE :last ESCAPE '\\' OR c.name_key LIKE :first "
        "ESCAPE '\\' OR c.name_key LIKE :inner ESCAPE '\\' ORDER BY c.name_key LIMIT 51"
    )
    patterns = _family_patterns(_like_escape(key))
    by_family = [c for c in store.rows(sql, patterns) if key in family_forms(c.name)]
    if not by_family and " " in key:
        # the whole name in another order: 'Dijk, Jan van' for 'Van Dijk, Jan'
        wanted = sort_key(query)
        escaped = _like_escape(fold(split_name(query)[2]))
        by_family = [
            c for c in store.rows(sql, _family_patterns(escaped)) if sort_key(c.name) == wanted
        ]
    if len(by_family) == 1:
        return by_family[0]
    if by_family:
        raise _ambiguous(query, by_family)
    raise NotFound(_not_found_message(store, query, key))


def _family_patterns(escaped: str) -> dict[str, str]:
    # '… berg' at the end, or 'van dijk, …' / '… dijk, …' when stored surname first
    return {"last": f"% {escaped}", "first": f"{escaped},%", "inner": f"% {escaped},%"}


def _exact(store: Store, key: str) -> list[Any]:
    """Contacts whose name or alias folds to `key`."""
    return store.rows(
        f"{_ROW} WHERE c.name_key = :key "
        "OR c.id IN (SELECT contact_id FROM alias WHERE name_key = :key)",
        {"key": key},
    )


def _by_phone(store: Store, query: str) -> list[Any]:
    """The contacts with the phone number `query` however written ('0612345678' finds
    '+31 6 12345678'); [] when `query` is not a whole phone number."""
    from netwerk.rules.phones import phone_prefix

    if sum(ch.isdigit() for ch in query) < 6 or phone_prefix(query) is None:
        return []
    from netwerk.rules.phones import normalize_phone

    number = normalize_phone(query)
    if number is None:
        return []
    return store.rows(
        f"{_ROW} WHERE c.id IN (SELECT contact_id FROM detail "
        "WHERE kind = 'phone' AND value_key = :key)",
        {"key": number},
    )


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


def _not_found_message(store: Store, query: str, key: str) -> str:
    close = suggest(store, key)
    if close:
        return _("No contact '{query}'. Did you mean {names}?").format(
            query=query, names=_(" or ").join(close)
        )
    return _("No contact '{query}'. See 'netwerk list' or add them with 'netwerk add'.").format(
        query=query
    )


def suggest(store: Store, key: str, limit: int = 3) -> list[str]:
    """The names closest to `key` (typos), for 'did you mean …'."""
    from rapidfuzz import fuzz, process

    names: dict[str, str] = {}
    for name, name_key in store.rows(
        "SELECT name, name_key FROM contact UNION ALL SELECT name, name_key FROM alias"
    ):
        names.setdefault(name_key, name)
    found = process.extract(key, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [names[match] for match, _score, _index in found]
