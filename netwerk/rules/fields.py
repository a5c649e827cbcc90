"""The names of the values a message is about ('note', 'circle name'), in the user's language.

Messages about a value are whole sentences with the value's name as a label placeholder
("The {field} is empty." / "Leeg: {field}."); the labels are translated here, from the
English words the code passes around. Standard library only, no I/O.
"""

from __future__ import annotations

from netwerk.i18n import pgettext


def field_label(what: str) -> str:
    """'circle name' -> 'circle name' / 'kringnaam'; an unknown label as given."""
    labels = {
        "name": pgettext("field", "name"),
        "alias": pgettext("field", "alias"),
        "e-mail address": pgettext("field", "e-mail address"),
        "phone number": pgettext("field", "phone number"),
        "circle name": pgettext("field", "circle name"),
        "event name": pgettext("field", "event name"),
        "note": pgettext("field", "note"),
        "outcome": pgettext("field", "outcome"),
        "place": pgettext("field", "place"),
        "how": pgettext("field", "how"),
        "company": pgettext("field", "company"),
        "role": pgettext("field", "role"),
        "city": pgettext("field", "city"),
        "expertise": pgettext("field", "expertise"),
        "goal": pgettext("field", "goal"),
        "offer": pgettext("field", "offer"),
        "give": pgettext("field", "give"),
        "ask": pgettext("field", "ask"),
        "introduction (--why)": pgettext("field", "introduction (--why)"),
        "text of the goal": pgettext("field", "text of the goal"),
        "text of the offer": pgettext("field", "text of the offer"),
        "text of the give": pgettext("field", "text of the give"),
        "text of the ask": pgettext("field", "text of the ask"),
        "text of the introduction (--why)": pgettext("field", "text of the introduction (--why)"),
    }
    return labels.get(what, what)
