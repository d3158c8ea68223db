"""The ``golf`` command: one entry point that hands each sub-command to its module.

``golf SRC -o OUTDIR`` is the main job; ``golf stats``, ``golf verify`` and
``golf check`` are sub-commands. Each module imports lazily so that a quick
``golf stats`` does not pay for libcst or matplotlib.
"""

from __future__ import annotations

import importlib
import sys

SUBCOMMANDS = {
    "stats": "minimizer.stats",
    "verify": "verifier.cli",
    "check": "minimizer.check",
}
GOLF_MODULE = "minimizer.golf_cli"

USAGE = """usage: golf SRC -o OUTDIR [options]     shrink a program, verifying every kept change
       golf stats FILE...                 character counts, side by side
       golf verify REFERENCE CANDIDATE    are the two programs bit-identical?
       golf check REFERENCE GOLFED...     re-verify committed golfed files
run 'golf COMMAND --help' for the options of each."""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    module_name = SUBCOMMANDS.get(args[0])
    if module_name is not None:
        args = args[1:]
    else:
        module_name = GOLF_MODULE
    module = importlib.import_module(module_name)
    return module.main(args)


if __name__ == "__main__":
    sys.exit(main())
