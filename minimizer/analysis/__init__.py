"""Facts about a program, derived in one place so that every transform gets the same answer.

A transform asks here which binding a name means (``scopes``), whether a program
reaches its names dynamically so that nothing may be renamed or dropped
(``refusal``), which attributes a program's own classes define (``attributes``),
what new names are free (``naming``), and the small expression facts several
rewrites share (``expressions``, ``constants``, ``literals``). Nothing here
rewrites a program, and nothing here imports a transform.
"""
