"""Commands about people: add, edit, show, list, remove, snooze, archive, where."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    Name,
    app,
    confirm_contact,
    db_path,
    open_store,
    parse_every,
    parse_when,
    today,
)
from netwerk.cli.complete import contact_names
from netwerk.i18n import _, ngettext
from netwerk.output.formatter import output

Many = list[str] | None

EmailOpt = Annotated[Many, typer.Option("--email", help="E-mail address (repeatable).")]
PhoneOpt = Annotated[Many, typer.Option("--phone", help="Phone number (repeatable).")]
CompanyOpt = Annotated[str | None, typer.Option(help="Company or organisation.")]
RoleOpt = Annotated[str | None, typer.Option(help="Role or job title.")]
CityOpt = Annotated[str | None, typer.Option(help="City.")]
CircleOpt = Annotated[Many, typer.Option("--circle", help="Circle they belong to (repeatable).")]
MetAtOpt = Annotated[
    str | None,
    typer.Option("--met-at", metavar="EVENT", help="The event where you met (created if new)."),
]
NoCreateOpt = Annotated[
    bool, typer.Option("--no-create", help="Refuse an --met-at event that does not exist yet.")
]
MetOpt = Annotated[
    str | None, typer.Option("--met", metavar="WHEN", help="When you met (default today).")
]
ViaOpt = Annotated[
    str | None,
    typer.Option(
        "--via",
        metavar="NAME",
        help="The contact who introduced you.",
        autocompletion=contact_names,
    ),
]
EveryOpt = Annotated[
    str | None,
    typer.Option("--every", metavar="CADENCE", help="How often to keep in touch: 2w, monthly…"),
]
ExpertiseOpt = Annotated[str | None, typer.Option(help="What they know or do well.")]
BirthdayOpt = Annotated[
    str | None, typer.Option(metavar="DATE", help="Birthday; the year may be left out.")
]
NoteOpt = Annotated[str | None, typer.Option(help="A note about them.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Add even if it looks like a duplicate.")]


def _fields(  # noqa: PLR0913
    *,
    email: Many,
    phone: Many,
    company: str | None,
    role: str | None,
    city: str | None,
    circle: Many,
    met_at: str | None,
    met: str | None,
    via: str | None,
    every: str | None,
    expertise: str | None,
    birthday: str | None,
    note: str | None,
    alias: Many = None,
    no_create: bool = False,
):  # type: ignore[no-untyped-def]
    """Parse the options add and edit share (before any database is opened)."""
    from netwerk.rules.dates import parse_birthday
    from netwerk.services.contacts import ContactFields

    return ContactFields(
        emails=email or [],
        phones=phone or [],
        circles=circle or [],
        aliases=alias or [],
        company=company,
        role=role,
        city=city,
        expertise=expertise,
        note=note,
        met_at=met_at,
        create_event=not no_create,
        met_on=parse_when(met),
        via=via,
        cadence_days=parse_every(every),
        birthday=parse_birthday(birthday, today=today()) if birthday else None,
    )


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="Full name.", show_default=False)],
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    company: CompanyOpt = None,
    role: RoleOpt = None,
    city: CityOpt = None,
    circle: CircleOpt = None,
    met_at: MetAtOpt = None,
    no_create: NoCreateOpt = False,
    met: MetOpt = None,
    via: ViaOpt = None,
    every: EveryOpt = None,
    expertise: ExpertiseOpt = None,
    birthday: BirthdayOpt = None,
    note: NoteOpt = None,
    force: ForceOpt = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add someone you met; meeting them counts as the first touch."""
    from netwerk.output import render
    from netwerk.services.contacts import add_contact

    fields = _fields(
        email=email,
        phone=phone,
        company=company,
        role=role,
        city=city,
        circle=circle,
        met_at=met_at,
        no_create=no_create,
        met=met,
        via=via,
        every=every,
        expertise=expertise,
        birthday=birthday,
        note=note,
    )
    with open_store(db, write=True, undo=True) as s:
        profile = add_contact(s, name, fields, today=today(), force=force)

    def human() -> None:
        due_on = profile["due_on"]
        if due_on <= today():
            template = _("Added {name} (#{id}), due now.")
        else:
            template = _("Added {name} (#{id}), next due {date}.")
        render.say(
            template, name=(profile["name"], "bold"), id=profile["id"], date=render.day(due_on)
        )

    taken = profile["takes_name_from"]
    if taken and not json:
        render.hint(
            _(
                "Note: '{name}' now means the new contact #{id}; until now it found {other}. "
                "Use '{other}' or #{other_id} for them."
            ).format(
                name=profile["name"], id=profile["id"], other=taken["name"], other_id=taken["id"]
            )
        )

    output(json).show(profile, human)


