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


def summary(data: dict[str, Any], *, json: bool) -> None:
    if _json_or(data, json):
        return
    counts = data["counts"]
    render.line(
        _(
            "Synced: {added} new here, {updated} updated here, {uploaded} sent to the server, "
            "{archived} archived, {deleted} deleted on the server."
        ).format(
            added=counts["added_here"],
            updated=counts["updated_here"],
            uploaded=counts["uploaded"],
            archived=counts["archived"],
            deleted=counts["deleted_on_server"],
        )
    )
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
