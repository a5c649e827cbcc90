"""Cadence rules with no database: the default cadence of a contact with none of its own and no
circle with one. (The effective cadence and the due date themselves are kept by the database, in
m004's generated columns `due_cadence` and `due_on`: read them, do not recompute them.)"""

DEFAULT_CADENCE_DAYS = 90
