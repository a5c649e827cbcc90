"""Names resolve the way people think: surnames, first-name typos, aliases, namesakes."""

from __future__ import annotations

import pytest


@pytest.fixture
def family(people, run):
    people("Piet Jansen", company="Acme")
    people("Anna de Vries")
    people("Jan van der Berg")
    people("Mama")
    run.ok("edit", "Mama", "--alias", "ma")


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Jansen", "Piet Jansen"),
        ("jansen", "Piet Jansen"),
        ("de vries", "Anna de Vries"),
        ("De Vries", "Anna de Vries"),
        ("vries", "Anna de Vries"),
        ("van der berg", "Jan van der Berg"),
        ("berg", "Jan van der Berg"),
        ("piet", "Piet Jansen"),
        ("ma", "Mama"),
    ],
)
def test_a_surname_alone_resolves_when_unique(run, family, typed, found):
    assert run.json("show", typed)["name"] == found


def test_a_surname_two_people_share_is_ambiguous(run, family, people, unchanged):
    people("Klaas Jansen")
    with unchanged():
        message = run.fails("log", "jansen").stderr
    assert "#1 Piet Jansen (Acme)" in message and "Klaas Jansen" in message
    assert "Use more of the name or #ID." in message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Pjet", "Piet Jansen"), ("Jansn", "Piet Jansen"), ("Ana", "Anna de Vries")],
)
def test_did_you_mean_considers_first_names_and_surnames(run, family, unchanged, typed, meant):
    with unchanged():
        message = run.fails("log", typed).stderr
    assert f"No contact '{typed}'. Did you mean {meant}" in message


def test_an_alias_in_a_suggestion_says_whose_it_is(run, family):
    message = run.fails("log", "maa").stderr
    assert "Did you mean" in message and "ma (Mama)" in message


def test_adding_a_contact_that_takes_over_a_name_warns(run, family, unchanged):
    result = run.ok("add", "Piet")
    assert (
        "Note: 'Piet' now means the new contact #5; until now it found Piet Jansen. "
        "Use 'Piet Jansen' or #1 for them."
    ) in result.stderr
    assert run.json("show", "piet")["id"] == 5
    assert run.json("show", "Piet Jansen")["id"] == 1
    assert run.json("add", "Karel")["takes_name_from"] is None
    assert run.json("add", "Anna")["takes_name_from"] == {"id": 2, "name": "Anna de Vries"}


def test_a_new_name_that_found_nobody_adds_quietly(run, family):
    assert "Note:" not in run.ok("add", "Zoë Bakker").stderr


def test_two_contacts_with_the_same_full_name(run, family, unchanged):
    run.ok("add", "Piet Jansen", "--force")
    with unchanged():
        message = run.fails("show", "Piet Jansen").stderr
    assert message == (
        "Error: 2 contacts are called Piet Jansen: #1 Piet Jansen (Acme), #5 Piet Jansen. "
        "Use #ID, e.g. #1.\n"
    )
    assert run.json("show", "#5")["company"] is None
