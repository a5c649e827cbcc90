"""Splitting and composing personal names, keeping Dutch (and similar) particles in family names.

"Jan van der Berg" has the family name "van der Berg": it is sorted under B in the Netherlands
but the particles are still part of the family name, so we never drop them and never move them
into the given name.
"""

from netwerk.rules.names import PARTICLE_WORDS

# Lower-case name particles: the one table is netwerk.rules.names.PARTICLES (and the further
# ones address books bring in, OTHER_PARTICLES).
PARTICLES: frozenset[str] = PARTICLE_WORDS


def is_particles(text: str) -> bool:
    """True if ``text`` is one or more particles only, like "van der" or "in 't"."""
    words = text.split()
    return bool(words) and all(word.lower() in PARTICLES for word in words)


def split_name(name: str) -> tuple[str | None, str | None]:
    """Derive (given name, family name) from a display name.

    The last word is the family name, extended leftwards over any particles before it, but at
    least one word always stays given: 'Jan van der Berg' -> ('Jan', 'van der Berg'). A single
    word is taken as a given name ('Cher' -> ('Cher', None)), which is what phones do with a
    contact saved under one name.
    """
    if "," in name:  # written surname first: 'Van Dijk, Jan', 'Berg, Jan van der'
        from netwerk.rules.names import split_name as split_dutch

        given, particles, main = split_dutch(name)
        family = " ".join(part for part in (particles, main) if part)
        return given or None, family or None
    words = name.split()
    if not words:
        return None, None
    if len(words) == 1:
        return words[0], None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def merge_particles(middle: str, family: str) -> tuple[str, str]:
    """Move a middle name that is only particles into the family name.

    Google Contacts (and some phones) store "Jan van der Berg" as given 'Jan', middle 'van der',
    family 'Berg'; we want family 'van der Berg'. A real middle name is left where it is.
    """
    if middle and family and is_particles(middle):
        return "", f"{middle} {family}"
    return middle, family


def compose_name(*parts: str | None) -> str:
    """Join name parts with single spaces, skipping empty ones: ('Jan', '', 'Berg') -> 'Jan Berg'.

    Only given, middle and family are passed in: an honorific prefix is not part of how the
    user will look the person up.
    """
    return " ".join(part.strip() for part in parts if part and part.strip())
