"""The command-line reference (docs/cli.md), generated from the click commands.

Every command with its usage line, its help text and its options, as ``--help``
shows them. Regenerate the committed copy with ``.venv/bin/python -m briefpress.cli.clidoc``.
"""

from __future__ import annotations

import inspect
import sys

import click

from briefpress.project import BUILTIN_ROOT

OUTPUT = BUILTIN_ROOT / "docs" / "cli.md"
HEADER = (
    "<!-- Generated from briefpress/cli/commands.py by `.venv/bin/python -m briefpress.cli.clidoc`;"
    " do not edit by hand. -->"
)
# What Markdown would read as HTML (< and &) or as emphasis, code or links; > and the rest print as they are.
_MARKDOWN = str.maketrans({"&": "&amp;", "<": "&lt;", **{char: f"\\{char}" for char in "\\`*_[]"}})


def reference(command: click.Command | None = None, name: str = "briefpress") -> str:
    """Return the text of the command-line reference of ``command`` (the briefpress group by default)."""
    if command is None:
        from briefpress.cli.commands import cli

        command = cli
    out = [
        "# Command-line reference",
        "",
        HEADER,
        "",
        f"Every command of `{name}` with its options, as `{name} COMMAND --help` shows them; every command",
        "also takes `-h` or `--help`. From a clone, `python3 build.py COMMAND ...` runs the same commands",
        "on the clone's folder.",
        "",
    ]
    for context in walk(click.Context(command, info_name=name, **command.context_settings)):
        out += section(context)
    return "\n".join(out)


def walk(context: click.Context) -> list[click.Context]:
    """Return the context of a command and those of its subcommands, depth first, in the order --help lists them."""
    contexts = [context]
    command = context.command
    if isinstance(command, click.Group):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                contexts += walk(click.Context(sub, info_name=name, parent=context, **sub.context_settings))
    return contexts


def section(context: click.Context) -> list[str]:
    """Return the Markdown of one command: heading, usage, help text, options and subcommands."""
    command = context.command
    usage = " ".join([context.command_path, *command.collect_usage_pieces(context)])
    level = "#" * min(2 + _depth(context), 4)
    out = [f"{level} `{context.command_path}`", "", "```text", usage, "```", ""]
    out += _help_text(command.help or "")
    options = [record for param in command.get_params(context) if (record := _option_record(context, param))]
    if options:
        out += ["Options:", ""]
        out += [f"- `{names}`" + (f": {_escape(help_text)}" if help_text else "") for names, help_text in options]
        out.append("")
    if isinstance(command, click.Group):
        subcommands = [
            (name, sub)
            for name in command.list_commands(context)
            if (sub := command.get_command(context, name)) is not None and not sub.hidden
        ]
        out += ["Commands:", ""]
        out += [
            f"- [`{name}`](#{_anchor(context, name)}): {_escape(sub.get_short_help_str(limit=200))}"
            for name, sub in subcommands
        ]
        out.append("")
    return out


def _option_record(context: click.Context, param: click.Parameter) -> tuple[str, str] | None:
    """Return an option's names and help as --help shows them; None for arguments and the help option."""
    if not isinstance(param, click.Option) or set(param.opts) <= set(context.help_option_names):
        return None
    record = param.get_help_record(context)
    return None if record is None else (record[0], " ".join(record[1].split()))


def _help_text(text: str) -> list[str]:
    """Return a docstring's paragraphs as Markdown; a ``\\b`` paragraph keeps its lines, as in --help."""
    out = []
    for paragraph in inspect.cleandoc(text.partition("\f")[0]).split("\n\n"):
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            out += ["```text", *lines[1:], "```", ""]
        elif lines:
            out += [_escape(" ".join(line.strip() for line in lines)), ""]
    return out


def _depth(context: click.Context) -> int:
    depth = 0
    while context.parent is not None:
        context, depth = context.parent, depth + 1
    return depth


def _anchor(context: click.Context, name: str) -> str:
    """Return the id MkDocs (and GitHub) give the heading of subcommand ``name``."""
    return f"{context.command_path} {name}".lower().replace(" ", "-")


def _escape(text: str) -> str:
    """Return plain text that Markdown prints as it is."""
    return text.translate(_MARKDOWN)


if __name__ == "__main__":
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(reference(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")
