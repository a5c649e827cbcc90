"""The SQLModel tables: the shape of a netwerk database.

These classes describe the schema that `netwerk.store.migrations` builds; they never create it
(`metadata.create_all` is never called on a user's database). A test checks that a freshly
migrated database and these classes agree: tables, columns, keys, foreign keys and indexes
(the migrations create them; the classes declare them, for that check and for readers).

Relationships are queried explicitly in the service layer rather than through ORM relationship
attributes, so every query is visible and none is issued per row.
"""

from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class Contact(SQLModel, table=True):
    """A person you keep in touch with."""

    __table_args__ = (
        Index("ix_contact_name_key", "name_key"),
        Index("ix_contact_last_touch_on", "last_touch_on"),
        Index("ix_contact_via_id", "via_id"),
        Index("ix_contact_birthday", "birthday_month", "birthday_day"),
        Index("ix_contact_uid", "uid", unique=True),
        Index("ix_contact_first_due_on", "first_due_on"),
        Index("ix_contact_met_event_id", "met_event_id"),
        Index("ix_contact_thanks", "via_id", sqlite_where=text("thanks_pending = 1")),
        # circle list's covering index (m013)
        Index(
            "ix_contact_circle_summary",
            "id",
            "archived",
            "last_touch_on",
            "cadence_days",
            "circle_cadence",
        ),
        # ix_contact_due (due_on, due_cadence, snoozed_until) and ix_contact_due_rank
        # (due_cadence, kept_up, due_on, snoozed_until), both WHERE archived = 0, are on
        # generated columns, which the models leave out
    )

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
    uid: str | None = Field(default_factory=lambda: str(uuid4()))  # NULL-able since m002 added it
    # Set by `netwerk spread`: not due before this date; with no known touch, due on it.
    first_due_on: date | None = None
    # where you met them (m003 moved the old free-text `met_at` into events)
    met_event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    # Derived columns, kept by the database's triggers (migration m004), never set here: the
    # shortest cadence of the contact's circles, and whether the introducer (via) is still to
    # be thanked. The table also has `due_cadence`, `due_on` (m004) and `kept_up` (m015),
    # generated columns the ORM must not write, so they are not here. `netwerk due` reads them
    # through its indexes.
    circle_cadence: int | None = None
    thanks_pending: bool = False


