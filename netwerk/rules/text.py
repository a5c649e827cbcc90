"""Text rules with no database: the name fold every lookup matches on, word keys for free-text
search, e-mail and phone keys, clean names and `#ID` references."""

from __future__ import annotations

import re
import unicodedata

from netwerk.errors import BadInput
from netwerk.i18n import _

MAX_NAME = 200
# Unicode category Cc, exactly: C0 controls, DEL and C1 controls
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zoë  de Vries' -> 'zoe de vries'."""
    if not text.isascii():  # ASCII has nothing to decompose: most text skips this
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def fold_mapped(text: str) -> tuple[str, list[int]]:
    """`fold(text)` character by character, with where each folded character came from:
    `origin[i]` is the index in `text` of folded character i (redaction maps a match in the
    folded text back to the characters it replaces). Trailing whitespace folds away, as in
    `fold`."""
    folded: list[str] = []
    origin: list[int] = []
    previous_space = True
    for index, ch in enumerate(text):
        if not ch.isascii():  # "¸" decomposes to a space and a mark: the space counts
            ch = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
        for part in ch.casefold():
            if part.isspace():
                if not previous_space:
                    folded.append(" ")
                    origin.append(index)
                previous_space = True
            else:
                folded.append(part)
                origin.append(index)
                previous_space = False
    if folded and folded[-1] == " ":
        folded.pop()
        origin.pop()
    return "".join(folded), origin


# punctuation that separates words in free text ("e-commerce", "ASML/Philips", "(CTO)")
_WORD_BREAKS = str.maketrans(dict.fromkeys(',.;:()/-!?"', " "))


def words(text: str) -> str:
    """Folded text with punctuation as spaces and a leading space, so `LIKE '% word%'` finds
    a word starting with `word` anywhere in it ("E-commerce" -> " e commerce")."""
    return " " + fold(text).translate(_WORD_BREAKS)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_key(value: str) -> str:
    """An e-mail address for matching (lower case), or BadInput if it is not one."""
    email = value.strip()
    if not _EMAIL.match(email) or len(email) > 320:
        raise BadInput(_("'{value}' is not an e-mail address.").format(value=value))
    return email.casefold()


def phone_key(value: str) -> str:
    """A phone number for matching, or BadInput if it is not one: its E.164 form
    (`netwerk.rules.phones.normalize_phone`: "06-12345678" and "+31 6 12345678" are one number),
    else, for what the phone plan does not know (112, a short extension), its digits and +."""
    from netwerk.rules.phones import normalize_phone

    digits = re.sub(r"[^\d+]", "", value)
    if len(re.sub(r"\D", "", digits)) < 3 or len(value) > 50:
        raise BadInput(_("'{value}' is not a phone number.").format(value=value))
    return normalize_phone(value) or digits


def clean_name(text: str, what: str = "name") -> str:
    """A name as stored: whitespace collapsed; refuse empty, control characters, huge."""
    from netwerk.rules.fields import field_label

    name = " ".join(text.split())
    if not name:
        raise BadInput(_("The {field} is empty.").format(field=field_label(what)))
    if len(name) > MAX_NAME:
        raise BadInput(
            _("The {field} is longer than {n} characters.").format(
                field=field_label(what), n=MAX_NAME
            )
        )
    if _CONTROL.search(name):
        raise BadInput(
            _("The {field} {value} contains control characters.").format(
                field=field_label(what), value=repr(name)
            )
        )
    return name


def hash_id(query: str) -> int | None:
    """The number in '#12', or None when `query` is not of that form. An id beyond SQLite's
    64-bit integers comes back as 0, which no row has (the driver would overflow on it)."""
    if query.startswith("#") and query[1:].isdecimal():
        number = int(query[1:])
        return number if number < 2**63 else 0
    return None


def digest(text: str) -> str:
    """A one-way key for a text we must recognise later but not keep (a deleted touch's
    source key): SHA-256, hex."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
