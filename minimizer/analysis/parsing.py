"""One lock around Python's own parser, for everything that parses on the search's threads.

The search verifies candidates on several threads, and CPython 3.11's ast
constructor keeps a recursion count that concurrent parses corrupt ("AST
constructor recursion depth mismatch"). Every ``ast.parse`` and ``compile``
made while the search runs goes through :data:`PARSING`; they take
milliseconds, so holding it costs little beside a verifier run.
"""

from __future__ import annotations

import ast
import threading

#: Re-entrant: a proof that parses may run while the gate already holds it.
PARSING = threading.RLock()


def parse(source: str, mode: str = "exec") -> ast.AST:
    """``ast.parse``, one thread at a time."""
    with PARSING:
        return ast.parse(source, mode=mode)
