"""Output of `netwerk import whatsapp|calendar|mail`: the summary, the people touched, and
who was not matched. Takes the service's summary dict and runs no queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from netwerk.i18n import _, ngettext
from netwerk.output.render import _table, console, day, hint, line, t, when

SHOWN = 15


def _source_count(source: str, n: int) -> str:
    """'WhatsApp, 34 days' — how often an unmatched person came up, in the source's unit."""
    if source == "whatsapp":
        return ngettext("WhatsApp, {n} day", "WhatsApp, {n} days", n).format(n=n)
    if source == "calendar":
        return ngettext("calendar, {n} event", "calendar, {n} events", n).format(n=n)
    return ngettext("mail, {n} day", "mail, {n} days", n).format(n=n)


def headline(data: dict[str, Any]) -> str:
    """'34 touches with 12 people, 5 unmatched, 2 ambiguous.'"""
    touches = ngettext("{n} touch", "{n} touches", data["touches"]).format(n=data["touches"])
    people = ngettext("{n} person", "{n} people", data["people"]).format(n=data["people"])
    filled = {
        "touches": touches,
        "people": people,
        "unmatched": len(data["unmatched"]),
        "ambiguous": len(data["ambiguous"]),
    }
    if data["dry_run"]:
        return _(
            "Would import {touches} with {people}, {unmatched} unmatched, {ambiguous} ambiguous."
        ).format(**filled)
    return _(
        "Imported {touches} with {people}, {unmatched} unmatched, {ambiguous} ambiguous."
    ).format(**filled)


def summary(data: dict[str, Any], today: date) -> None:
    line(headline(data))
    if data["contacts"]:
        table = _table(_("Name"), _("New touches"), _("Last touch"), _("Next due"))
        for person in data["contacts"][:SHOWN]:
            due = person["due"]
            table.add_row(
                t(person["name"], "bold"),
                t(person["touches"]),
                t(when(person["last_touch"], today)),
                t(day(due) if due else _("not scheduled")),
            )
        console().print(table)
    more = len(data["contacts"]) - SHOWN
    if more > 0:
        line("  " + _("… and {n} more (see --json).").format(n=more))
    for person in data["added"][:SHOWN]:
        line("  + ", (person["name"], "bold"), "  " + _("added as a new contact"))
    _unmatched(data)
    _skipped(data)
    for problem in data["problems"]:
        hint(problem)


def _unmatched(data: dict[str, Any]) -> None:
    source = data["source"]
    if data["unmatched"]:
        hint(_("Not matched to a contact:"))
        for person in data["unmatched"][:SHOWN]:
            hint(f"  {person['label']} ({_source_count(source, person['count'])})")
        more = len(data["unmatched"]) - SHOWN
        if more > 0:
            hint("  " + _("… and {n} more (see --json).").format(n=more))
        hint(_("Add them with --add-unknown, or skip someone for good with --ignore NAME."))
    if data["ambiguous"]:
        hint(_("Matching several contacts, so left out:"))
        for person in data["ambiguous"][:SHOWN]:
            names = ", ".join(f"#{c['id']} {c['name']}" for c in person["candidates"][:5])
            hint(f"  {person['label']} ({_source_count(source, person['count'])}): {names}")
        hint(
            _(
                "Give the right contact this e-mail address, number or name as an alias "
                "('netwerk edit'), then import again."
            )
        )


def _skipped(data: dict[str, Any]) -> None:
    skipped = data["skipped"]
    if skipped["already_imported"]:
        n = skipped["already_imported"]
        hint(ngettext("{n} was imported before.", "{n} were imported before.", n).format(n=n))
    if skipped["deleted"]:
        n = skipped["deleted"]
        hint(
            ngettext(
                "{n} was left out: you deleted its touch before.",
                "{n} were left out: you deleted their touches before.",
                n,
            ).format(n=n)
        )
    if skipped["same_day"]:
        n = skipped["same_day"]
        hint(
            ngettext(
                "{n} person already had a touch that day.",
                "{n} times someone already had a touch that day.",
                n,
            ).format(n=n)
        )
    if skipped["ignored"]:
        n = skipped["ignored"]
        hint(ngettext("{n} ignored participant.", "{n} ignored participants.", n).format(n=n))
