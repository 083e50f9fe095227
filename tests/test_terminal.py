"""What reaches the terminal: invisible characters escaped, the progress bar's own sequences kept."""

from __future__ import annotations

import io
import sys

import click

from briefpress.cli.terminal import PrintableStream, control, printable_output
from briefpress.errors import printable


def test_escape_sequences_and_bidi_controls_print_as_escapes():
    assert printable("ok \x1b[32mall good\x1b[0m") == "ok \\x1b[32mall good\\x1b[0m"
    assert printable("from \u202b411 to 300\u202c") == "from \\u202b411 to 300\\u202c"
    assert printable("tag \U000e0041 bell \a cr \r") == "tag \\U000e0041 bell \\x07 cr \\x0d"
    assert printable("línea 1\n\tdos 二") == "línea 1\n\tdos 二"


def test_click_output_on_a_terminal_is_escaped(monkeypatch):
    raw = io.StringIO()
    monkeypatch.setattr(sys, "stdout", raw)
    with printable_output():
        # color=True: what click writes to a terminal, where it does not strip escape sequences itself.
        click.echo("error: content/\x1b[2K\x1b[32mall good\x1b[0m/briefing.yaml", color=True)
        control(sys.stdout, "\r\x1b[K")
    assert raw.getvalue() == "error: content/\\x1b[2K\\x1b[32mall good\\x1b[0m/briefing.yaml\n\r\x1b[K"
    assert sys.stdout is raw


def test_a_printable_stream_offers_no_byte_buffer_around_the_escaping():
    stream = PrintableStream(io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert not hasattr(stream, "buffer")
    assert stream.encoding == "ascii"
