"""The terminal: what briefpress prints passes through here, with every invisible character escaped.

A briefing's folder name, a file name, a template's error or a WeasyPrint
message may hold an escape sequence (``\\x1b[32m``) or a bidi control that
would repaint or reorder what the terminal shows: a green "all good" over a
failure. While a command runs, standard output and error are wrapped so that
such characters print as visible escapes; the progress bar's own control
sequences go through ``control()``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from briefpress.errors import printable


class PrintableStream:
    """A text stream that escapes invisible characters in what is written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str | bytes) -> int:
        if isinstance(text, bytes | bytearray):  # click writes bytes here when it finds no byte buffer
            text = bytes(text).decode("utf-8", "replace")
        self._stream.write(printable(text))
        return len(text)

    def control(self, sequence: str) -> None:
        """Write a control sequence of briefpress's own (clearing the progress line) as it is."""
        self._stream.write(sequence)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # click would write bytes there, around the escaping
            raise AttributeError(name)
        return getattr(self._stream, name)


def control(stream: Any, sequence: str) -> None:
    """Write ``sequence`` to ``stream`` unescaped, whether or not it is a PrintableStream."""
    (stream.control if isinstance(stream, PrintableStream) else stream.write)(sequence)


@contextmanager
def printable_output() -> Iterator[None]:
    """Escape invisible characters on standard output and error while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout = PrintableStream(sys.stdout)
    sys.stderr = PrintableStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
