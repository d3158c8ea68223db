"""Runs a microgpt-style program unmodified and reports what it computed, as JSON.

Used by the reference test: it executes the program's own source in a fresh
globals dict, reads ``loss.data`` each time a line is printed (the step lines),
and after the run hashes ``params`` and the Adam buffers ``m`` and ``v`` the way
the original's trace file defines them. Usage: ``python reference_runner.py PROGRAM``
from the directory holding ``input.txt``.
"""

import hashlib
import io
import json
import sys

program = sys.argv[1]
namespace = {"__name__": "__main__", "__file__": program}
losses = []


class LossReadingStdout(io.StringIO):
    def write(self, text):
        if text.startswith("step "):
            losses.append(namespace["loss"].data.hex())
        return super().write(text)


captured = LossReadingStdout()
sys.stdout = captured
exec(compile(open(program, "rb").read(), program, "exec"), namespace)
sys.stdout = sys.__stdout__


def sha256_of_hexes(values):
    return hashlib.sha256("\n".join(float.hex(x) for x in values).encode("utf-8")).hexdigest()


json.dump(
    {
        "stdout": captured.getvalue(),
        "losses": losses,
        "param_count": len(namespace["params"]),
        "params_sha256": sha256_of_hexes(p.data for p in namespace["params"]),
        "adam_sha256": sha256_of_hexes(namespace["m"] + namespace["v"]),
    },
    sys.stdout,
)
