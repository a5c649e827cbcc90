"""Dutch names: the particles of a family name, and sorting and matching by its main part.

"Jan van der Berg" has the family name "van der Berg", whose main part is "Berg": Dutch phone
books and address lists sort him under B, and "Anna de Vries" under V. Written surname first,
"Van Dijk, Jan" and "Berg, Jan van der" are the same people. PARTICLES is the one table of
particles; formats/names.py (vCard N, CSV imports) splits family names with it too.

Pure: no database and no I/O; `sort_key` is also SQL's `netwerk_sort_name` (store/db.py).
"""

from __future__ import annotations

from netwerk.rules.text import fold

# The particles of Dutch family names, and the Belgian and German ones seen in the
# Netherlands. Lower case; matched ignoring case ("Van Dijk" when the name stands alone).
PARTICLES: tuple[str, ...] = (
    "van", "van de", "van der", "van den", "de", "den", "der", "het", "'t", "ter", "ten", "te",
    "in 't", "op de", "uit de", "von", "zu", "le", "la",
)  # fmt: skip
# Further particles that address books bring in (French, Italian, Spanish, Portuguese and the
# parts of Dutch ones such as "in", "op", "uit"): they are kept in a family name on import.
OTHER_PARTICLES: tuple[str, ...] = (
    "in", "op", "aan", "bij", "onder", "uit", "voor", "vom", "zum", "zur", "di", "da", "del",
    "della", "dei", "dos", "das", "du", "des", "d'", "l'",
)  # fmt: skip
PARTICLE_WORDS: frozenset[str] = frozenset(
    word for phrase in (*PARTICLES, *OTHER_PARTICLES) for word in phrase.split()
)


def _is_particle(word: str) -> bool:
    return word.lower().replace("’", "'") in PARTICLE_WORDS


def split_name(name: str) -> tuple[str, str, str]:
    """(given names, particles, main part of the family name).

    'Jan van der Berg' -> ('Jan', 'van der', 'Berg'); 'Anna de Vries' -> ('Anna', 'de',
    'Vries'); 'Van Dijk, Jan' -> ('Jan', 'Van', 'Dijk'); 'Berg, Jan van der' -> ('Jan',
    'van der', 'Berg'); 'Piet Jansen' -> ('Piet', '', 'Jansen'); 'Cher' -> ('', '', 'Cher').
    Particles are words before the last one; a name never becomes particles only.
    """
    if "," in name:
        family, _, rest = name.partition(",")
        rest_words = rest.split()
        trailing = len(rest_words)
        while trailing > 1 and _is_particle(rest_words[trailing - 1]):
            trailing -= 1
        given = " ".join(rest_words[:trailing])
        after = rest_words[trailing:]
        _head, particles, main = split_name(family)
        # "Berg, Jan van der": the particles came after the given names
        return given, " ".join([*after, *([particles] if particles else [])]), main
    words = name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    start = len(words) - 1  # the main part: the last word, and a particle run before it
    while start > 0 and _is_particle(words[start - 1]):
        start -= 1
    return " ".join(words[:start]), " ".join(words[start : len(words) - 1]), words[-1]


def sort_key(name: str) -> str:
    """How a name sorts, as Dutch address lists do: by the main part of the family name,
    then the given names, then the particles; case and accents ignored ('Ö' with 'O').
    'Jan van der Berg' -> 'berg jan van der'."""
    if "," in name:
        given, particles, main = split_name(name)
        return fold(" ".join(part for part in (main, given, particles) if part))
    # split_name's rule inline: `list` sorts every contact by this, once per row
    words = name.split()
    start = len(words) - 1
    while start > 0 and _is_particle(words[start - 1]):
        start -= 1
    key = " ".join([*words[-1:], *words[:start], *words[start:-1]])
    return key.lower() if key.isascii() else fold(key)


def written_forward(text: str) -> str:
    """A name as it is written in running text: 'Berg, Jan van der' -> 'Jan van der Berg',
    'Van Dijk, Jan' -> 'Jan Van Dijk'; a name without a comma as it is."""
    if "," not in text:
        return " ".join(text.split())
    given, particles, main = split_name(text)
    return " ".join(part for part in (given, particles, main) if part)


def family_forms(name: str) -> set[str]:
    """The folded ways a person may name someone by the family name alone: 'berg' and
    'van der berg' for Jan van der Berg."""
    _given, particles, main = split_name(name)
    forms = {fold(main)}
    if particles:
        forms.add(fold(f"{particles} {main}"))
    return forms
