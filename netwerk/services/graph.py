"""`netwerk graph`: who knows whom, as a picture (the data of it; `formats.dot` writes DOT).

The picture: you in the middle, linked to everyone shown, the line as heavy as your touches
with them in the period; knows-links and introductions between the people shown, a knows-link
as heavy as the touches the two shared; contacts coloured by circle, and bridges (people in
two or more circles) marked.

Who is shown: the `limit` most-touched people in the period (of a circle, with `circle`), or,
with `around`, everyone within `depth` links of that person through knows-links and
introductions (never cut: the depth bounds it). With `since`, only people touched since then
(and the person `around`). The cap is part of the result, so the picture and the command both
say it. A fixed number of plain-SQL queries on the Store (no SQLAlchemy), whatever the size
of the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netwerk.store.query import circle_filter, circles_of, json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

DEFAULT_LIMIT = 60
DEFAULT_DEPTH = 1
MAX_DEPTH = 6
# without --since, the line weights count the touches of the last year
WINDOW_DAYS = 365


@dataclass
class Node:
    id: int
    name: str
    circles: list[str]
    touches: int
    center: bool = False  # the person --around

    @property
    def bridge(self) -> bool:
        return len(self.circles) >= 2


@dataclass
class Edge:
    a: int
    b: int
    kind: str  # 'knows' or 'intro'
    touches: int = 0  # touches the two shared in the period


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    since: date
    total: int  # how many people could have been shown
    limit: int | None  # the cap that applied (None: everyone, or --around)
    circle: str | None = None
    around: str | None = None
    circles: list[str] = field(default_factory=list)  # in colour order

    @property
    def capped(self) -> bool:
        return len(self.nodes) < self.total

    def as_json(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "circle": self.circle,
            "around": self.around,
            "shown": len(self.nodes),
            "total": self.total,
            "limit": self.limit,
            "capped": self.capped,
            "nodes": [
                {
                    "id": n.id,
                    "name": n.name,
                    "circles": n.circles,
                    "touches": n.touches,
                    "bridge": n.bridge,
                    "center": n.center,
                }
                for n in self.nodes
            ],
            "edges": [
                {"a": e.a, "b": e.b, "kind": e.kind, "touches": e.touches} for e in self.edges
            ],
        }


# both directions of every link between two contacts: knows-links and introductions
_LINKS = """
    SELECT low_id AS a, high_id AS b FROM knows UNION ALL SELECT high_id, low_id FROM knows
    UNION ALL SELECT a_id, b_id FROM intro UNION ALL SELECT b_id, a_id FROM intro"""


def graph(
    store: Store,
    *,
    today: date,
    since: date | None = None,
    circle: str | None = None,
    around: str | None = None,
    depth: int = DEFAULT_DEPTH,
    limit: int | None = DEFAULT_LIMIT,
) -> Graph:
    """The people, links and colours of the picture (see the module docstring)."""
    from netwerk.services.names import resolve

    window = since or today - timedelta(days=WINDOW_DAYS)
    params: dict[str, Any] = {"since": window.isoformat(), "today": today.isoformat()}
    member = circle_filter(store, circle, params)
    touched = "AND n.touches > 0" if since else ""
    counts = """
        LEFT JOIN (
            SELECT tc.contact_id, count(*) AS touches FROM touch t
            CROSS JOIN touch_contact tc ON tc.touch_id = t.id
            WHERE t.happened_on >= :since AND t.happened_on <= :today GROUP BY tc.contact_id
        ) n ON n.contact_id = c.id"""
    center = None
    if around is not None:
        center = resolve(store, around).id
        params.update(center=center, depth=depth)
        rows = store.rows(
            f"""
            WITH RECURSIVE near(id, d) AS (
                SELECT :center, 0
                UNION SELECT l.b, near.d + 1 FROM near JOIN ({_LINKS}) l ON l.a = near.id
                WHERE near.d < :depth
            )
            SELECT c.id, c.name, COALESCE(n.touches, 0) AS touches, count(*) OVER () AS total
            FROM contact c {counts}
            WHERE c.id IN (SELECT id FROM near)
              AND (c.id = :center OR (c.archived = 0 {member} {touched}))
            ORDER BY COALESCE(n.touches, 0) DESC, c.name_key, c.id
            """,
            params,
        )
        cap = None
    else:
        params["limit"] = limit if limit else -1
        rows = store.rows(
            f"""
            SELECT c.id, c.name, COALESCE(n.touches, 0) AS touches, count(*) OVER () AS total
            FROM contact c {counts}
            WHERE c.archived = 0 {member} {touched}
            ORDER BY COALESCE(n.touches, 0) DESC, c.name_key, c.id LIMIT :limit
            """,
            params,
        )
        cap = limit or None
    ids = [r.id for r in rows]
    circles = circles_of(store, ids)
    nodes = [Node(r.id, r.name, circles[r.id], r.touches, r.id == center) for r in rows]
    return Graph(
        nodes=nodes,
        edges=_edges(store, ids, params),
        since=window,
        total=rows[0].total if rows else 0,
        limit=cap,
        circle=circle,
        around=rows[0].name if center is not None and rows else None,
        circles=sorted({c for n in nodes for c in n.circles}, key=str.casefold),
    )


def _edges(store: Store, ids: list[int], params: dict[str, Any]) -> list[Edge]:
    """Knows-links (with the touches the two shared) and introductions among `ids`."""
    if len(ids) < 2:
        return []
    p = {**params, "ids": json_ids(ids)}
    knows = store.rows(
        """
        WITH shown(id) AS (SELECT value FROM json_each(:ids))
        SELECT k.low_id AS a, k.high_id AS b, (
            SELECT count(*) FROM touch_contact x JOIN touch_contact y
              ON y.touch_id = x.touch_id AND y.contact_id = k.high_id
            JOIN touch t ON t.id = x.touch_id
            WHERE x.contact_id = k.low_id AND t.happened_on >= :since
              AND t.happened_on <= :today) AS touches
        FROM knows k WHERE k.low_id IN shown AND k.high_id IN shown
        ORDER BY k.low_id, k.high_id
        """,
        p,
    )
    intros = store.rows(
        """
        WITH shown(id) AS (SELECT value FROM json_each(:ids))
        SELECT DISTINCT min(i.a_id, i.b_id) AS a, max(i.a_id, i.b_id) AS b FROM intro i
        WHERE i.a_id IN shown AND i.b_id IN shown ORDER BY a, b
        """,
        p,
    )
    # an introduction usually made the two know each other: one line, dashed, for the pair
    shared = {(r.a, r.b): r.touches for r in knows}
    introduced = {(r.a, r.b) for r in intros}
    edges = [Edge(a, b, "knows", n) for (a, b), n in shared.items() if (a, b) not in introduced]
    edges += [Edge(a, b, "intro", shared.get((a, b), 0)) for a, b in sorted(introduced)]
    return edges


FORMATS = ("dot", "svg", "png")


def dot_program() -> str:
    """The path of Graphviz's `dot`, or BadInput saying in one line how to get it."""
    import shutil

    from netwerk.errors import BadInput
    from netwerk.i18n import _

    found = shutil.which("dot")
    if found is None:
        raise BadInput(
            _(
                "SVG and PNG need Graphviz's `dot` program, which is not installed: install "
                "Graphviz (Debian/Ubuntu: sudo apt install graphviz; macOS: brew install "
                "graphviz), or use --format dot."
            )
        )
    return found