@app.command()
def edit(
    name: Name,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    alias: Annotated[Many, typer.Option("--alias", help="Another name (repeatable).")] = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    company: CompanyOpt = None,
    role: RoleOpt = None,
    city: CityOpt = None,
    circle: CircleOpt = None,
    met_at: MetAtOpt = None,
    no_create: NoCreateOpt = False,
    met: MetOpt = None,
    via: ViaOpt = None,
    every: Annotated[
        str | None,
        typer.Option("--every", metavar="CADENCE", help="Cadence; 'default' = the circles'."),
    ] = None,
    expertise: ExpertiseOpt = None,
    birthday: BirthdayOpt = None,
    note: NoteOpt = None,
    remove_circle: Annotated[
        Many, typer.Option("--remove-circle", help="Leave this circle (repeatable).")
    ] = None,
    remove_alias: Annotated[Many, typer.Option("--remove-alias", help="Drop an alias.")] = None,
    remove_email: Annotated[Many, typer.Option("--remove-email", help="Drop an e-mail.")] = None,
    remove_phone: Annotated[Many, typer.Option("--remove-phone", help="Drop a phone.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Allow a name or e-mail in use.")] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Change someone's details. Text options set a field ("" clears it); lists add to it."""
    from netwerk.output import render
    from netwerk.services.contacts import edit_contact

    fields = _fields(
        email=email,
        phone=phone,
        company=company,
        role=role,
        city=city,
        circle=circle,
        met_at=met_at,
        no_create=no_create,
        met=met,
        via=via,
        every=every,
        expertise=expertise,
        birthday=birthday,
        note=note,
        alias=alias,
    )
    with open_store(db, write=True, undo=True) as s:
        profile = edit_contact(
            s,
            name,
            fields,
            today=today(),
            new_name=new_name,
            remove_circles=remove_circle,
            remove_aliases=remove_alias,
            remove_emails=remove_email,
            remove_phones=remove_phone,
            force=force,
        )
    output(json).show(
        profile,
        lambda: render.say(
            _("Updated {name} (#{id})."), name=(profile["name"], "bold"), id=profile["id"]
        ),
    )


@app.command()
def show(
    name: Name,
    limit: Annotated[
        int,
        typer.Option(min=0, max=MAX_NUMBER, help="Show only the latest N touches (default: all)."),
    ] = 0,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Someone's profile and the full timeline of touches, newest first."""
    from netwerk.output import daily as daily_output
    from netwerk.services.profile import show_contact

    with open_store(db, write=False) as s:
        profile = show_contact(s, name, today=today(), limit=limit or None)
    output(json).show(profile, lambda: daily_output.contact(profile, today()))


@app.command("list")
def list_(
    circle: Annotated[str | None, typer.Option(help="Only this circle.")] = None,
    search: Annotated[
        str | None,
        typer.Option(help="Text in name, alias, company, role, city, expertise or notes."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, max=MAX_NUMBER, help="Show at most N.")
    ] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Everyone, sorted by family name as Dutch address lists sort (van der Berg under B)."""
    from netwerk.output import daily as daily_output
    from netwerk.services.profile import list_contacts

    with open_store(db, write=False) as s:
        items = list_contacts(s, today=today(), circle=circle, search=search, limit=limit)
    output(json).show(items, lambda: daily_output.contacts(items, today()))


@app.command()
def remove(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Remove someone. Touches shared with others stay, without them."""
    from netwerk.output import render
    from netwerk.services.contacts import remove_contact

    target = confirm_contact(
        db,
        name,
        yes=yes,
        question=_("Remove {label} and the touches only they were in?"),
        refused=_("Not removing {label} without --yes (no terminal to ask on)."),
        cancelled=_("Nothing removed."),
    )
    with open_store(db, write=True, undo=True) as s:
        summary = remove_contact(s, target)
    n = summary["touches_removed"]
    render.say(
        ngettext(
            "Removed {name} and {n} touch(es) only they were in.",
            "Removed {name} and {n} touch(es) only they were in.",
            n,
        ),
        name=(summary["name"], "bold"),
        n=n,
    )


@app.command()
def snooze(
    name: Name,
    until: Annotated[str, typer.Argument(help="Until when: 'over 2 weken', '1 maart'.")],
    db: DbOption = None,
) -> None:
    """Leave someone out of `due` until a date."""
    from netwerk.output import render
    from netwerk.services.contacts import snooze as snooze_contact

    day = parse_when(until, prefer="future")
    assert day is not None
    with open_store(db, write=True, undo=True) as s:
        profile = snooze_contact(s, name, day, today=today())
    render.say(
        _("Snoozed {name} until {date}."), name=(profile["name"], "bold"), date=render.day(day)
    )


def _set_archived(name: str, archived: bool, db: str | None) -> None:
    from netwerk.output import render
    from netwerk.services.contacts import set_archived

    with open_store(db, write=True, undo=True) as s:
        profile = set_archived(s, name, archived, today=today())
    template = _("Archived {name}.") if archived else _("Unarchived {name}.")
    render.say(template, name=(profile["name"], "bold"))


@app.command()
def archive(name: Name, db: DbOption = None) -> None:
    """Let a relationship rest on purpose: out of `due` until unarchived."""
    _set_archived(name, True, db)


@app.command()
def unarchive(name: Name, db: DbOption = None) -> None:
    """Bring an archived contact back into `due`."""
    _set_archived(name, False, db)


@app.command()
def where(db: DbOption = None) -> None:
    """Print the path of the database in use."""
    typer.echo(str(db_path(db)))
