"""The layers only look down, and no module imports itself in a circle (HOUSE_STYLE: knotter's
crate rule, in Python). Every import statement counts, including those inside functions, which
is where a cycle likes to hide.

    launch.py -> cli/ -> services/ -> store/ -> rules/
                   \\-> output/ -> rules/       services/ -> formats/ -> rules/
    errors.py and i18n.py are the floor: everyone may use them; they use nothing of netwerk.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netwerk"

FLOOR = {"errors", "i18n", "version"}
# what each layer may import (besides itself and the floor)
ALLOWED: dict[str, set[str]] = {
    "launch": {"cli", "store", "rules"},
    "main": {"launch"},
    "cli": {"services", "store", "output", "formats", "rules"},
    "services": {"store", "formats", "rules"},
    "output": {"rules"},
    "formats": {"rules"},
    "store": {"rules"},
    "rules": set(),
    "errors": set(),
    "i18n": set(),
    "version": set(),
}


def layer(module: str) -> str:
    parts = module.split(".")
    if parts == ["netwerk"]:
        return "version"  # netwerk/__init__.py: __version__ and the layout
    if parts[1] == "__main__":
        return "main"
    return parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every netwerk module `path` imports, anywhere in the file (TYPE_CHECKING blocks aside:
    they never run)."""
    tree = ast.parse(path.read_text(), str(path))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("netwerk"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("netwerk"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_layer():
    for module in graph():
        assert layer(module) in ALLOWED, f"{module}: which layer is it in?"


def test_layers_only_look_down():
    wrong = []
    for module, targets in graph().items():
        mine = layer(module)
        for target in targets:
            theirs = layer(target)
            if theirs != mine and theirs not in FLOOR and theirs not in ALLOWED[mine]:
                wrong.append(f"{module} ({mine}) imports {target} ({theirs})")
    assert wrong == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    edges = graph()
    # a package's __init__ that registers its modules is not a cycle with them
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in edges.items()}
    assert cycles(edges) == []


@pytest.mark.parametrize(
    "edges, expected",
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(edges, expected):
    assert cycles(edges) == expected


def test_the_layer_check_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "x.py"
    source.write_text(
        "import os\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from netwerk.cli import app\n"
        "def f():\n    from netwerk.output import render\n    import netwerk.store.db\n"
    )
    assert imports_of(source) == {"netwerk.output.render", "netwerk.store.db"}
