"""Any string, anywhere the user types text: success or one clear line with exit 1, never a
traceback, never a partial write; what was stored comes back exactly through `show --json`.

The one normalisation, by design: names (of contacts, aliases and circles) are stored with
whitespace collapsed and trimmed, and e-mail addresses and phone numbers are trimmed. Free
text (notes, company, role, city, expertise, where you met) is kept exactly as typed; text
that is only whitespace means "none".

CASES lists every command's text arguments; a command added later joins by adding a line.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from netwerk.errors import BadCadence, BadDate, BadInput
from netwerk.rules.dates import parse_birthday, parse_cadence, parse_date
from netwerk.rules.text import clean_name, fold
from netwerk.services.forget import REDACTED, redact_text

TODAY = date(2026, 11, 22)

NASTY = [
    "",
    " ",
    " \t\n ",
    "x" * 10_000,
    "Piet " * 2_000,
    "😀" * 3_000,
    "[red]Piet[/]",
    "[/]",
    "[bold red]niet opgemaakt",
    "'; DROP TABLE contact; --",
    "Robert'); DROP TABLE touch;--",
    "\u202eRTL override\u202c",
    "مرحبا بالعالم",
    "שלום",
    "👩‍👩‍👧‍👦 familie",
    "\x00",
    "a\x00b",
    "\x1b[31mrood\x1b[0m",
    "regel\nregel",
    "\r\n",
    "%",
    "_",
    "\\",
    "#1",
    "#999999999999999999999999",
    "9223372036854775808",  # 2**63: one past SQLite's integers
    "Piet",
    "piet jansen",
    "--help",
    "-x",
    "NULL",
    "12 maart",
    "2w",
    "piet@example.nl",
    "06-12345678",
    "\ufeffBOM",
    "e\u0301e\u0301n",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.builds(lambda part, n: part * n, st.text(min_size=1, max_size=4), st.integers(1, 4000)),
)


# --- the parsers -----------------------------------------------------------------------------


@given(TEXT, st.sampled_from(["past", "future"]))
def test_parse_date_gives_a_date_or_bad_date(text, prefer):
    try:
        day = parse_date(text, today=TODAY, prefer=prefer)
    except BadDate:
        return
    assert 1900 <= day.year <= 2200


@given(TEXT)
def test_parse_cadence_gives_days_or_bad_cadence(text):
    try:
        days = parse_cadence(text)
    except BadCadence:
        return
    assert 1 <= days <= 3650


@given(TEXT)
def test_parse_birthday_gives_a_day_or_bad_date(text):
    try:
        year, month, day = parse_birthday(text, today=TODAY)
    except BadDate:
        return
    date(year or 2000, month, day)  # a real day (29 February in a leap year)
    assert year is None or year <= TODAY.year


@given(TEXT)
def test_clean_name_is_the_one_normalisation(text):
    try:
        name = clean_name(text)
    except BadInput:
        return
    assert name == " ".join(text.split())
    assert 0 < len(name) <= 200
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)
    assert fold(fold(name)) == fold(name)


NAME = st.text(st.characters(categories=["L"]), min_size=1, max_size=10)


@given(st.lists(NAME, min_size=1, max_size=3), TEXT, TEXT, st.data())
def test_redaction_leaves_no_whole_word_trace(words, before, after, data):
    """Whatever surrounds a name and however it is cased, it is redacted, and redacting the
    result again finds nothing left."""
    key = fold(" ".join(words))
    cased = "".join(
        data.draw(st.sampled_from([ch.upper(), ch.lower(), ch])) for ch in " ".join(words)
    )
    if not key or fold(cased) != key:
        return  # a letter whose upper case folds differently is another name
    result = redact_text(f"{before} {cased} {after}", key)
    assert REDACTED in result
    assert redact_text(result, key) == result


# --- every command's text arguments, through the CLI -----------------------------------------

Check = Callable[[Run, str], None]


def name_form(text: str) -> str:
    return " ".join(text.split())


def text_form(text: str) -> str | None:
    return text if text.strip() else None


def field_of(who: str, key: str, form: Callable[[str], Any]) -> Callable[[str], Check]:
    """After success, `show WHO --json` has `key` equal to form(text)."""

    def check(text: str) -> Check:
        def run_check(run: Run, db: str) -> None:
            profile = run.json("--db", db, "show", who)
            value = profile[key]
            if key == "touches":
                value = value[0]["note"]
            if isinstance(value, list) and key != "touches":
                assert form(text) in value or fold(form(text)) == profile["name"].casefold()
            else:
                assert value == form(text), (value, text)

        return run_check

    return check


@dataclass(frozen=True)
class Case:
    """A command line with "{}" where the text goes, and what success must have stored."""

    args: tuple[str, ...]
    check: Callable[[str], Check] | None = None
    # the text goes into a number-typed argument: anything but digits is a usage error (exit 2)
    number: bool = False

    def __str__(self) -> str:
        return " ".join(self.args)


NEW = "#3"  # the id `add` gives in the template database (Piet Jansen #1, Klaas Bakker #2)
CASES = [
    Case(("add", "{}"), field_of(NEW, "name", name_form)),
    *(
        Case(("add", "Nieuw Iemand", f"--{opt}", "{}"), field_of(NEW, key, text_form))
        for opt, key in [
            ("note", "note"),
            ("company", "company"),
            ("role", "role"),
            ("city", "city"),
            ("expertise", "expertise"),
        ]
    ),
    # where you met is an event, named like a person (whitespace collapsed)
    Case(
        ("add", "Nieuw Iemand", "--met-at", "{}"),
        field_of(NEW, "met_at", lambda t: name_form(t) or None),
    ),
    Case(("add", "Nieuw Iemand", "--email", "{}"), field_of(NEW, "emails", str.strip)),
    Case(("add", "Nieuw Iemand", "--phone", "{}"), field_of(NEW, "phones", str.strip)),
    Case(("add", "Nieuw Iemand", "--circle", "{}"), field_of(NEW, "circles", name_form)),
    Case(("add", "Nieuw Iemand", "--met", "{}")),
    Case(("add", "Nieuw Iemand", "--birthday", "{}")),
    Case(("add", "Nieuw Iemand", "--every", "{}")),
    Case(("add", "Nieuw Iemand", "--via", "{}")),
    Case(("edit", "#1", "--name", "{}"), field_of("#1", "name", name_form)),
    Case(("edit", "#1", "--note", "{}"), field_of("#1", "note", text_form)),
    Case(("edit", "#1", "--alias", "{}"), field_of("#1", "aliases", name_form)),
    Case(("edit", "{}", "--city", "Utrecht")),
    Case(("edit", "#1", "--remove-alias", "{}")),
    Case(("edit", "#1", "--remove-email", "{}")),
    Case(("edit", "#1", "--remove-circle", "{}")),
    Case(("log", "{}")),
    Case(("log", "#1", "{}")),
    Case(("log", "#1", "--note", "{}"), field_of("#1", "touches", text_form)),
    Case(("log", "#1", "--when", "{}")),
    Case(("log", "#1", "--kind", "{}")),
    Case(("show", "{}")),
    Case(("list", "--search", "{}")),
    Case(("list", "--circle", "{}")),
    Case(("due", "--circle", "{}")),
    Case(("snooze", "#1", "{}")),
    Case(("snooze", "{}", "2 weken")),
    Case(("archive", "{}")),
    Case(("unarchive", "{}")),
    Case(("remove", "{}", "--yes")),
    Case(("forget", "{}", "--yes")),
    Case(("redact", "{}", "--yes")),
    Case(("circle", "set", "{}", "--every", "2w")),
    Case(("circle", "set", "BNI", "--every", "{}")),
    Case(("log", "#1", "--gave", "{}")),
    Case(("log", "#1", "--asked", "{}")),
    Case(("log", "#1", "--event", "{}")),
    Case(("log", "#1", "--offer", "{}"), number=True),
    Case(("due", "--limit", "{}"), number=True),
    Case(("show", "#1", "--limit", "{}"), number=True),
    Case(("give", "#1", "{}")),
    Case(("give", "{}", "een tip")),
    Case(("ask", "#1", "{}")),
    Case(("ask", "#1", "een intro", "--when", "{}")),
    Case(("offer", "#1", "{}")),
    Case(("asks", "done", "{}"), number=True),
    Case(("knows", "#1", "{}", "--how", "buren")),
    Case(("knows", "#1", "#2", "--how", "{}")),
    Case(("who", "{}")),
    Case(("path", "{}")),
    Case(("intro", "#1", "#2", "--why", "{}")),
    Case(("intro", "#1", "{}", "--why", "werk")),
    Case(("intro", "#1", "#2", "--why", "werk", "--follow-up", "{}")),
    Case(("intros", "done", "{}", "--outcome", "ok"), number=True),
    Case(("event", "add", "{}")),
    Case(("event", "add", "BNI", "--when", "{}")),
    Case(("event", "show", "{}")),
    Case(("goal", "add", "{}")),
    Case(("goal", "add", "Meer BNI", "--by", "{}")),
    Case(("goal", "done", "{}"), number=True),
    Case(("merge", "#1", "{}")),
    Case(("duplicates", "--limit", "{}"), number=True),
    Case(("import", "csv", "/nonexistent/x.csv", "--map", "{}")),
    Case(("import", "{}", "/nonexistent/file.vcf")),
    Case(("import", "vcard", "/nonexistent/{}")),
    Case(("export", "{}")),
    Case(("spread", "--over", "{}")),
    Case(("spread", "--start", "{}")),
    Case(("completion", "{}")),
    Case(("touch", "edit", "{}", "--note", "x"), number=True),
    Case(("touch", "edit", "3", "--note", "{}")),
    Case(("touch", "edit", "3", "--when", "{}")),
    Case(("touch", "edit", "3", "--kind", "{}")),
    Case(("touch", "edit", "3", "--with", "{}")),
    Case(("touch", "edit", "3", "--without", "{}")),
    Case(("touch", "edit", "3", "--gave", "{}")),
    Case(("touch", "edit", "3", "--drop", "{}"), number=True),
    Case(("touch", "delete", "{}", "--yes"), number=True),
    Case(("offers", "drop", "{}"), number=True),
    Case(("goal", "remove", "{}"), number=True),
    Case(("event", "rename", "{}", "Nieuw")),
    Case(("event", "remove", "{}")),
    Case(("circle", "rename", "BNI", "{}")),
    Case(("circle", "rename", "{}", "Nieuw")),
    Case(("circle", "remove", "{}")),
    Case(("stats", "--since", "{}")),
    Case(("stats", "--circle", "{}")),
    Case(("graph", "--around", "{}")),
    Case(("graph", "--circle", "{}")),
    Case(("graph", "--since", "{}")),
    Case(("graph", "--format", "{}")),
    Case(("graph", "--limit", "{}"), number=True),
    Case(("review", "--limit", "{}"), number=True),
    # port 1 on this machine: nothing listens, so no test ever reaches a server
    Case(("sync", "setup", "{}")),
    Case(("sync", "setup", "https://127.0.0.1:1/", "--user", "{}")),
    Case(("sync", "setup", "https://127.0.0.1:1/", "--circle", "{}")),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "template.db"
    run = Run()
    run.ok("--db", str(path), "add", "Piet Jansen", "--circle", "BNI", "--email", "p@x.nl")
    run.ok("--db", str(path), "add", "Klaas Bakker", "--via", "Piet")
    run.ok("--db", str(path), "log", "Piet", "Klaas", "--note", "lunch")
    return path


@pytest.mark.parametrize("case", CASES, ids=str)
def test_any_text_in_any_command(case, template, tmp_path, run):
    numbers = count()

    @settings(max_examples=max(5, settings.default.max_examples // 40))
    @given(TEXT)
    def one(text: str) -> None:
        db = str(tmp_path / f"{next(numbers)}.db")
        shutil.copyfile(template, db)
        args = ["--db", db, *(text if a == "{}" else a for a in case.args)]
        before = snapshot(Path(db))
        result = run(*args)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        if result.exit_code == 0:
            if case.check is not None and text != "--help":
                case.check(text)(run, db)
            return
        assert snapshot(Path(db)) == before, "a failed command wrote to the database"
        if result.exit_code == 2:  # a usage error: text that looks like an option, or no number
            assert text.startswith("-") or case.number, result.output
            return
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")

    one()


def test_cases_cover_every_command():
    """A command added later must get a line in CASES (or be listed here as taking no text)."""
    from typer.main import get_command

    from netwerk.cli import app

    # `backup PATH` and `export -o FILE` write a file wherever the text points: not fuzzed
    takes_no_text = {
        "where",
        "circle list",
        "event list",
        "goal list",
        "backup",
        "sync status",
        "undo",
    }
    root = get_command(app)
    names = set()
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None)
        names |= {f"{name} {sub}" for sub in subs} if subs else {name}
    covered = {" ".join(a for a in c.args[:2] if not a.startswith(("{", "#", "-"))) for c in CASES}
    covered |= {c.args[0] for c in CASES}
    assert names - takes_no_text - covered == set()


def test_control_characters_are_shown_not_obeyed(run):
    """An escape sequence in a note (say, from an imported file) must not steer the terminal:
    it is stored as typed and shown as a visible escape; an error stays on one line."""
    note = "rood \x1b[31m\x1b]0;titel\x07 en\rterug\nregel twee"
    run.ok("add", "Piet Jansen", "--note", note)
    assert run.json("show", "Piet")["note"] == note
    shown = run.ok("show", "Piet").stdout
    assert "\x1b" not in shown and "\r" not in shown and "\x07" not in shown
    assert "\\x1b[31m" in shown and "regel twee" in shown
    error = run.fails("show", "Nie\nmand\x1b[2J").stderr
    assert error.startswith("Error: No contact 'Nie\\nmand\\x1b[2J'.")
    assert error.count("\n") == 1
