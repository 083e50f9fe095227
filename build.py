#!/usr/bin/env python3
"""Build the briefings of this folder: ``python build.py [COMMAND] [OPTIONS]``.

A shim to the ``briefpress`` command, with this folder as the project. When
the dependencies are not importable but the set-up's virtual environment
exists, it reruns itself with that environment's Python.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_PYTHON = HERE / ".venv" / "bin" / "python"

try:
    import click  # noqa: F401
    import jinja2  # noqa: F401
    import pydantic  # noqa: F401
except ImportError:
    if VENV_PYTHON.is_file() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    sys.exit("briefpress is not installed: run ./setup.sh first (see README.md)")

sys.path.insert(0, str(HERE))
from briefpress.cli import main

main(project=HERE)
