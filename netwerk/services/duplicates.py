"""`netwerk duplicates`: likely duplicate pairs, each with its reasons and a ready merge command.

One pass, not pair by pair: every contact is put in buckets by keys (its e-mail addresses, its
phone numbers in E.164, its LinkedIn profiles, its folded name and aliases, and for close names
its family name plus first initial), and only contacts sharing a bucket are compared. At 50,000
contacts that is a few hundred thousand dictionary operations and a few thousand comparisons,
never the 1.25 billion pairs.

Reasons, strongest first: the same e-mail address, the same LinkedIn profile, the same phone
number (after normalisation: 06-12345678 is +31 6 12345678), the same name after folding
("Zoe de Vries" / "Zoë de Vries", an alias counts), and a close name ("J. Smit" / "Jan Smit",
"Piet Janssen" / "Piet Jansen"). A key more than MAX_SHARED contacts share (a company's
switchboard, an info@ address, a common name) says nothing about two of them and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netwerk.store.store import Store

# the reasons, strongest first (their order ranks the pairs); --json carries these keys
REASONS = ("email", "linkedin", "phone", "name", "close name")
MAX_SHARED = 6
# close-name buckets are checked name by name, so they may be bigger ("jan jan…" at 50,000)
MAX_CLOSE = 40
# rapidfuzz's ratio (0–100) above which two names in one close-name bucket are one person
CLOSE = 88


@dataclass
class _Pair:
    reasons: set[str] = field(default_factory=set)


def _bucket_pairs(buckets: dict[str, set[int]], cap: int = MAX_SHARED) -> list[tuple[int, int]]:
    found = []
    for ids in buckets.values():
        if 1 < len(ids) <= cap:
            ordered = sorted(ids)
            found += [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return found


def _words(name_key: str) -> list[str]:
    return name_key.replace(".", " ").replace(",", " ").split()


def find_duplicates(store: Store, *, limit: int | None = None) -> dict[str, Any]:
    """`{"pairs": [{"a", "b", "reasons", "merge"}], "total": N}`: likely duplicates, strongest
    first; `a` is the older contact (the one `merge` keeps)."""
    from rapidfuzz.fuzz import ratio

    contacts = {r.id: r for r in store.rows("SELECT id, name, company, name_key FROM contact")}
    keys: dict[str, dict[str, set[int]]] = {reason: {} for reason in REASONS}
    for cid, kind, key in store.rows(
        "SELECT contact_id, kind, value_key FROM detail WHERE kind IN ('email', 'phone', 'url')",
    ):
        if kind == "url":
            if not key.startswith("linkedin.com/in/"):
                continue
            kind = "linkedin"
        keys[kind].setdefault(key, set()).add(cid)
    names = [(cid, row.name_key) for cid, row in contacts.items()]
    names += [tuple(r) for r in store.rows("SELECT contact_id, name_key FROM alias")]
    exact = keys["name"]
    # "j smit" meets every "j… smit" (an initial and the family name), and "piet jansen" meets
    # "piet janssen" (a first name and the start of a family name): candidates, checked below
    initials: dict[str, set[int]] = {}
    firsts: dict[str, dict[str, set[int]]] = {}
    spelled: dict[str, list[tuple[int, str]]] = {}
    for cid, name_key in names:
        exact.setdefault(name_key, set()).add(cid)
        words = _words(name_key)
        if len(words) < 2:
            continue
        rest = " ".join(words[1:])
        if len(words[0]) == 1:
            initials.setdefault(f"{words[0]} {rest}", set()).add(cid)
        else:
            firsts.setdefault(f"{words[0][0]} {rest}", {}).setdefault(name_key, set()).add(cid)
            spelled.setdefault(f"{words[0]} {words[-1][:3]}", []).append((cid, name_key))

    pairs: dict[tuple[int, int], _Pair] = {}
    for reason in ("email", "linkedin", "phone", "name"):
        for pair in _bucket_pairs(keys[reason]):
            pairs.setdefault(pair, _Pair()).reasons.add(reason)

    def close(a: int, b: int) -> None:
        pair = (a, b) if a < b else (b, a)
        if a != b and pair not in pairs:
            pairs[pair] = _Pair({"close name"})

    for key, ids in initials.items():
        full = [cid for group in firsts.get(key, {}).values() for cid in group]
        if len(ids) + len(full) <= MAX_CLOSE:
            for a in ids:
                for b in [*ids, *full]:
                    close(a, b)
    for group in spelled.values():
        if 1 < len(group) <= MAX_CLOSE:
            for i, (a, key_a) in enumerate(group):
                for b, key_b in group[i + 1 :]:
                    if key_a != key_b and ratio(key_a, key_b) >= CLOSE:
                        close(a, b)

    def strength(item: tuple[tuple[int, int], _Pair]) -> tuple[int, int, int, int]:
        (a, b), pair = item
        return (min(REASONS.index(r) for r in pair.reasons), -len(pair.reasons), a, b)

    ranked = sorted(pairs.items(), key=strength)
    shown = ranked[:limit] if limit else ranked
    return {
        "pairs": [
            {
                "a": _contact(contacts[a]),
                "b": _contact(contacts[b]),
                "reasons": [r for r in REASONS if r in pair.reasons],
                "merge": f"netwerk merge '#{a}' '#{b}'",
            }
            for (a, b), pair in shown
        ],
        "total": len(ranked),
    }


def _contact(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "company": row.company}
