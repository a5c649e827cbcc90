"""The interface language: every sentence a person reads goes through `_` or `ngettext`.

    from netwerk.i18n import _, ngettext
    raise NotFound(_("No contact {name}.").format(name=shown))
    ngettext("{n} day", "{n} days", n).format(n=n)

Rules for messages (see HOUSE_STYLE.md): a whole sentence per message, named placeholders
filled with `.format(...)` after translation, `ngettext` for anything counted, never
sentences glued together from translated pieces. Command names, option names and `--json`
output (keys and values) are not translated.

The language is Dutch when NETWERK_LANG=nl, or when NETWERK_LANG is unset and the locale
(LC_ALL, then LC_MESSAGES, then LANG) starts with `nl` (nl_NL, nl_BE); English otherwise, and
NETWERK_LANG=en forces English. The catalog is the standard library's gettext reading the
compiled `locale/<lang>/LC_MESSAGES/netwerk.mo` inside this package, loaded once, on the first
message: it costs a millisecond or two, and English loads nothing at all.

Standard library only: the launcher, `--help` and completion import this module.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from gettext import NullTranslations

DOMAIN = "netwerk"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "nl")

_catalog: NullTranslations | None = None
_language: str | None = None


def choose_language(env: Mapping[str, str] | None = None) -> str:
    """'nl' or 'en' from NETWERK_LANG, else the POSIX locale variables, in their order."""
    env = os.environ if env is None else env
    forced = env.get("NETWERK_LANG", "").strip().lower()
    if forced:
        return "nl" if forced.startswith("nl") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:  # the first one set decides, as POSIX says
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def language() -> str:
    """The language in use for this process ('en' or 'nl')."""
    global _language
    if _language is None:
        _language = choose_language()
    return _language


def _translations() -> NullTranslations:
    global _catalog
    if _catalog is None:
        import gettext

        lang = language()
        if lang == "en":
            _catalog = gettext.NullTranslations()
        else:
            _catalog = gettext.translation(
                DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True
            )
    return _catalog


def reset() -> None:
    """Forget the chosen language and catalog (tests switch NETWERK_LANG in one process)."""
    global _catalog, _language
    _catalog = None
    _language = None


def _(message: str) -> str:
    """The translation of one whole message."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The translation of a counted message: pick the form for `n`, then `.format(n=n)`."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A translation that depends on context (a short word used in two senses)."""
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with `_` where used."""
    return message