class Alias(SQLModel, table=True):
    """Another name a contact goes by (a nickname, a maiden name, a former name)."""

    __table_args__ = (
        Index("ix_alias_contact_id", "contact_id"),
        Index("ix_alias_name_key", "name_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    name: str
    name_key: str


class Detail(SQLModel, table=True):
    """A way to reach a contact: kind is 'email', 'phone', 'url' or 'social' (a profile);
    'uid' keeps another identity the contact had (a merged duplicate's, a card's own)."""

    __table_args__ = (
        Index("ix_detail_contact_id", "contact_id"),
        Index("ix_detail_kind_value_key", "kind", "value_key"),
    )

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

    __table_args__ = (Index("ix_contact_circle_circle_id", "circle_id", "contact_id"),)

    __tablename__ = "contact_circle"
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    circle_id: int = Field(foreign_key="circle.id", ondelete="CASCADE", primary_key=True)


class Touch(SQLModel, table=True):
    """One moment of contact (a coffee, a call, a lunch with three people)."""

    __table_args__ = (
        Index("ix_touch_happened_on", "happened_on"),
        Index("ix_touch_event_kind", "event_id", "kind"),
        Index(
            "ix_touch_source_key",
            "source_key",
            unique=True,
            sqlite_where=text("source_key IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    happened_on: date
    kind: str
    note: str | None = None
    created_at: datetime
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    # where an imported touch came from (calendar, WhatsApp, mail), unique; None if logged
    source_key: str | None = None


class TouchContact(SQLModel, table=True):
    """A participant of a touch."""

    __table_args__ = (Index("ix_touch_contact_contact_id", "contact_id", "touch_id"),)

    __tablename__ = "touch_contact"
    touch_id: int = Field(foreign_key="touch.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class Event(SQLModel, table=True):
    """A gathering: a BNI morning, a conference, a birthday party."""

    __table_args__ = (Index("ix_event_happened_on", "happened_on"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)
    happened_on: date | None = None
    place: str | None = None
    created_on: date


class Exchange(SQLModel, table=True):
    """Something a touch gave ('give') or asked for ('ask'); an ask can be answered."""

    __table_args__ = (
        Index("ix_exchange_touch_id", "touch_id"),
        Index("ix_exchange_open_asks", "kind", "answered_on", "happened_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    touch_id: int = Field(foreign_key="touch.id", ondelete="CASCADE")
    kind: str
    what: str
    answered_on: date | None = None
    answer: str | None = None
    # the touch's date, kept by m012's triggers (for the page of `netwerk asks`)
    happened_on: date | None = None


class Offer(SQLModel, table=True):
    """An idea of something to bring a contact next time; given when a give marks it."""

    __table_args__ = (
        Index("ix_offer_contact_id", "contact_id", "given_on"),
        Index("ix_offer_exchange_id", "exchange_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    what: str
    created_on: date
    given_on: date | None = None
    exchange_id: int | None = Field(default=None, foreign_key="exchange.id", ondelete="SET NULL")


class Intro(SQLModel, table=True):
    """An introduction you made between two contacts, with a date to follow it up."""

    __table_args__ = (
        Index("ix_intro_a_id", "a_id"),
        Index("ix_intro_b_id", "b_id"),
        Index("ix_intro_follow_up", "closed_on", "follow_up_on"),
        Index("ix_intro_touch_id", "touch_id"),
    )

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

    __table_args__ = (Index("ix_knows_high_id", "high_id", "low_id"),)

    low_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    high_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    how: str | None = None
    since: date


class Goal(SQLModel, table=True):
    """A networking goal: N new contacts or N touches (in a circle), by a date."""

    __table_args__ = (Index("ix_goal_circle_id", "circle_id"),)

    id: int | None = Field(default=None, primary_key=True)
    text: str
    # 'new', 'touches', or None for a goal tracked by hand
    kind: str | None = None
    target: int | None = None
    circle_id: int | None = Field(default=None, foreign_key="circle.id", ondelete="CASCADE")
    set_on: date
    by_on: date | None = None
    done_on: date | None = None


class SyncAccount(SQLModel, table=True):
    """The CardDAV/CalDAV server `netwerk sync` talks to (at most one row; no password)."""

    __tablename__ = "sync_account"
    id: int | None = Field(default=None, primary_key=True)
    url: str
    user: str | None = None
    addressbook_url: str
    calendar_url: str | None = None
    password_command: str | None = None
    circles: str = "[]"
    allow_http: bool = False
    book_sync_report: bool = False
    calendar_sync_report: bool = False
    book_token: str | None = None
    calendar_token: str | None = None
    birthday_alarm: bool = False
    set_up_at: str
    last_sync_at: str | None = None


class SyncCard(SQLModel, table=True):
    """A contact's card on the server and its last synced version (the merge base)."""

    __tablename__ = "sync_card"
    __table_args__ = (
        Index("ix_sync_card_contact", "contact_id", unique=True),
        Index("ix_sync_card_href", "href", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="SET NULL")
    uid: str = Field(unique=True)
    href: str | None = None
    etag: str | None = None
    base: str | None = None
    gone: bool = False
    forgotten: bool = False


class SyncEvent(SQLModel, table=True):
    """A calendar resource on the server: a touch, or a reminder of what is coming."""

    __tablename__ = "sync_event"
    __table_args__ = (
        Index("ix_sync_event_touch", "touch_id"),
        Index("ix_sync_event_href", "href", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    touch_id: int | None = Field(default=None, foreign_key="touch.id", ondelete="SET NULL")
    uid: str = Field(unique=True)
    kind: str
    href: str | None = None
    etag: str | None = None
    base: str | None = None


class ImportMe(SQLModel, table=True):
    """Who the user is in an import source: a WhatsApp name, an e-mail address."""

    __tablename__ = "import_me"
    # 'whatsapp' (names) or 'email' (addresses, for mail and calendar imports)
    source: str = Field(primary_key=True)
    value: str
    value_key: str = Field(primary_key=True)


class ImportIgnore(SQLModel, table=True):
    """A participant imports skip (`--ignore NAME`): folded name, address or phone key."""

    __tablename__ = "import_ignore"
    value_key: str = Field(primary_key=True)
    value: str
    created_on: date


class CaptureDropped(SQLModel, table=True):
    """A captured touch the user deleted: the SHA-256 of its source key (see m011)."""

    __tablename__ = "capture_dropped"
    key_hash: str = Field(primary_key=True)
    dropped_on: date


class UndoEntry(SQLModel, table=True):
    """One journaled command (`netwerk undo`, see `netwerk.store.journal`): not exported."""

    __tablename__ = "_undo_entry"
    id: int | None = Field(default=None, primary_key=True)
    command: str
    done_at: str
    schema_version: int


class UndoRow(SQLModel, table=True):
    """A row a journaled command changed: its key and its image before the change."""

    __tablename__ = "_undo_row"
    __table_args__ = (Index("ix_undo_row_entry", "entry_id", "tbl", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="_undo_entry.id", ondelete="CASCADE")
    tbl: str
    op: str
    key: str
    new_key: str | None = None
    image: str | None = None


class UndoAfter(SQLModel, table=True):
    """A row as the journaled command left it (undo refuses when it looks different now)."""

    __tablename__ = "_undo_after"
    entry_id: int = Field(foreign_key="_undo_entry.id", ondelete="CASCADE", primary_key=True)
    tbl: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    image: str | None = None


class ContactKeys(SQLModel, table=True):
    """What `netwerk list` sorts a contact by, and their expertise, role, company and note as
    `netwerk who` matches them (m014). Derived: kept by triggers and the Store, not exported."""

    __tablename__ = "_contact_keys"
    __table_args__ = (
        Index("ix_contact_keys_stale", "contact_id", sqlite_where=text("stale = 1")),
        Index("ix_contact_keys_sort_name", "sort_name"),
    )
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    sort_name: str | None = None
    expertise: str | None = None
    role: str | None = None
    company: str | None = None
    note: str | None = None
    stale: bool = True


class EventSeen(SQLModel, table=True):
    """Who you saw at an event (a touch at it other than `met`) and in how many of its
    touches (m016). Derived: kept by the database's triggers, not exported."""

    __tablename__ = "_event_seen"
    __table_args__ = (Index("ix_event_seen_contact_id", "contact_id"),)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    touches: int
