"""The message catalogs: extract, update, compile and check (development only; needs Babel).

    python tools/i18n.py            # extract + update + compile: after changing any message
    python tools/i18n.py check      # what the test suite checks; exit 1 with the problems

Messages are marked in the code with `_`, `ngettext`, `pgettext` and `N_` (netwerk.i18n).
The CLI's help texts need no marking: the docstring of every command and every `help=` /
`short_help=` string literal are extracted too, and the CLI translates them when it builds
the command tree (netwerk.cli.app.NetwerkGroup).

Files (all in the repository; the .mo files are shipped as package data, so a plain
`pip install .` has them and Babel is never needed at run time):

    netwerk/locale/netwerk.pot                  the template: every message in the code
    netwerk/locale/<lang>/LC_MESSAGES/netwerk.po    the translations, edited by hand
    netwerk/locale/<lang>/LC_MESSAGES/netwerk.mo    compiled from the .po (`compile`)

The files are written sorted by message and without line numbers, so that a change of code
moves nothing in them and parallel branches rarely conflict. On a merge conflict in a .mo,
resolve the .po and run `python tools/i18n.py compile`. The equivalent pybabel commands:

    pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 --no-location ...
    pybabel update / pybabel compile -D netwerk -d netwerk/locale

(pybabel does not know the help-text extractor; this script does.)
"""

from __future__ import annotations

import ast
import io
import re
import string
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netwerk"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "netwerk.pot"
LANGUAGES = ("nl",)
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
HELP_KEYWORDS = ("help", "short_help")
# helpers whose first positional argument is a help text (netwerk.cli.app.name_argument)
HELP_CALLS = ("name_argument",)
# fixed, so that re-running the tools changes nothing unless a message changed
STAMP = datetime(2026, 12, 1, tzinfo=UTC)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "netwerk.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "netwerk.mo"


def _command_docstrings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Docstrings of functions decorated `@x.command(...)` / `@x.callback(...)` without an
    explicit help= (Typer shows them, cleaned like inspect.getdoc, as the help text)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            call = deco if isinstance(deco, ast.Call) else None
            func = call.func if call else deco
            if not (isinstance(func, ast.Attribute) and func.attr in ("command", "callback")):
                continue
            if call and any(k.arg == "help" for k in call.keywords):
                continue
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, doc


def _help_strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """String literals passed as help= / short_help= to any call (options, arguments,
    commands, Typer groups), or first to a HELP_CALLS helper."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in HELP_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield first.lineno, first.value
            for k in node.keywords:
                if (
                    k.arg in HELP_KEYWORDS
                    and isinstance(k.value, ast.Constant)
                    and isinstance(k.value.value, str)
                    and k.value.value.strip()
                ):
                    yield k.value.lineno, k.value.value


def extract_netwerk(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """A Babel extraction method: the Python extractor, then the CLI's help texts."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    for lineno, text in [*_command_docstrings(tree), *_help_strings(tree)]:
        yield lineno, "", text, []


def extract() -> Any:
    """The template catalog: every message in netwerk/**.py."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract as extract_one

    catalog = Catalog(
        project="netwerk",
        creation_date=STAMP,
        revision_date=STAMP,
        msgid_bugs_address="",
        copyright_holder="",
        fuzzy=False,
    )
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        with path.open("rb") as f:
            found = extract_one(
                extract_netwerk,
                f,
                keywords=KEYWORDS,
                comment_tags=("Translators:",),
                strip_comment_tags=True,
            )
            for lineno, message, comments, context in found:
                catalog.add(
                    message,
                    None,
                    [(relative, lineno)],
                    auto_comments=comments,
                    context=context,
                )
    return catalog


def _write(catalog: Any, path: Path) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=100,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
        omit_header=False,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_po(lang: str) -> Any:
    from babel.messages.pofile import read_po as read

    with po_path(lang).open("rb") as f:
        return read(f, locale=lang, domain="netwerk")


def update() -> None:
    """Write the template and merge it into every language's .po (new messages untranslated,
    messages gone from the code dropped)."""
    from babel.messages.catalog import Catalog

    template = extract()
    _write(template, POT)
    for lang in LANGUAGES:
        if po_path(lang).exists():
            catalog = read_po(lang)
        else:
            catalog = Catalog(locale=lang, domain="netwerk", creation_date=STAMP)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.revision_date = STAMP
        catalog.creation_date = STAMP
        catalog.fuzzy = False
        _write(catalog, po_path(lang))


def compiled(lang: str) -> bytes:
    """The .mo bytes the .po of `lang` compiles to."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_po(lang), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(compiled(lang))


_FIELD = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The replacement fields of a str.format message, sorted ('{name}', '{n:>3}')."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return sorted(fields)


def problems() -> list[str]:
    """Everything wrong with the catalogs, one line each (empty when all is well)."""
    found: list[str] = []
    template = extract()
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for lang in LANGUAGES:
        if not po_path(lang).exists():
            found.append(f"{lang}: {po_path(lang)} is missing")
            continue
        catalog = read_po(lang)
        have = {}
        for m in catalog:
            if m.id:
                have[(m.id if isinstance(m.id, str) else m.id[0], m.context)] = m
        for key in sorted(wanted - have.keys(), key=str):
            found.append(f"{lang}: not in the catalog (run tools/i18n.py): {key[0]!r}")
        for key in sorted(have.keys() - wanted, key=str):
            found.append(f"{lang}: no longer in the code (run tools/i18n.py): {key[0]!r}")
        for key in sorted(have.keys() & wanted, key=str):
            m = have[key]
            found.extend(_message_problems(lang, m, catalog.num_plurals))
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(lang):
            found.append(f"{lang}: {mo_path(lang).name} is stale (run tools/i18n.py compile)")
    return found


def _message_problems(lang: str, m: Any, num_plurals: int) -> list[str]:
    plural = not isinstance(m.id, str)
    ids = [m.id] if not plural else list(m.id)
    strs = [m.string] if not plural else list(m.string)
    shown = ids[0][:60]
    if m.fuzzy:
        return [f"{lang}: fuzzy translation of {shown!r}"]
    if not all(s for s in strs):
        return [f"{lang}: untranslated {shown!r}"]
    if plural and len(strs) != num_plurals:
        return [f"{lang}: {len(strs)} plural forms for {shown!r}, the language has {num_plurals}"]
    out = []
    for i, s in enumerate(strs):
        source = ids[min(i, len(ids) - 1)]
        try:
            if placeholders(s) != placeholders(source):
                out.append(f"{lang}: placeholders differ in {shown!r}: {s!r}")
        except ValueError as e:
            out.append(f"{lang}: bad format string {s!r} ({e})")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command in ("extract", "update", "all"):
        update()
    if command in ("compile", "all"):
        compile_all()
    if command == "check":
        issues = problems()
        print("\n".join(issues) if issues else "catalogs complete")
        return 1 if issues else 0
    if command not in ("extract", "update", "compile", "all", "check"):
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
