"""Who knows whom: `knows` links, `who` (who can help with X) and `path` (chains to someone).

"You" are not a contact: your first degree is everyone in the database. You *know someone
well* when they are not archived and your last touch is within twice their cadence. A knows
link is stored once per pair as (low_id, high_id) with an index from either side, so `who` and
`path` run a fixed number of queries (`path` one recursive CTE), never a loop over contacts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.errors import BadInput
from netwerk.models import Contact, Knows
from netwerk.names import fold, resolve
from netwerk.service.common import CADENCE_SQL, clean_text, json_ids

# a contact `c` you know well, as SQL (binds :today)
KNOWN_WELL_SQL = (
    "(c.archived = 0 AND c.last_touch_on IS NOT NULL AND "
    f"julianday(:today) - julianday(c.last_touch_on) <= 2 * {CADENCE_SQL})"
)
MAX_HOPS = 3
MAX_CHAINS = 5
MAX_VIA = 3
# where a query word may match in `who`, and how much each place counts
WHO_FIELDS = (("expertise", 3), ("role", 2), ("company", 2), ("note", 1))
# trailing endings `who` strips so 'pannenkoeken' finds 'pannenkoek' and 'pancakes' 'pancake';
# a doubled consonant left behind is undoubled, so 'bakken' finds 'bakt' and 'bakker'
SUFFIXES = ("en", "s")
MIN_STEM = 3


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def link(
    session: Session, a: Contact, b: Contact, *, how: str | None, today: date, update: bool = True
) -> bool:
    """Record that a and b know each other; True when the link is new. With `update`, a `how`
    replaces the one an existing link has."""
    if a.id == b.id:
        raise BadInput(f"{a.name} cannot be linked to themselves.")
    assert a.id is not None and b.id is not None
    low, high = pair(a.id, b.id)
    existing = session.get(Knows, (low, high))
    how = clean_text(how, "how") if how is not None else None
    if existing is not None:
        if how and update:
            existing.how = how
            session.add(existing)
        return False
    session.add(Knows(low_id=low, high_id=high, how=how, since=today))
    session.flush()
    return True


def knows(session: Session, a: str, b: str, *, how: str | None, today: date) -> dict[str, Any]:
    """`netwerk knows A B`: a symmetric link between two contacts."""
    first, second = resolve(session, a), resolve(session, b)
    new = link(session, first, second, how=how, today=today)
    low, high = pair(first.id, second.id)  # type: ignore[arg-type]
    stored = session.get(Knows, (low, high))
    return {
        "a": {"id": first.id, "name": first.name},
        "b": {"id": second.id, "name": second.name},
        "how": stored.how if stored else None,
        "new": new,
    }


def known_by(session: Session, contact_id: int) -> list[dict[str, Any]]:
    """Who a contact knows, by name (for `show`)."""
    rows = session.connection().execute(
        text(
            "SELECT c.id, c.name, k.how, k.since FROM knows k "
            "JOIN contact c ON c.id = CASE WHEN k.low_id = :id THEN k.high_id ELSE k.low_id END "
            "WHERE k.low_id = :id OR k.high_id = :id ORDER BY c.name_key"
        ),
        {"id": contact_id},
    )
    return [
        {"id": r.id, "name": r.name, "how": r.how, "since": date.fromisoformat(r.since)}
        for r in rows
    ]


def stems(query: str) -> list[str]:
    """The words of a `who` query, each with one Dutch/English plural or verb ending removed."""
    result = []
    for word in fold(query).replace(",", " ").split():
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiou":
                    word = word[:-1]
                break
        result.append(word)
    if not result:
        raise BadInput("Say what you are looking for, e.g. netwerk who pannenkoeken.")
    return result


def _words(*columns: str) -> str:
    """Folded columns with punctuation as spaces and a leading space, for word-prefix LIKE."""
    folded = f"netwerk_fold({', '.join('c.' + column for column in columns)})"
    for ch in ',.;:()/-!?"':
        folded = f"replace({folded}, '{ch}', ' ')"
    return f"(' ' || {folded})"


def who(session: Session, query: str, *, today: date, limit: int = 20) -> list[dict[str, Any]]:
    """`netwerk who QUERY`: contacts whose expertise, role, company or note match every word
    (word-prefix, after stemming), ranked: people you know well, then people reachable through
    someone you know well (with `via`), then the rest of your contacts; within each by how well
    the fields match (expertise 3, role 2, company 2, note 1), then the most recent touch."""
    words = stems(query)
    params: dict[str, Any] = {"today": today.isoformat()}
    conditions, flags = [], []
    for i, word in enumerate(words):
        params[f"w{i}"] = (
            "% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
    for field, _weight in WHO_FIELDS:
        any_word = " OR ".join(f"{_words(field)} LIKE :w{i} ESCAPE '\\'" for i in range(len(words)))
        flags.append(f"({any_word}) AS m_{field}")
    # one fold call per contact filters; the per-field flags run only on the matches
    everything = _words(*(f for f, _ in WHO_FIELDS))
    for i in range(len(words)):
        conditions.append(f"({everything}) LIKE :w{i} ESCAPE '\\'")
    rows = (
        session.connection()
        .execute(
            text(
                f"SELECT c.id, c.name, c.company, c.role, c.expertise, c.note, c.last_touch_on, "
                f"{', '.join(flags)}, {KNOWN_WELL_SQL} AS well "
                f"FROM contact c WHERE {' AND '.join(conditions)}"
            ),
            params,
        )
        .all()
    )
    via = _via(session, [r.id for r in rows if not r.well], today)
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


def _via(session: Session, ids: list[int], today: date) -> dict[int, list[dict[str, Any]]]:
    """For each contact not known well: the people you know well who know them (one query)."""
    result: dict[int, list[dict[str, Any]]] = {}
    if not ids:
        return result
    rows = session.connection().execute(
        text(
            f"""
            SELECT m.value AS target, c.id, c.name, k.how FROM json_each(:ids) m
            JOIN knows k ON k.low_id = m.value OR k.high_id = m.value
            JOIN contact c ON c.id = CASE WHEN k.low_id = m.value THEN k.high_id ELSE k.low_id END
            WHERE {KNOWN_WELL_SQL}
            ORDER BY c.last_touch_on DESC, c.name_key
            """
        ),
        {"ids": json_ids(ids), "today": today.isoformat()},
    )
    for r in rows:
        people = result.setdefault(r.target, [])
        if len(people) < MAX_VIA:
            people.append({"id": r.id, "name": r.name, "how": r.how})
    return result


def path(session: Session, name: str, *, today: date) -> dict[str, Any]:
    """`netwerk path NAME`: the shortest chains (up to 3 links) from people you know well to
    NAME through knows links. One recursive query finds the distances, one reads the links."""
    target = resolve(session, name)
    conn = session.connection()
    params = {"target": target.id, "today": today.isoformat(), "hops": MAX_HOPS}
    rows = conn.execute(
        text(
            f"""
            WITH RECURSIVE
            well(id) AS (SELECT c.id FROM contact c WHERE {KNOWN_WELL_SQL}),
            bfs(id, depth) AS (
                SELECT :target, 0
                UNION
                SELECT CASE WHEN k.low_id = b.id THEN k.high_id ELSE k.low_id END, b.depth + 1
                FROM bfs b JOIN knows k ON k.low_id = b.id OR k.high_id = b.id
                WHERE b.depth < :hops AND (b.depth = 0 OR b.id NOT IN well)
            )
            SELECT bfs.id, min(bfs.depth) AS dist, bfs.id IN well AS well, c.name,
                   c.last_touch_on
            FROM bfs JOIN contact c ON c.id = bfs.id GROUP BY bfs.id
            """
        ),
        params,
    ).all()
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
        for low, high in conn.execute(
            text(
                "SELECT low_id, high_id FROM knows WHERE low_id IN (SELECT value FROM "
                "json_each(:ids)) AND high_id IN (SELECT value FROM json_each(:ids))"
            ),
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
