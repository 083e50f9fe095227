#!/usr/bin/env python3
"""Build the briefings of this folder: ``python3 build.py [COMMAND] [OPTIONS]``.

A shim to the ``briefpress`` command, with this folder as the project. When
the set-up's virtual environment exists, it reruns itself with that
environment's Python, whose libraries are the tested versions; another Python
that happens to have some of them would build different bytes, or fail.
"""

import os
import sys
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_PYTHON = HERE / ".venv" / "bin" / "python"

if VENV_PYTHON.is_file() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
    os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
if not all(find_spec(name) for name in ("click", "jinja2", "pydantic", "weasyprint", "segno")):
    sys.exit("briefpress is not installed: run bash setup.sh first (see README.md)")

sys.path.insert(0, str(HERE))
from briefpress.cli.commands import main

main(project=HERE)
