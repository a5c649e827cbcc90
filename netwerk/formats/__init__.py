"""Pure parse/serialize layer for address-book files: vCard, LinkedIn and Google CSV exports.

Every parser takes a path and returns a ParseResult (records plus per-item problems) and never
touches the database; the import and export commands do that. Only the standard library is
imported here: vobject is loaded inside the vCard functions, when a vCard is actually read.
"""

from netwerk.formats.google import parse_google
from netwerk.formats.linkedin import parse_linkedin
from netwerk.formats.record import ContactRecord, ParseProblem, ParseResult
from netwerk.formats.vcard import parse_vcard_text, parse_vcards, write_vcards

__all__ = [
    "ContactRecord",
    "ParseProblem",
    "ParseResult",
    "parse_google",
    "parse_linkedin",
    "parse_vcard_text",
    "parse_vcards",
    "write_vcards",
]
