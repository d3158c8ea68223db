"""compact_imports: neighbouring imports become one statement, in the same order."""

from __future__ import annotations

import libcst as cst
from transform_check import apply_sites, dedent, pair_tests, run_program

from minimizer.transforms.compact_imports import CompactImports

IMPORT_PAIRS = [
    ("import os\nimport math\n", "import os,math\n"),
    ("import os\nimport math\nimport random\n", "import os,math,random\n"),
    ("import os\n# why\nimport math  # note\n", "import os,math\n"),
    ("import a.b\nimport c\n", "import a.b,c\n"),
    ("import a as b\nimport c as d\n", "import a as b,c as d\n"),
    ("import os; import sys; x = 1\n", "import os,sys; x = 1\n"),
    ("import os\nx = 1\nimport sys\n", "import os\nx = 1\nimport sys\n"),
    ("from m import a\nfrom m import b\n", "from m import a,b\n"),
    ("from m import (a,\n   b)\nfrom m import c\n", "from m import (a,b,c)\n"),
    ("from m import a\nfrom n import b\n", "from m import a\nfrom n import b\n"),
    ("from .m import a\nfrom m import b\n", "from .m import a\nfrom m import b\n"),
    ("from m import *\nfrom m import b\n", "from m import *\nfrom m import b\n"),
    ("import m\nfrom m import b\n", "import m\nfrom m import b\n"),
    ("if x:\n    import a\n    import b\n", "if x:\n    import a,b\n"),
    ("if x: import a; import b\n", "if x: import a,b\n"),
    ("import a\nimport b; x = 1\n", "import a\nimport b; x = 1\n"),
]

test_before_after, _ = pair_tests(CompactImports(), IMPORT_PAIRS)


def test_compact_imports_any_subset_of_a_run() -> None:
    source = "import os\nimport sys\nimport math\nimport json\n"
    module = cst.parse_module(source)
    assert CompactImports().count_sites(module) == 3
    assert CompactImports().apply(module, [1]).code == "import os\nimport sys,math\nimport json\n"
    assert CompactImports().apply(module, [0, 2]).code == "import os,sys\nimport math,json\n"


def test_compact_imports_keeps_import_order_and_effects() -> None:
    source = dedent("""
        import sys
        import os.path
        from os import sep
        from os import getcwd as here
        print(sorted(k for k in ("sys", "os", "sep", "here") if k in globals()))
        print(callable(here), sep == os.sep)
        """)
    after = apply_sites(CompactImports(), source)
    assert after.count("import") < source.count("import")
    assert run_program(after) == run_program(source)
