"""Name resolution, table-driven, through the service layer on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netwerk.errors import Ambiguous, BadInput, NotFound
from netwerk.rules.text import fold
from netwerk.services.contacts import ContactFields, add_contact, edit_contact
from netwerk.services.names import resolve
from netwerk.store.store import open_store

TODAY = date(2026, 11, 22)
PEOPLE = [
    "Piet Jansen",
    "Piet de Boer",
    "Zoë de Vries",
    "Jan Bakker",
    "Janneke Smit",
    "Özil Çelik",
    "Anna-Maria van der Berg",
]


@pytest.fixture
def db(db_file):
    with open_store(db_file, write=True) as s:
        for name in PEOPLE:
            add_contact(
                s, name, ContactFields(company="Acme" if "Piet" in name else None), today=TODAY
            )
        edit_contact(s, "Jan Bakker", ContactFields(aliases=["Jantje", "JB"]), today=TODAY)
    return db_file


@pytest.mark.parametrize(
    "query, expected",
    [
        ("#1", "Piet Jansen"),
        ("#3", "Zoë de Vries"),
        ("piet jansen", "Piet Jansen"),
        ("  PIET   JANSEN ", "Piet Jansen"),
        ("zoe de vries", "Zoë de Vries"),
        ("zoe", "Zoë de Vries"),
        ("ZOË", "Zoë de Vries"),
        ("ozil celik", "Özil Çelik"),
        ("jantje", "Jan Bakker"),
        ("jb", "Jan Bakker"),
        ("jan", "Jan Bakker"),  # whole first name beats the prefix of Janneke
        ("janneke", "Janneke Smit"),
        ("jann", "Janneke Smit"),
        ("piet de", "Piet de Boer"),
        ("anna-maria", "Anna-Maria van der Berg"),
        ("anna-maria van der berg", "Anna-Maria van der Berg"),
    ],
)
def test_resolves(db, query, expected):
    with open_store(db, write=False) as s:
        assert resolve(s, query).name == expected


@pytest.mark.parametrize(
    "query, error, words",
    [
        ("piet", Ambiguous, ["#1 Piet Jansen (Acme)", "#2 Piet de Boer (Acme)", "#ID"]),
        ("#99", NotFound, ["No contact with id #99"]),
        ("Pjet Jansen", NotFound, ["Did you mean Piet Jansen"]),
        ("Xavier", NotFound, ["No contact 'Xavier'", "netwerk list"]),
        ("   ", BadInput, ["empty"]),
        ("%", NotFound, ["No contact"]),
        ("_", NotFound, ["No contact"]),
    ],
)
def test_errors(db, query, error, words):
    with open_store(db, write=False) as s, pytest.raises(error) as info:
        resolve(s, query)
    for word in words:
        assert word in str(info.value)


def test_same_name_twice_is_ambiguous(db):
    with open_store(db, write=True) as s:
        add_contact(s, "Piet Jansen", ContactFields(), today=TODAY, force=True)
    with open_store(db, write=False) as s, pytest.raises(Ambiguous):
        resolve(s, "Piet Jansen")


@pytest.mark.parametrize(
    "text, key",
    [
        ("Zoë", "zoe"),
        ("  A  B ", "a b"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("Ångström", "angstrom"),
        ("Ĳsselmeer", "ijsselmeer"),
    ],
)
def test_fold(text, key):
    assert fold(text) == key


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_the_mapped_fold_is_the_fold(text):
    """Redaction's fold (with where each character came from) is the same fold as the keys'."""
    from netwerk.rules.text import fold_mapped

    folded, origin = fold_mapped(text)
    assert folded == fold(text)
    assert len(origin) == len(folded)
    assert origin == sorted(origin) and all(0 <= i < len(text) for i in origin)
