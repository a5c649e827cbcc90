"""Small pieces the services share: clean free text, how a contact is mentioned, birthdays."""

from __future__ import annotations

from typing import Any

from netwerk.errors import BadInput
from netwerk.i18n import _

MAX_TEXT = 10_000


def clean_text(value: str, what: str) -> str | None:
    """Stored text: exactly as typed (it round-trips through `show --json`), None when blank,
    bounded; newlines are allowed in notes."""
    if not value.strip():
        return None
    from netwerk.rules.fields import field_label

    if len(value) > MAX_TEXT:
        raise BadInput(
            _("The {field} is longer than {n} characters.").format(
                field=field_label(what), n=MAX_TEXT
            )
        )
    if "\x00" in value:
        raise BadInput(_("The {field} contains a NUL character.").format(field=field_label(what)))
    return value


def birthday_json(contact: Any) -> str | None:
    """'1985-04-27', or '--04-27' when the year is unknown (the vCard convention)."""
    if contact.birthday_month is None or contact.birthday_day is None:
        return None
    year = f"{contact.birthday_year:04d}" if contact.birthday_year else "-"
    return f"{year}-{contact.birthday_month:02d}-{contact.birthday_day:02d}"


def ref(contact: Any) -> dict[str, Any]:
    """How one contact is mentioned inside another record: id and name."""
    return {"id": contact.id, "name": contact.name}
