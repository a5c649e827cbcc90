"""What a calendar event's title says: the kind of touch, and the names in it.

"Koffie met Piet" is a coffee with Piet, "Lunch Anna & Bram" a lunch with two people, "Bellen
met Sanne" a call, "Borrel" drinks; anything else is an event. Dutch and English, any case,
accents ignored; the first word of the title that names a kind decides.

TITLE_WORDS reuses `netwerk.rules.kinds.SYNONYMS` (the words a person may type for
`log --kind`) for the kinds a title can name, plus a few words only titles use ("bakkie",
"belafspraak", "facetime") and prefixes for Dutch compounds ("koffiedate", "lunchafspraak").
Pure: no database and no I/O.
"""

from __future__ import annotations

import re

from netwerk.rules.kinds import SYNONYMS
from netwerk.rules.text import fold

# the kinds a title can name; message, email and other are not what an event is
TITLE_KINDS = ("coffee", "lunch", "drinks", "meal", "call", "video")
# words of titles that are not words one types for `log --kind`
_TITLE_ONLY: dict[str, str] = {
    "bakkie": "coffee",
    "thee": "coffee",
    "tea": "coffee",
    "biertje": "drinks",
    "beer": "drinks",
    "ontbijt": "meal",
    "breakfast": "meal",
    "brunch": "meal",
    "bel": "call",
    "belafspraak": "call",
    "telefonisch": "call",
    "videocall": "video",
    "facetime": "video",
    "hangout": "video",
    "meet": "video",
}
# whole words of a title -> canonical touch kind: the kind names and their synonyms of
# `netwerk.rules.kinds` (the one table of what a person may type), plus the title-only words
TITLE_WORDS: dict[str, str] = {
    **{kind: kind for kind in TITLE_KINDS},
    **{word: kind for word, kind in SYNONYMS.items() if kind in TITLE_KINDS},
    **_TITLE_ONLY,
}
# a word starting with one of these names the kind too ("koffiedate", "lunchafspraak")
TITLE_PREFIXES: dict[str, str] = {
    "koffie": "coffee",
    "coffee": "coffee",
    "lunch": "lunch",
    "borrel": "drinks",
    "diner": "meal",
    "dinner": "meal",
}
# words that join the kind to the names: "koffie met Piet", "lunch with Anna and Bram"
_JOINERS = {"met", "with", "bij", "at", "en", "and", "&", "+", "x", "w/", "-", "–", ":"}
_SPLIT = re.compile(r"\s*(?:[,&+/;|]|\s-\s|\s–\s|\ben\b|\band\b|\bmet\b|\bwith\b)\s*", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def title_kind(title: str) -> str:
    """The touch kind a title names, else 'event'."""
    for word in _WORD.findall(fold(title)):
        if word in TITLE_WORDS:
            return TITLE_WORDS[word]
        for prefix, kind in TITLE_PREFIXES.items():
            if word.startswith(prefix):
                return kind
    return "event"


def title_names(title: str) -> list[str]:
    """The parts of a title that may be people's names, kind words and joiners removed:
    "Koffie met Piet Jansen" -> ["Piet Jansen"]; "Lunch Anna & Bram" -> ["Anna", "Bram"]."""
    names = []
    for part in _SPLIT.split(title):
        words = [w for w in part.split() if fold(w).strip(":,.!?") not in _JOINERS]
        while words and _is_kind_word(words[0]):
            words.pop(0)
        while words and _is_kind_word(words[-1]):
            words.pop()
        text = " ".join(words).strip(" :,.!?()[]\"'")
        if text:
            names.append(text)
    return names


def _is_kind_word(word: str) -> bool:
    key = fold(word).strip(":,.!?()")
    return key in TITLE_WORDS or any(key.startswith(p) for p in TITLE_PREFIXES) or key in (
        "afspraak", "meeting", "appointment", "date", "call", "catch-up", "catchup", "bijpraten"
    )  # fmt: skip
