"""How a touch's kind reads in the interface language.

Kinds are stored as English words ('coffee', 'call', 'met'), and `--json` shows them as
stored; people read them in their language ('koffie', 'bellen', 'ontmoeting'). Standard
library only, no I/O.
"""

from __future__ import annotations

from netwerk.i18n import pgettext


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
