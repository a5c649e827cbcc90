"""Graphviz DOT for `netwerk graph`: a pure function from the graph's data to DOT text.

Layout `twopi` with you as its root puts you in the middle and your contacts in a ring around
you. Every contact has a fill colour by circle (the first of theirs, in the legend's order;
grey for none); bridges, in two or more circles, get a double outline and a ◆ before the name.
A line from you is as heavy as your touches with that person in the period; a knows-link as
heavy as the touches the two shared; introductions are dashed and orange. Names are quoted as
DOT strings (quotes and backslashes escaped, control characters dropped), so any name is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netwerk.services.graph import Graph

# Colour-blind-safe-ish, light enough for black text (Okabe-Ito and ColorBrewer Set3 hues)
PALETTE = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
    "#d9d9d9",
)
NO_CIRCLE = "#eeeeee"
YOU = "you"
MAX_PEN = 6.0


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string."""
    clean = "".join(ch for ch in text if ch >= " " or ch == "\n")
    escaped = clean.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def pen(touches: int) -> str:
    """Line width for a number of touches: 1 for none, growing to MAX_PEN at 10 or more."""
    return f"{1 + min(touches, 10) * (MAX_PEN - 1) / 10:.1f}"


def colours(graph: Graph) -> dict[str, str]:
    """Circle name -> fill colour, in the graph's circle order (the palette repeats)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(graph.circles)}


def html(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label."""
    clean = "".join(ch for ch in text if ch >= " ")
    return (
        clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def legend(fill: dict[str, str], caption: str | None, keys: str) -> str:
    """The graph's label: a row of circle colours, the key to the marks, then the caption."""
    rows = []
    if fill:
        cells = "".join(
            f'<td bgcolor="{colour}">{html(name)}</td>' for name, colour in fill.items()
        )
        rows.append(f"<tr>{cells}</tr>")
    span = f' colspan="{max(len(fill), 1)}"'
    rows.append(f'<tr><td{span} border="0">{html(keys)}</td></tr>')
    if caption:
        rows.append(f'<tr><td{span} border="0">{html(caption)}</td></tr>')
    table = '<table border="0" cellborder="1" cellspacing="4" cellpadding="4">'
    return f"<{table}{''.join(rows)}</table>>"


def to_dot(graph: Graph, *, you: str, caption: str | None, keys: str) -> str:
    """The whole DOT text; `you` labels the middle, `keys` explains the marks and `caption`
    (the cap) goes under the legend."""
    fill = colours(graph)
    out = [
        "graph netwerk {",
        f"  graph [layout=twopi, root={YOU}, overlap=false, splines=true, ranksep=2.2,"
        f' fontname="Helvetica", fontsize=11, labelloc=b,',
        f"    label={legend(fill, caption, keys)}];",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11,'
        ' color="#555555"];',
        '  edge [color="#bbbbbb"];',
        f'  {YOU} [label={quote(you)}, shape=ellipse, fillcolor="#333333", fontcolor=white,'
        " fontsize=14];",
    ]
    # twopi places the ring in the order of the lines from the root: circle by circle
    ring = sorted(
        graph.nodes,
        key=lambda n: (not n.circles, [c.casefold() for c in n.circles[:1]], -n.touches),
    )
    for node in ring:
        colour = fill[node.circles[0]] if node.circles else NO_CIRCLE
        label = ("◆ " if node.bridge else "") + node.name
        extra = ", peripheries=2, penwidth=1.5" if node.bridge else ""
        extra += ', color="#000000", penwidth=2.5' if node.center else ""
        out.append(
            f"  c{node.id} [label={quote(label)}, fillcolor={quote(colour)},"
            f" tooltip={quote(', '.join(node.circles))}{extra}];"
        )
    for node in ring:
        out.append(f'  {YOU} -- c{node.id} [penwidth={pen(node.touches)}, color="#cccccc"];')
    for edge in graph.edges:
        if edge.kind == "intro":
            style = f'style=dashed, color="#e66101", penwidth={pen(edge.touches)}'
        else:
            style = f'color="#4d4d4d", penwidth={pen(edge.touches)}'
        out.append(f"  c{edge.a} -- c{edge.b} [{style}];")
    out.append("}")
    return "\n".join(out) + "\n"
