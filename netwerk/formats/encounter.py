"""The neutral shape the capture parsers (WhatsApp, calendar, mail) produce: an Encounter is a
moment that may become a touch, with the people in it as the source names them.

Nothing here knows about the database: `netwerk.services.capture` matches the participants to
contacts and writes the touches. An Encounter carries no message text, ever; its `note` is
the short opt-in label (an event title, a subject) and is None unless the user asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone in an encounter, as the source knows them: a display name, an address, a
    phone number (a WhatsApp author saved under no name), or several of these."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None

    def label(self) -> str:
        """How the person is named in the import's report."""
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email or self.phone or "?"


@dataclass(slots=True)
class Encounter:
    """One moment with one or more people; `key` is stable across exports of the same source
    (re-importing a longer export yields the same keys for what was there before)."""

    key: str
    on: date
    kind: str
    people: tuple[Participant, ...]
    note: str | None = None
    # calendar events without attendees: look for one contact's name in this title
    title: str | None = None
    # calendar: the addresses that declined (an event the user declined is no touch)
    declined: frozenset[str] = frozenset()


@dataclass
class CaptureFile:
    """What a capture parser read: the encounters, and the one-line problems of the file."""

    encounters: list[Encounter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # messages that were automated mail (mailing lists, auto-replies, no-reply senders)
    automated: int = 0
    # messages from or to the user (mail)
    messages: int = 0
