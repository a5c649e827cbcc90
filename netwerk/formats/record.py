"""The neutral contact shape that every import format parses into and vCard export writes from.

These dataclasses are deliberately plain: the parsers fill them, the import command maps them
onto the database, and nothing here knows about SQLite. Text fields are in "normal form" when a
parser produces them: line breaks are ``\\n`` only, surrounding whitespace is stripped, empty
values are ``None`` (scalars) or left out (lists), and lists hold no duplicates.
"""

from dataclasses import dataclass, field
from datetime import date

# (year or None, month, day): a birthday whose year is unknown is still worth remembering.
Birthday = tuple[int | None, int, int]


@dataclass
class ContactRecord:
    """One person as read from (or written to) an address-book file."""

    name: str  # display name (vCard FN)
    aliases: list[str] = field(default_factory=list)  # NICKNAME
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    # URL and profile URLs; a LinkedIn profile URL is here AND in `profile_url`.
    urls: list[str] = field(default_factory=list)
    socials: list[str] = field(default_factory=list)  # X-SOCIALPROFILE values
    company: str | None = None
    role: str | None = None  # TITLE / Position
    city: str | None = None  # ADR locality
    note: str | None = None
    # CATEGORIES / Labels / Group Membership, with system labels ("* myContacts") dropped.
    circles: list[str] = field(default_factory=list)
    birthday: Birthday | None = None
    uid: str | None = None
    # What only netwerk knows (vCard X-NETWERK-… properties, see formats.vcard)
    expertise: str | None = None
    cadence_days: int | None = None  # the contact's own cadence
    met_at: str | None = None  # the event where you met
    via_name: str | None = None  # who introduced you (name, and uid when known)
    via_uid: str | None = None
    profile_url: str | None = None  # LinkedIn profile URL: the stable key for LinkedIn imports
    met_on: date | None = None  # LinkedIn "Connected On"
    given_name: str | None = None
    # Particles stay in the family name: "van der Berg" for N:van der Berg;Jan;;;
    family_name: str | None = None


@dataclass
class ParseProblem:
    """Something in an input file that the user should hear about.

    ``item`` is the 1-based card number in a vCard file, the 1-based line number on which the
    row starts in a CSV file, or 0 when the problem concerns the whole file. Most problems mean
    the item was skipped; a few (an unreadable birthday or connection date) say in their message
    that the record was imported without that one field.
    """

    source: str  # file path
    item: int
    message: str  # one sentence, lower-case, no trailing full stop
    # the record was kept (without one line or field); False: the item was skipped
    kept: bool = False


@dataclass
class ParseResult:
    """What a parser got out of a file or folder: the good records and the problems."""

    records: list[ContactRecord]
    problems: list[ParseProblem]
    # the generic CSV import: which column fed which field, and the columns left out
    columns: dict[str, list] | None = None
