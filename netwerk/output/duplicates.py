"""How `netwerk duplicates` prints its pairs: two lines a pair, the reasons and both contacts,
then the merge command, so it fits any terminal width (no table to squeeze)."""

from __future__ import annotations

from typing import Any

from netwerk.i18n import N_, _, ngettext
from netwerk.output.render import hint, line, more, say

_REASONS = {
    "email": N_("same e-mail"),
    "linkedin": N_("same LinkedIn profile"),
    "phone": N_("same phone number"),
    "name": N_("same name"),
    "close name": N_("close name"),
}


def _who(contact: dict[str, Any]) -> str:
    if contact["company"]:
        return _("#{id} {name} ({company})").format(**contact)
    return _("#{id} {name}").format(**contact)


def duplicates(data: dict[str, Any]) -> None:
    pairs = data["pairs"]
    if not pairs:
        say(_("No likely duplicates found."))
        return
    for pair in pairs:
        reasons = ", ".join(_(_REASONS[r]) for r in pair["reasons"])
        line((reasons, "yellow"), ": ", (_who(pair["a"]), "bold"), " / ", (_who(pair["b"]), "bold"))
        line("  ", (pair["merge"], "cyan"))
    more(
        data["total"] - len(pairs),
        lambda n: ngettext(
            "… and {n} more pair (--limit 0 shows every pair).",
            "… and {n} more pairs (--limit 0 shows every pair).",
            n,
        ).format(n=n),
    )
    hint(_("'netwerk merge A B' keeps A and folds B into it; check a pair with 'netwerk show'."))
