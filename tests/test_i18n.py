"""The interface language: choosing it, the catalogs, and the command line in Dutch."""

from __future__ import annotations

import gettext

import pytest
import typer

from netwerk import i18n
from netwerk.cli import app
from netwerk.cli.translate import click_message
from tools import i18n as catalogs


@pytest.fixture
def dutch(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    yield
    monkeypatch.setenv("NETWERK_LANG", "en")
    i18n.reset()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"NETWERK_LANG": "nl"}, "nl"),
        ({"NETWERK_LANG": "NL_be"}, "nl"),
        ({"NETWERK_LANG": "en", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "nl_NL"}, "nl"),
        ({"NETWERK_LANG": "  ", "LANG": "nl_NL"}, "nl"),
    ],
)
def test_language_choice(env, expected):
    assert i18n.choose_language(env) == expected


def test_the_catalogs_are_complete_and_consistent():
    """Every message in the code has a Dutch translation with the same placeholders and
    every plural form, and the shipped .mo is compiled from the .po as it is now.
    On failure: `python tools/i18n.py`, translate the new entries in netwerk.po, and
    `python tools/i18n.py compile`."""
    assert catalogs.problems() == []


def test_the_checks_catch_what_they_should():
    from babel.messages.catalog import Message

    assert catalogs.placeholders("{name} is {n:>3} {x!r}") == ["{n:>3}", "{name}", "{x!r}"]
    good = Message("{n} day", "{n} dag")
    assert catalogs._message_problems("nl", good, 2) == []
    assert catalogs._message_problems("nl", Message("{n} day", "{m} dag"), 2)
    assert catalogs._message_problems("nl", Message("{n} day", ""), 2)
    plural = Message(("{n} day", "{n} days"), ("{n} dag", "{n} dagen"))
    assert catalogs._message_problems("nl", plural, 2) == []
    assert catalogs._message_problems("nl", Message(("{n} day", "{n} days"), ("{n} dag",)), 2)
    fuzzy = Message("Hello", "Hallo", flags=["fuzzy"])
    assert catalogs._message_problems("nl", fuzzy, 2)


def test_help_texts_are_extracted():
    """The CLI's help texts are in the template without being marked: every command's
    help and every option's help."""
    template = {m.id for m in catalogs.extract() if m.id}
    root = typer.main.get_command(app)
    stack = [root]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        assert command.help in template, command.name
        for param in command.params:
            assert param.help in template, (command.name, param.name)


def test_the_catalog_loads_with_the_standard_library():
    found = gettext.translation("netwerk", localedir=i18n.LOCALE_DIR, languages=["nl"])
    assert found.gettext("Options") == "Opties"
    assert found.ngettext("{n} day", "{n} days", 2) in ("{n} dagen", "{n} days")


def test_english_loads_nothing(monkeypatch):
    monkeypatch.setenv("NETWERK_LANG", "en")
    i18n.reset()
    assert i18n._("Options") == "Options"
    assert type(i18n._translations()) is gettext.NullTranslations


def test_dutch_messages(dutch):
    assert i18n._("Options") == "Opties"
    assert i18n._("Error: {message}").format(message="x") == "Fout: x"


@pytest.mark.parametrize(
    ("english", "dutch_text"),
    [
        ("Missing argument 'name'.", "Argument 'name' ontbreekt."),
        ("No such option: --foo", "Onbekende optie: --foo"),
        (
            "Onbekende opdracht 'shw'. Did you mean 'show'?",
            "Onbekende opdracht 'shw'. Bedoel je 'show'?",
        ),
        (
            "Invalid value for '--limit': Input should be a valid integer, unable to parse "
            "string as an integer",
            "Ongeldige waarde voor '--limit': dit is geen geheel getal",
        ),
        ("Got unexpected extra argument (x)", "Onverwachte extra argumenten (x)"),
        ("Something Click never said", "Something Click never said"),
    ],
)
def test_click_messages_in_dutch(dutch, english, dutch_text):
    assert click_message(english) == dutch_text


def test_help_and_usage_errors_in_dutch(dutch, run):
    result = run("--help")
    assert result.exit_code == 0
    out = result.output
    assert "Gebruik: netwerk [OPTIES] OPDRACHT [ARGUMENTEN]..." in out
    assert "Opties:" in out and "Opdrachten:" in out and "Toon deze hulp en stop." in out
    assert "Onderhoud je netwerk" in out
    for english in ("Usage", "Options", "Commands", "Show this message", "Keep up"):
        assert english not in out
    add = run("add", "--help").output
    assert "Argumenten:" in add and "[verplicht]" in add and "Volledige naam." in add
    missing = run("show")
    assert missing.exit_code == 2
    assert "Fout: Argument 'name' ontbreekt." in missing.output
    assert "Probeer 'netwerk show -h' voor hulp." in missing.output
    typo = run("shw")
    assert typo.exit_code == 2 and "Bedoel je 'show'?" in typo.output
    assert "Error" not in typo.output and "Did you mean" not in typo.output


def test_usage_errors_in_english_are_clicks_own(run):
    missing = run("show")
    assert missing.exit_code == 2
    assert "Error: Missing argument 'name'." in missing.output
    assert "Try 'netwerk show -h' for help." in missing.output
