"""How the sync commands print: one summary for people, the data itself with --json."""

from __future__ import annotations

from typing import Any

from netwerk.i18n import _, ngettext
from netwerk.output import render


def _json_or(data: dict[str, Any], json: bool) -> bool:
    if json:
        render.print_json(data)
    return json


def setup(data: dict[str, Any], *, json: bool) -> None:
    if _json_or(data, json):
        return
    render.line(_("Address book: {url}").format(url=data["addressbook"]))
    if data["calendar"]:
        render.line(_("Calendar: {url}").format(url=data["calendar"]))
    else:
        render.line(_("Calendar: none found."))
    for url in data["created"]:
        render.hint(_("Created {url} on the server.").format(url=url))
    if data["circles"]:
        render.hint(
            _("Only contacts in {circles} go to the server.").format(
                circles=", ".join(data["circles"])
            )
        )
    if data["password_from"] == "keyring":
        render.hint(_("The password is in the keyring; netwerk does not store it."))
    render.hint(_("Run `netwerk sync` to sync now."))


def status(data: dict[str, Any], *, json: bool) -> None:
    if _json_or(data, json):
        return
    render.line(_("Server: {url} (user {user})").format(url=data["url"], user=data["user"] or "-"))
    render.line(_("Address book: {url}").format(url=data["addressbook"]))
    render.line(_("Calendar: {url}").format(url=data["calendar"] or "-"))
    if data["circles"]:
        render.line(_("Circles sent: {circles}").format(circles=", ".join(data["circles"])))
    render.line(_("Last sync: {when}").format(when=data["last_sync"] or _("never")))
    pending = data["pending"]
    render.line(
        _("On the server: {n}. Waiting: {new} new, {changed} changed, {deleted} to delete.").format(
            n=data["on_server"], **pending
        )
    )
    if pending["touches"]:
        render.line(
            ngettext(
                "{n} touch waiting to go to the calendar.",
                "{n} touches waiting to go to the calendar.",
                pending["touches"],
            ).format(n=pending["touches"])
        )


def _count_line(key: str, n: int) -> str:
    # whole sentences per count, so each translates on its own
    if key == "added_here":
        return ngettext("{n} contact new here.", "{n} contacts new here.", n)
    if key == "updated_here":
        return ngettext("{n} contact updated here.", "{n} contacts updated here.", n)
    if key == "uploaded":
        return ngettext("{n} card sent to the server.", "{n} cards sent to the server.", n)
    if key == "archived":
        return ngettext("{n} contact archived.", "{n} contacts archived.", n)
    if key == "deleted_on_server":
        return ngettext("{n} card deleted on the server.", "{n} cards deleted on the server.", n)
    raise KeyError(key)


def _calendar_line(key: str, n: int) -> str:
    # whole sentences per count, so each translates on its own
    if key == "touches_added_here":
        return ngettext("{n} touch new here.", "{n} touches new here.", n)
    if key == "touches_updated_here":
        return ngettext("{n} touch updated here.", "{n} touches updated here.", n)
    if key == "touches_deleted_here":
        return ngettext("{n} touch deleted here.", "{n} touches deleted here.", n)
    if key == "touches_uploaded":
        return ngettext("{n} touch sent to the calendar.", "{n} touches sent to the calendar.", n)
    if key == "touches_deleted_on_server":
        return ngettext(
            "{n} touch deleted in the calendar.", "{n} touches deleted in the calendar.", n
        )
    if key == "reminders_written":
        return ngettext("{n} reminder written.", "{n} reminders written.", n)
    if key == "reminders_removed":
        return ngettext("{n} reminder removed.", "{n} reminders removed.", n)
    raise KeyError(key)


_COUNTS = ("added_here", "updated_here", "uploaded", "archived", "deleted_on_server")
_CALENDAR = (
    "touches_added_here",
    "touches_updated_here",
    "touches_deleted_here",
    "touches_uploaded",
    "touches_deleted_on_server",
    "reminders_written",
    "reminders_removed",
)


def summary(data: dict[str, Any], *, json: bool) -> None:
    if _json_or(data, json):
        return
    counts = data["counts"]
    lines = [_count_line(k, counts[k]).format(n=counts[k]) for k in _COUNTS if counts[k]]
    calendar = data.get("calendar") or {}
    lines += [
        _calendar_line(k, calendar[k]).format(n=calendar[k]) for k in _CALENDAR if calendar.get(k)
    ]
    if not lines:
        render.line(_("Up to date: nothing changed on either side."))
    for text in lines:
        render.line(text)
    for item in data["archived"]:
        render.line(
            _("Archived {name}: the card was deleted on the server.").format(name=item["name"])
        )
    for item in data["conflicts"]:
        render.line(
            _(
                "Both sides changed {field} of {name}: kept '{kept}'; the server's '{lost}' is "
                "kept in the note."
            ).format(field=item["field"], name=item["name"], kept=item["kept"], lost=item["lost"])
        )
    if data["skipped"]:
        n = len(data["skipped"])
        render.hint(
            ngettext(
                "{n} card on the server could not be read: {reason}",
                "{n} cards on the server could not be read; the first: {reason}",
                n,
            ).format(n=n, reason=data["skipped"][0]["reason"])
        )
