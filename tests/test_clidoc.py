"""The command-line reference in docs/ is generated from the click commands and up to date."""

from __future__ import annotations

import click
from helpers import REPO

from briefpress.cli.clidoc import reference
from briefpress.cli.commands import cli


def test_committed_cli_reference_is_current():
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == reference(), "stale docs/cli.md: run .venv/bin/python -m briefpress.cli.clidoc"


def sections(text: str) -> dict[str, str]:
    """Return each command's section of the reference, keyed by its command path."""
    found: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("#") and line.rstrip().endswith("`") and "`" in line:
            current = line.split("`")[1]
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def unescaped(markdown: str) -> str:
    return markdown.replace("\\", "").replace("&lt;", "<").replace("&amp;", "&")


def option_lines(section: str) -> dict[str, str]:
    """Return each option line of a section, unescaped, keyed by each of the option's names."""
    found = {}
    for line in section.splitlines():
        if line.startswith("- `-"):
            names, _, rest = line.removeprefix("- `").partition("`")
            found.update({name.split()[0]: unescaped(rest) for name in names.split(", ")})
    return found


def commands_of(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Return every command under ``group`` by its path (``translate export``), the groups too."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(commands_of(command, f"{prefix}{name} "))
    return found


def test_every_command_and_option_of_briefpress_is_documented():
    documented = sections(reference())
    context = click.Context(cli, info_name="briefpress", **cli.context_settings)
    commands = {"": cli, **commands_of(cli)}
    assert set(documented) == {f"briefpress {name}".strip() for name in commands}
    for name, command in commands.items():
        path = f"briefpress {name}".strip()
        assert command.help.split("\n", 1)[0] in unescaped(documented[path]), path
        options = option_lines(documented[path])
        for param in command.params:
            if isinstance(param, click.Option) and not set(param.opts) <= set(context.help_option_names):
                for opt in param.opts:
                    assert opt in options, f"{path}: {opt}"
                    assert param.help in options[opt], f"{path}: {opt}"


def test_reference_shows_usage_help_options_and_defaults():
    lines = reference().splitlines()
    assert lines[lines.index("### `briefpress build`") + 3] == "briefpress build [OPTIONS] [BRIEFINGS]..."
    assert (
        "- `--time-limit FLOAT RANGE`: Seconds one target may take before it is stopped and fails."
        " \\[default: 300.0; x>=1\\]"
    ) in lines
    assert (
        "- `-C, --project DIRECTORY`: Folder holding content/ and optionally templates/, styles/, locale/"
        " \\[default: the first folder from here up that holds content/, else this one\\]." in lines
    )
    assert (
        "- [`new`](#briefpress-new): Start a briefing: write content/BRIEFING/ from a commented example"
        " that builds as it is." in lines
    )


@click.group()
@click.option("--colour", type=click.Choice(["red", "blue"]), default="red", show_default=True, help="Ink <colour>.")
def tool(colour: str) -> None:
    """Do *things* with `files`.

    \b
    tool run a
    tool run b
    """


@tool.command("run")
@click.argument("file")
@click.option("--times", "-n", type=int, default=3, show_default=True, help="How often.")
@click.option("--flag", is_flag=True)
def run_command(file: str, times: int, flag: bool) -> None:
    """Run FILE a few times.

    A second paragraph that wraps
    over two lines.
    """


@tool.command("secret", hidden=True)
def secret_command() -> None:
    """Not shown."""


@tool.group("db")
def db_group() -> None:
    """Database commands."""


@db_group.command("init")
def db_init() -> None:
    """Start a database."""


def test_reference_walks_any_click_group():
    text = reference(tool, "tool")
    assert sections(text).keys() == {"tool", "tool db", "tool db init", "tool run"}
    lines = text.splitlines()
    assert "## `tool`" in lines
    assert "### `tool run`" in lines
    assert "#### `tool db init`" in lines
    assert "tool [OPTIONS] COMMAND [ARGS]..." in lines
    assert "tool run [OPTIONS] FILE" in lines
    assert "tool db init [OPTIONS]" in lines
    # Help text printed as it is, not read as Markdown; a \b paragraph keeps its lines.
    assert "Do \\*things\\* with \\`files\\`." in lines
    assert lines[lines.index("tool run a") - 1 : lines.index("tool run a") + 3] == [
        "```text",
        "tool run a",
        "tool run b",
        "```",
    ]
    assert "A second paragraph that wraps over two lines." in lines
    assert "- `--colour [red|blue]`: Ink &lt;colour>. \\[default: red\\]" in lines
    assert "- `-n, --times INTEGER`: How often. \\[default: 3\\]" in lines
    assert "- `--flag`" in lines
    assert "- [`run`](#tool-run): Run FILE a few times." in lines
    assert "secret" not in text
    assert "Show this message and exit." not in text
