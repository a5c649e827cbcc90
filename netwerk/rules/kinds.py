"""Kinds of touch in the user's words: one canonical stored value per kind, many names for it.

The stored values are the English words in KINDS (plus the internal 'met', 'give', 'ask' and
'intro' that `add`, `give`, `ask` and `intro` write). Everything a person may type (Dutch,
English synonyms, any case, surrounding spaces) maps onto one of them through SYNONYMS, the
only table of these names; `parse_kind` is the one function that reads it.

Pure: no database and no I/O; calendar import and review call it as well.
"""

from __future__ import annotations

import difflib

from netwerk.errors import BadInput
from netwerk.i18n import _, pgettext

# The kinds `log` and `touch edit` accept, in the order help and errors list them.
KINDS = (
    "coffee",
    "lunch",
    "drinks",
    "meal",
    "call",
    "video",
    "message",
    "email",
    "event",
    "other",
)
# Written by other commands, never chosen with --kind.
INTERNAL_KINDS = ("met", "give", "ask", "intro")
ALL_KINDS = (*KINDS, *INTERNAL_KINDS)

# Every other word for a kind, Dutch and English, folded to lower case.
SYNONYMS: dict[str, str] = {
    "koffie": "coffee",
    "koffietje": "coffee",
    "lunchen": "lunch",
    "borrel": "drinks",
    "borrelen": "drinks",
    "drankje": "drinks",
    "drink": "drinks",
    "etentje": "meal",
    "diner": "meal",
    "dinner": "meal",
    "eten": "meal",
    "bellen": "call",
    "telefoon": "call",
    "telefoongesprek": "call",
    "phone": "call",
    "videobellen": "video",
    "videogesprek": "video",
    "zoom": "video",
    "teams": "video",
    "app": "message",
    "appje": "message",
    "bericht": "message",
    "text": "message",
    "whatsapp": "message",
    "sms": "message",
    "mail": "email",
    "e-mail": "email",
    "bijeenkomst": "event",
    "evenement": "event",
    "meeting": "event",
    "anders": "other",
}


def kind_names() -> dict[str, list[str]]:
    """Each kind with the other words that mean it (for the README and help)."""
    names: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for word, kind in SYNONYMS.items():
        names[kind].append(word)
    return names


def parse_kind(text: str) -> str:
    """The canonical kind for what a person typed ('koffie', 'Lunch', ' phone ').

    Raises BadInput naming the closest kinds for anything else."""
    word = " ".join(text.split()).lower()
    if word in KINDS:
        return word
    if word in SYNONYMS:
        return SYNONYMS[word]
    close = difflib.get_close_matches(word, [*KINDS, *SYNONYMS], n=3, cutoff=0.6)
    choices = ", ".join(KINDS)
    if close:
        shown = " or ".join(dict.fromkeys(close))
        raise BadInput(
            _("Unknown kind '{kind}'. Did you mean {close}? Kinds: {choices}.").format(
                kind=text, close=shown, choices=choices
            )
        )
    raise BadInput(
        _("Unknown kind '{kind}'. Choose one of: {choices}.").format(kind=text, choices=choices)
    )


def kind_name(kind: str) -> str:
    """'coffee' -> 'coffee' in English, 'koffie' in Dutch; an unknown kind as stored."""
    names = {
        "coffee": pgettext("kind", "coffee"),
        "call": pgettext("kind", "call"),
        "message": pgettext("kind", "message"),
        "email": pgettext("kind", "email"),
        "meal": pgettext("kind", "meal"),
        "lunch": pgettext("kind", "lunch"),
        "drinks": pgettext("kind", "drinks"),
        "event": pgettext("kind", "event"),
        "video": pgettext("kind", "video"),
        "other": pgettext("kind", "other"),
        "met": pgettext("kind", "met"),
        "give": pgettext("kind", "give"),
        "ask": pgettext("kind", "ask"),
        "intro": pgettext("kind", "intro"),
    }
    return names.get(kind, kind)
