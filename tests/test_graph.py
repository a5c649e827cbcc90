"""`netwerk graph`: the DOT is parsed back (nodes, edges, colours, the cap); with Graphviz the
SVG and PNG are drawn and checked; without it, one line says how to get it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netwerk.formats.dot import PALETTE, html, pen, quote

NETWERK = Path(sys.executable).with_name("netwerk")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

_NODE = re.compile(r'^\s*(c\d+) \[label="((?:[^"\\]|\\.)*)", fillcolor="([^"]*)"(.*)\];$')
_EDGE = re.compile(r"^\s*(you|c\d+) -- (c\d+) \[(.*)\];$")


def parse(dot: str) -> tuple[dict[str, dict], list[tuple[str, str, str]]]:
    """Nodes (id -> label, colour, attributes) and edges (a, b, attributes) of our DOT."""
    nodes, edges = {}, []
    for line in dot.splitlines():
        if m := _NODE.match(line):
            label = m[2].replace('\\"', '"').replace("\\\\", "\\")
            nodes[m[1]] = {"label": label, "fill": m[3], "rest": m[4]}
        elif m := _EDGE.match(line):
            edges.append((m[1], m[2], m[3]))
    return nodes, edges


@pytest.fixture
def network(run, people):
    """Piet (werk, 3 touches), Anna (werk + fiets: a bridge), Klaas (fiets), Sanne (familie),
    Oud (archived); Piet knows Anna, Anna knows Klaas; Klaas introduced to Sanne."""
    people("Piet Jansen", met="2026-01-10", circle="werk")
    run.ok("add", "Anna de Vries", "--met", "2026-02-01", "--circle", "werk", "--circle", "fiets")
    people("Klaas Bakker", met="2026-03-01", circle="fiets")
    people("Sanne Mulder", met="2024-05-05", circle="familie")
    people("Oud Contact", met="2026-04-01")
    run.ok("archive", "Oud")
    for day in ("2026-05-01", "2026-06-01", "2026-07-01"):
        run.ok("log", "Piet", "--when", day)
    run.ok("log", "Piet", "Anna", "--when", "2026-08-01")
    run.ok("knows", "Piet", "Anna")
    run.ok("knows", "Anna", "Klaas")
    run.ok("intro", "Klaas", "Sanne", "--why", "allebei fietsers", "--when", "2026-09-01")


def ids_by_name(run) -> dict[str, str]:
    return {n["name"]: f"c{n['id']}" for n in run.json("graph")["nodes"]}


def test_dot_has_you_people_links_and_colours(run, network):
    dot = run.ok("graph").stdout
    assert dot.startswith("graph netwerk {") and "layout=twopi, root=you" in dot
    assert 'you [label="You"' in dot
    nodes, edges = parse(dot)
    by = ids_by_name(run)
    labels = {n["label"] for n in nodes.values()}
    assert labels == {"Piet Jansen", "◆ Anna de Vries", "Klaas Bakker", "Sanne Mulder"}
    # colours by circle: werk and fiets and familie each their own; Anna takes her first
    circles = sorted(["familie", "fiets", "werk"])
    colour = {name: PALETTE[i] for i, name in enumerate(circles)}
    assert nodes[by["Piet Jansen"]]["fill"] == colour["werk"]
    assert nodes[by["Klaas Bakker"]]["fill"] == colour["fiets"]
    assert nodes[by["Anna de Vries"]]["fill"] == colour["fiets"]
    assert "peripheries=2" in nodes[by["Anna de Vries"]]["rest"]  # the bridge
    assert "peripheries" not in nodes[by["Piet Jansen"]]["rest"]
    # the legend names each circle with its colour
    for name, fill in colour.items():
        assert f'<td bgcolor="{fill}">{name}</td>' in dot
    # you -- everyone, heavier with more touches (Piet: met + 4 logs in the last year)
    spokes = {b: attrs for a, b, attrs in edges if a == "you"}
    assert set(spokes) == set(nodes)
    assert f"penwidth={pen(5)}" in spokes[by["Piet Jansen"]]
    assert f"penwidth={pen(2)}" in spokes[by["Klaas Bakker"]]  # met, and the intro
    links = {(a, b): attrs for a, b, attrs in edges if a != "you"}
    piet_anna = tuple(sorted([by["Piet Jansen"], by["Anna de Vries"]], key=lambda c: int(c[1:])))
    assert f"penwidth={pen(1)}" in links[piet_anna]  # one touch together
    klaas_sanne = tuple(sorted([by["Klaas Bakker"], by["Sanne Mulder"]], key=lambda c: int(c[1:])))
    assert "dashed" in links[klaas_sanne]  # the introduction, drawn once
    assert len(links) == 3


def test_the_cap_keeps_the_most_touched_and_says_so(run, network):
    result = run.ok("graph", "--limit", "2")
    nodes, _ = parse(result.stdout)
    assert {n["label"] for n in nodes.values()} == {"Piet Jansen", "◆ Anna de Vries"}
    said = "Showing the 2 most-touched of 4 people (--limit 0 shows everyone)."
    assert said in result.stdout  # in the picture
    assert said in result.stderr  # and on the terminal
    everyone = run.ok("graph", "--limit", "0")
    assert "most-touched" not in everyone.stdout + everyone.stderr
    data = run.json("graph", "--limit", "2")
    assert (data["shown"], data["total"], data["capped"], data["limit"]) == (2, 4, True, 2)


def test_around_and_depth_follow_the_links(run, network):
    one = run.json("graph", "--around", "Klaas")
    assert {n["name"] for n in one["nodes"]} == {"Klaas Bakker", "Anna de Vries", "Sanne Mulder"}
    assert [n["name"] for n in one["nodes"] if n["center"]] == ["Klaas Bakker"]
    two = run.json("graph", "--around", "Klaas", "--depth", "2")
    assert {n["name"] for n in two["nodes"]} == {
        "Klaas Bakker",
        "Anna de Vries",
        "Sanne Mulder",
        "Piet Jansen",
    }
    dot = run.ok("graph", "--around", "Sanne", "--limit", "1").stdout
    assert "most-touched" not in dot  # the neighbourhood is never cut


def test_circle_and_since_narrow_the_picture(run, network):
    werk = run.json("graph", "--circle", "werk")
    assert {n["name"] for n in werk["nodes"]} == {"Piet Jansen", "Anna de Vries"}
    recent = run.json("graph", "--since", "2026-07-15")
    assert {n["name"] for n in recent["nodes"]} == {
        "Piet Jansen",
        "Anna de Vries",
        "Klaas Bakker",
        "Sanne Mulder",
    }
    later = run.json("graph", "--since", "2026-08-15")
    assert {n["name"] for n in later["nodes"]} == {"Klaas Bakker", "Sanne Mulder"}  # the intro


def test_names_are_quoted_safely(run, people):
    people('Jan "de Man" \\ Bakker', "<b>Ria</b> & co", met="2026-10-01")
    dot = run.ok("graph").stdout
    nodes, _ = parse(dot)
    assert {n["label"] for n in nodes.values()} == {'Jan "de Man" \\ Bakker', "<b>Ria</b> & co"}
    if shutil.which("dot"):
        check = subprocess.run(["dot", "-Tcanon"], input=dot, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_quoting_helpers():
    assert quote('a "b" \\ c\nd\x1b') == '"a \\"b\\" \\\\ c\\nd"'
    assert html('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert pen(0) == "1.0" and pen(10) == pen(50) == "6.0"


@needs_dot
def test_svg_is_drawn_and_shows_the_names(run, network, tmp_path):
    target = tmp_path / "net.svg"
    result = run.ok("graph", "-o", str(target))
    assert "Wrote" in result.stderr and "4 people, 3 links" in result.stderr
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"You", "Piet Jansen", "◆ Anna de Vries", "Klaas Bakker", "werk", "fiets"} <= texts
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob(".*part"))


@needs_dot
def test_png_is_drawn(run, network, tmp_path):
    target = tmp_path / "net.png"
    run.ok("graph", "--format", "png", "-o", str(target))
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 200 and height > 200
    assert data.rstrip(b"\x00")[-8:-4] == b"IEND"


def test_without_graphviz_one_line_says_how_to_get_it(network, tmp_path, db_file):
    """The installed script, with a PATH that has no `dot`: exit 1, one line, no file."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "NETWERK_DB": str(db_file)}
    target = tmp_path / "net.png"
    done = subprocess.run(
        [str(NETWERK), "graph", "-o", str(target)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Graphviz" in lines[0] and "apt install graphviz" in lines[0]
    assert "--format dot" in lines[0]
    assert not target.exists() and list(tmp_path.glob("*.png")) == []
    dot = subprocess.run(
        [str(NETWERK), "graph", "--format", "dot"], env=env, capture_output=True, text=True
    )
    assert dot.returncode == 0 and "Piet Jansen" in dot.stdout  # DOT needs nothing


def test_bad_requests_are_one_line_errors(run, network, unchanged, tmp_path):
    with unchanged():
        assert "Unknown format 'gif'" in run.fails("graph", "-o", str(tmp_path / "x.gif")).output
        assert "--format svg needs -o FILE" in run.fails("graph", "--format", "svg").output
        assert "No contact" in run.fails("graph", "--around", "Pjet").output
        assert "No circle 'schaak'" in run.fails("graph", "--circle", "schaak").output
        missing = tmp_path / "nope" / "x.dot"
        assert "no folder" in run.fails("graph", "-o", str(missing)).output
    assert not missing.parent.exists()


def test_dot_to_a_file(run, network, tmp_path):
    target = tmp_path / "net.dot"
    run.ok("graph", "-o", str(target))
    nodes, edges = parse(target.read_text())
    assert len(nodes) == 4 and len(edges) == 7


def test_in_dutch(run, network, monkeypatch):
    from netwerk import i18n

    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    try:
        result = run.ok("graph", "--limit", "2")
    finally:
        i18n.reset()
    assert 'you [label="Jij"' in result.stdout
    assert "De 2 met de meeste contactmomenten van 4 mensen" in result.stderr
