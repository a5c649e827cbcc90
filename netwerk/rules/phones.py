"""Phone numbers as one number however they were written: `06-12345678`, `+31 6 12345678` and
`0031612345678` are all +31612345678 (E.164).

A pure rule (no database, no I/O beyond reading the environment for the default region); the
layout's rules/ layer is its home. Its API is deliberately small, for every part of netwerk
that matches numbers (duplicates, import, merge, completion, calendar/WhatsApp/mail capture,
DAV sync):

    normalize_phone("06-12345678")        -> "+31612345678"
    normalize_phone("020 123 4567", "BE") -> None when it cannot be a number there
    default_region()                      -> "NL"

A number written without a country code is read in the default region: NETWERK_REGION (a
two-letter country code, "BE"), else the country of the locale (LC_ALL, then LC_TELEPHONE, then
LANG: "nl_BE.UTF-8" -> BE), else NL. Numbers keep the form the user typed for display; the E.164
form is only the key they are matched by.

`phonenumbers` (Google's libphonenumber metadata) costs ~14 ms to import and ~15 µs a number,
so it is imported on the first number, never at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache

FALLBACK_REGION = "NL"
MAX_LENGTH = 50
_COUNTRY = re.compile(r"^[a-z]{2,3}_([A-Za-z]{2})\b")


def default_region(env: Mapping[str, str] | None = None) -> str:
    """The region numbers without a country code are read in (see the module docstring)."""
    env = os.environ if env is None else env
    forced = env.get("NETWERK_REGION", "").strip().upper()
    if len(forced) == 2 and forced.isalpha():
        return forced
    for name in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = env.get(name, "").strip()
        if value:
            found = _COUNTRY.match(value)
            if found:
                return found.group(1).upper()
    return FALLBACK_REGION


def normalize_phone(text: str, region: str | None = None) -> str | None:
    """The E.164 form of the number in `text` ("+31612345678"), or None when `text` cannot be
    a phone number (too short or long for its country, letters, empty). An extension is
    dropped; a `tel:` scheme is allowed."""
    text = text.strip()
    if text[:4].lower() == "tel:":
        text = text[4:].strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    return _normalize(text, (region or default_region()).upper())


@lru_cache(maxsize=4096)  # an import asks for the same number when matching and when storing
def _normalize(text: str, region: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_TYPED = re.compile(r"^\+?[\d\s().-]+$")


def phone_prefix(typed: str, region: str | None = None) -> str | None:
    """The start of an E.164 key for a number being typed ("0612" -> "+31612", "+3161" ->
    "+3161", "0049" -> "+49"), or None when `typed` is not the start of a phone number (at
    least three digits, nothing but digits, spaces, dashes, dots, brackets and a leading +)."""
    text = typed.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) < 3 or not _TYPED.match(text):
        return None
    if text.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        import phonenumbers

        code = phonenumbers.country_code_for_region((region or default_region()).upper())
        return f"+{code}{digits[1:]}" if code else None
    return None


def is_mobile(e164: str) -> bool:
    """Whether a normalised number is a mobile one (personal, unlike a shared home line)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
