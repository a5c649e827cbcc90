"""The SQLModel tables: the shape of a netwerk database.

These classes describe the schema that `netwerk.store.migrations` builds; they never create it
(`metadata.create_all` is never called on a user's database). A test checks that a freshly
migrated database and these classes agree column for column. Indexes are declared in the
migrations only.

Relationships are queried explicitly in the service layer rather than through ORM relationship
attributes, so every query is visible and none is issued per row.
"""

from datetime import date, datetime
from uuid import uuid4

from sqlmodel import Field, SQLModel

DEFAULT_CADENCE_DAYS = 90


class Contact(SQLModel, table=True):
    """A person you keep in touch with."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    # name folded for matching: casefolded, accents stripped, whitespace collapsed
    name_key: str
    company: str | None = None
    role: str | None = None
    city: str | None = None
    expertise: str | None = None
    note: str | None = None
    birthday_year: int | None = None
    birthday_month: int | None = None
    birthday_day: int | None = None
    met_on: date | None = None
    via_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    cadence_days: int | None = None
    snoozed_until: date | None = None
    archived: bool = False
    created_on: date
    # Cache of max(touch.happened_on) over this contact's touches, kept by
    # service.touches.refresh_last_touch: it lets `due` rank 50,000 contacts without reading
    # a million touches.
    last_touch_on: date | None = None
    # Stable identity across exports and re-imports (vCard UID, ics UIDs); a random UUID unless
    # an imported card brought its own.
    uid: str = Field(default_factory=lambda: str(uuid4()))
    # Set by `netwerk spread`: not due before this date; with no known touch, due on it.
    first_due_on: date | None = None
    # where you met them (m003 moved the old free-text `met_at` into events)
    met_event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    # Derived columns, kept by the database's triggers (migration m004), never set here: the
    # shortest cadence of the contact's circles, and whether the introducer (via) is still to
    # be thanked. The table also has `due_cadence` and `due_on`, generated columns the ORM must
    # not write, so they are not here. `netwerk due` reads them through an index.
    circle_cadence: int | None = None
    thanks_pending: bool = False


class Alias(SQLModel, table=True):
    """Another name a contact goes by (a nickname, a maiden name, a former name)."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    name: str
    name_key: str


class Detail(SQLModel, table=True):
    """A way to reach a contact: kind is 'email', 'phone', 'url' or 'social' (a profile);
    'uid' keeps another identity the contact had (a merged duplicate's, a card's own)."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    kind: str
    value: str
    # for matching: lower-cased e-mail / E.164 phone (m005; digits if not a number) / URL
    # without scheme and "www."
    value_key: str


class Circle(SQLModel, table=True):
    """A part of your life people belong to: family, sports club, business club."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)
    cadence_days: int | None = None


class ContactCircle(SQLModel, table=True):
    """Membership of a contact in a circle."""

    __tablename__ = "contact_circle"
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    circle_id: int = Field(foreign_key="circle.id", ondelete="CASCADE", primary_key=True)


class Touch(SQLModel, table=True):
    """One moment of contact (a coffee, a call, a lunch with three people)."""

    id: int | None = Field(default=None, primary_key=True)
    happened_on: date
    kind: str
    note: str | None = None
    created_at: datetime
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")


class TouchContact(SQLModel, table=True):
    """A participant of a touch."""

    __tablename__ = "touch_contact"
    touch_id: int = Field(foreign_key="touch.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class Event(SQLModel, table=True):
    """A gathering: a BNI morning, a conference, a birthday party."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)
    happened_on: date | None = None
    place: str | None = None
    created_on: date


class Exchange(SQLModel, table=True):
    """Something a touch gave ('give') or asked for ('ask'); an ask can be answered."""

    id: int | None = Field(default=None, primary_key=True)
    touch_id: int = Field(foreign_key="touch.id", ondelete="CASCADE")
    kind: str
    what: str
    answered_on: date | None = None
    answer: str | None = None


class Offer(SQLModel, table=True):
    """An idea of something to bring a contact next time; given when a give marks it."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    what: str
    created_on: date
    given_on: date | None = None
    exchange_id: int | None = Field(default=None, foreign_key="exchange.id", ondelete="SET NULL")


class Intro(SQLModel, table=True):
    """An introduction you made between two contacts, with a date to follow it up."""

    id: int | None = Field(default=None, primary_key=True)
    a_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    b_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    why: str
    introduced_on: date
    follow_up_on: date
    touch_id: int | None = Field(default=None, foreign_key="touch.id", ondelete="SET NULL")
    closed_on: date | None = None
    outcome: str | None = None
    # 'met', 'work' or 'no-fit'
    result: str | None = None


class Knows(SQLModel, table=True):
    """Two contacts who know each other, stored once per pair (low_id < high_id)."""

    low_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    high_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    how: str | None = None
    since: date


class Goal(SQLModel, table=True):
    """A networking goal: N new contacts or N touches (in a circle), by a date."""

    id: int | None = Field(default=None, primary_key=True)
    text: str
    # 'new', 'touches', or None for a goal tracked by hand
    kind: str | None = None
    target: int | None = None
    circle_id: int | None = Field(default=None, foreign_key="circle.id", ondelete="CASCADE")
    set_on: date
    by_on: date | None = None
    done_on: date | None = None
