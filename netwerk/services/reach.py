"""Reading the network: `who QUERY` (who can help with X, and through whom you reach them) and
`path NAME` (the shortest chains from people you know well to someone).

"You" are not a contact: your first degree is everyone in the database. You *know someone
well* when they are not archived and your last touch is within twice their cadence. Knows links
are stored once per pair (see `service.network`), so both run a fixed number of queries (`path`
one recursive CTE), never a loop over contacts. `who` matches the words migration m014 keeps
per contact (`_contact_keys`: `rules.text.words` of each field, folded, punctuation as spaces),
so a search is one pass over that narrow table in SQLite, not a fold of every contact's fields
in Python.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.rules.text import fold, words
from netwerk.services.names import resolve
from netwerk.store.query import json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

# a contact `c` you know well, as SQL (binds :today): not archived, and touched within twice
# their cadence (`due_cadence`, kept by the database: see migration m004)
KNOWN_WELL_SQL = (
    "(c.archived = 0 AND c.last_touch_on IS NOT NULL AND "
    "julianday(:today) - julianday(c.last_touch_on) <= 2 * c.due_cadence)"
)
MAX_VIA = 3
MAX_HOPS = 3
MAX_CHAINS = 5
# where a query word may match in `who`, and how much each place counts
WHO_FIELDS = (("expertise", 3), ("role", 2), ("company", 2), ("note", 1))
# trailing endings `who` strips so 'pannenkoeken' finds 'pannenkoek' and 'pancakes' 'pancake';
# a doubled consonant left behind is undoubled, so 'bakken' finds 'bakt' and 'bakker'
SUFFIXES = ("en", "s")
MIN_STEM = 3


def stems(query: str) -> list[str]:
    """The words of a `who` query, each with one Dutch/English plural or verb ending removed."""
    result = []
    # the query is split where the text is (names.words), so 'e-commerce' finds "E-commerce"
    for word in words(query).split():
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiou":
                    word = word[:-1]
                break
        result.append(word)
    if not result:
        raise BadInput(_("Say what you are looking for, e.g. netwerk who pannenkoeken."))
    return result


def who(store: Store, query: str, *, today: date, limit: int = 20) -> list[dict[str, Any]]:
    """`netwerk who QUERY`: contacts whose expertise, role, company or note match every word
    (word-prefix, after stemming), ranked: people you know well, then people reachable through
    someone you know well (with `via`), then the rest of your contacts; within each by how well
    the fields match (expertise 3, role 2, company 2, note 1), then the most recent touch."""
    words = stems(query)
    params: dict[str, Any] = {"today": today.isoformat()}
    for i, word in enumerate(words):
        params[f"w{i}"] = (
            "% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )

    def likes(text: str) -> list[str]:
        return [f"{text} LIKE :w{i} ESCAPE '\\'" for i in range(len(words))]

    # The stored words (m014) filter in one pass over the narrow _contact_keys table; a row left
    # stale by another program is folded from the contact on the spot.
    fields = [f for f, _ in WHO_FIELDS]
    current = {f: f"(CASE WHEN w.stale THEN netwerk_words(c.{f}) ELSE w.{f} END)" for f in fields}
    rows = store.rows(
        "SELECT c.id, c.name, c.company, c.role, c.expertise, c.note, c.last_touch_on, "
        + ", ".join(f"({' OR '.join(likes(current[f]))}) AS m_{f}" for f in fields)
        + f", {KNOWN_WELL_SQL} AS well "
        "FROM _contact_keys w CROSS JOIN contact c ON c.id = w.contact_id "
        f"WHERE (w.stale OR ({' AND '.join(likes(' || '.join(f'w.{f}' for f in fields)))})) "
        f"AND {' AND '.join(likes(' || '.join(current[f] for f in fields)))}",
        params,
    )
    via = _via(store, [r.id for r in rows if not r.well], today)
    found = [
        {
            "id": r.id,
            "name": r.name,
            "company": r.company,
            "role": r.role,
            "expertise": r.expertise,
            "note": r.note,
            "matched": [field for field, _ in WHO_FIELDS if getattr(r, f"m_{field}")],
            "known_well": bool(r.well),
            "degree": 2 if via.get(r.id) else 1,
            "via": via.get(r.id, []),
            "last_touch": date.fromisoformat(r.last_touch_on) if r.last_touch_on else None,
        }
        for r in rows
    ]

    def rank(item: dict[str, Any]) -> tuple[Any, ...]:
        tier = 0 if item["known_well"] else (1 if item["via"] else 2)
        last = item["last_touch"].toordinal() if item["last_touch"] else 0
        weight = sum(dict(WHO_FIELDS)[field] for field in item["matched"])
        return (tier, -weight, -last, fold(item["name"]))

    found.sort(key=rank)
    return found[:limit] if limit else found


def _via(store: Store, ids: list[int], today: date) -> dict[int, list[dict[str, Any]]]:
    """For each contact not known well: the people you know well who know them (one query)."""
    result: dict[int, list[dict[str, Any]]] = {}
    if not ids:
        return result
    rows = store.rows(
        f"""
            SELECT m.value AS target, c.id, c.name, k.how FROM json_each(:ids) m
            JOIN knows k ON k.low_id = m.value OR k.high_id = m.value
            JOIN contact c ON c.id = CASE WHEN k.low_id = m.value THEN k.high_id ELSE k.low_id END
            WHERE {KNOWN_WELL_SQL}
            ORDER BY c.last_touch_on DESC, c.name_key
            """,
        {"ids": json_ids(ids), "today": today.isoformat()},
    )
    for r in rows:
        people = result.setdefault(r.target, [])
        if len(people) < MAX_VIA:
            people.append({"id": r.id, "name": r.name, "how": r.how})
    return result


def path(store: Store, name: str, *, today: date) -> dict[str, Any]:
    """`netwerk path NAME`: the shortest chains (up to 3 links) from people you know well to
    NAME through knows links. One recursive query finds the distances, one reads the links."""
    target = resolve(store, name)
    params = {"target": target.id, "today": today.isoformat(), "hops": MAX_HOPS}
    rows = store.rows(
        f"""
            WITH RECURSIVE
            bfs(id, depth) AS (
                SELECT :target, 0
                UNION
                SELECT CASE WHEN k.low_id = b.id THEN k.high_id ELSE k.low_id END, b.depth + 1
                FROM bfs b JOIN knows k ON k.low_id = b.id OR k.high_id = b.id
                WHERE b.depth < :hops AND (b.depth = 0 OR NOT (
                    SELECT {KNOWN_WELL_SQL} FROM contact c WHERE c.id = b.id))
            )
            SELECT bfs.id, min(bfs.depth) AS dist, {KNOWN_WELL_SQL} AS well, c.name,
                   c.last_touch_on
            FROM bfs JOIN contact c ON c.id = bfs.id GROUP BY bfs.id
            """,
        params,
    )
    dist = {r.id: r.dist for r in rows}
    label = {r.id: r.name for r in rows}
    me = next(r for r in rows if r.id == target.id)
    # someone you know well needs no chain
    starts = sorted(
        (r for r in rows if r.well and r.id != target.id and not me.well),
        key=lambda r: (r.dist, -(date.fromisoformat(r.last_touch_on).toordinal()), r.name),
    )[:MAX_CHAINS]
    chains = []
    if starts:
        links: dict[int, list[int]] = {}
        for low, high in store.rows(
            "SELECT low_id, high_id FROM knows WHERE low_id IN (SELECT value FROM "
            "json_each(:ids)) AND high_id IN (SELECT value FROM json_each(:ids))",
            {"ids": json_ids(list(dist))},
        ):
            links.setdefault(low, []).append(high)
            links.setdefault(high, []).append(low)
        for start in starts:
            chain, here = [start.id], start.id
            while dist[here] > 0:
                here = min(
                    (n for n in links.get(here, []) if dist.get(n) == dist[here] - 1),
                    key=lambda n: (n != target.id, label[n]),
                )
                chain.append(here)
            chains.append([{"id": cid, "name": label[cid]} for cid in chain])
    return {
        "id": target.id,
        "name": target.name,
        "known_well": bool(me.well),
        "chains": chains,
    }