def write_picture(dot_text: str, fmt: str, target: Path) -> None:
    """Write `dot_text` to `target` as DOT, or drawn by Graphviz as SVG or PNG. The file
    appears whole or not at all (written beside it, then renamed)."""
    import os
    import subprocess
    import tempfile

    from netwerk.errors import BadInput
    from netwerk.i18n import _

    program = dot_program() if fmt != "dot" else None
    folder = target.parent
    if not folder.is_dir():
        raise BadInput(
            _("Cannot write {path}: no folder {folder}.").format(path=target, folder=folder)
        )
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            if program is None:
                f.write(dot_text.encode())
            else:
                done = subprocess.run(
                    [program, f"-T{fmt}"],
                    input=dot_text.encode(),
                    stdout=f,
                    stderr=subprocess.PIPE,
                    timeout=300,
                    check=False,
                )
                if done.returncode != 0:
                    detail = done.stderr.decode(errors="replace").strip().splitlines()
                    raise BadInput(
                        _("Graphviz could not draw the graph: {detail}").format(
                            detail=detail[-1] if detail else done.returncode
                        )
                    )
        os.replace(temp, target)
    except OSError as e:
        raise BadInput(
            _("Cannot write {path}: {reason}.").format(path=target, reason=e.strerror)
        ) from e
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
