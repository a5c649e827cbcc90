"""Kinds of touch in the user's words: one canonical stored value, Dutch and English names."""

from __future__ import annotations

import pytest

from netwerk.errors import BadInput
from netwerk.rules.kinds import ALL_KINDS, KINDS, SYNONYMS, kind_names, parse_kind


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("coffee", "coffee"),
        ("koffie", "coffee"),
        ("Koffie", "coffee"),
        ("  lunch ", "lunch"),
        ("LUNCH", "lunch"),
        ("drinks", "drinks"),
        ("borrel", "drinks"),
        ("bellen", "call"),
        ("telefoon", "call"),
        ("phone", "call"),
        ("call", "call"),
        ("app", "message"),
        ("bericht", "message"),
        ("text", "message"),
        ("whatsapp", "message"),
        ("mail", "email"),
        ("e-mail", "email"),
        ("E-Mail", "email"),
        ("email", "email"),
        ("etentje", "meal"),
        ("diner", "meal"),
        ("dinner", "meal"),
        ("meal", "meal"),
        ("bijeenkomst", "event"),
        ("evenement", "event"),
        ("meeting", "event"),
        ("event", "event"),
        ("videobellen", "video"),
        ("zoom", "video"),
        ("video", "video"),
        ("anders", "other"),
        ("other", "other"),
    ],
)
def test_parse_kind_maps_every_name_to_one_stored_value(typed, kind):
    assert parse_kind(typed) == kind


def test_every_synonym_names_a_kind_and_no_word_means_two():
    assert set(SYNONYMS.values()) <= set(KINDS)
    assert not set(SYNONYMS) & set(ALL_KINDS)
    assert set(KINDS) == {
        "coffee", "lunch", "drinks", "meal", "call", "video", "message", "email", "event", "other",
    }  # fmt: skip
    assert "koffie" in kind_names()["coffee"]


@pytest.mark.parametrize("typed", ["met", "give", "ask", "intro"])
def test_internal_kinds_are_not_chosen_by_hand(typed):
    with pytest.raises(BadInput, match="Unknown kind"):
        parse_kind(typed)


def test_unknown_kind_says_did_you_mean():
    with pytest.raises(BadInput) as caught:
        parse_kind("koffe")
    assert "Unknown kind 'koffe'. Did you mean koffie" in str(caught.value)
    with pytest.raises(BadInput) as caught:
        parse_kind("lnch")
    assert "Did you mean lunch" in str(caught.value)
    with pytest.raises(BadInput) as caught:
        parse_kind("xyzzy")
    assert str(caught.value).startswith("Unknown kind 'xyzzy'. Choose one of: coffee, lunch,")


def test_log_kind_in_dutch_is_stored_canonically(run, people):
    people("Piet Jansen", met="2026-01-01")
    out = run.ok("log", "Piet", "--kind", "borrel").stdout
    assert "Logged drinks with Piet Jansen" in out
    run.ok("log", "Piet", "--kind", "lunch")
    run.ok("log", "Piet", "--kind", "Telefoon")
    kinds = [t["kind"] for t in run.json("show", "Piet")["touches"]]
    assert kinds[:3] == ["call", "lunch", "drinks"]


def test_log_unknown_kind_writes_nothing(run, people, unchanged):
    people("Piet Jansen")
    with unchanged():
        err = run.fails("log", "Piet", "--kind", "borel").stderr
        assert "Did you mean borrel" in err


def test_readme_lists_every_kind_and_synonym():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    table = readme.split("## Kinds of touch", 1)[1].split("\n## ", 1)[0]
    for kind, words in kind_names().items():
        row = next(line for line in table.splitlines() if line.startswith(f"| `{kind}` |"))
        assert all(f"`{w}`" in row for w in words), kind
