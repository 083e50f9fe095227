"""Stage 1, reading: strict YAML with lines, no implicit types, no aliases or tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpress.content.yamlread import dotted, read_yaml


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_yaml(path)


@pytest.mark.parametrize(
    ("scalar", "kept"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("off", "off"),
        ("1.10", "1.10"),
        ("0123", "0123"),
        ("2021-12-03", "2021-12-03"),
        ("1e3", "1e3"),
        ("0x1F", "0x1F"),
        ("'quoted: yes'", "quoted: yes"),
        ("12:30", "12:30"),
    ],
)
def test_scalars_stay_strings(tmp_path, scalar, kept):
    doc, problems = read(tmp_path, f"key: {scalar}\n")
    assert problems == []
    assert doc.data == {"key": kept}


@pytest.mark.parametrize("empty", ["", "~", "null"])
def test_plain_empty_and_null_are_none(tmp_path, empty):
    doc, problems = read(tmp_path, f"key: {empty}\n")
    assert problems == []
    assert doc.data == {"key": None}


def test_quoted_null_is_a_string(tmp_path):
    doc, _ = read(tmp_path, 'key: "null"\n')
    assert doc.data == {"key": "null"}


def test_duplicate_key_names_both_lines(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb:\n  c: 2\n  c: 3\n")
    assert [str(p).split(": ", 1)[1] for p in problems] == ["b.c: duplicate key (first defined on line 3)"]
    assert problems[0].line == 4
    assert doc.data == {"a": "1", "b": {"c": "2"}}


def test_alias_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert len(problems) == 1
    assert problems[0].line == 1
    assert "anchors (&x) are not allowed" in problems[0].message


def test_alias_bomb_is_refused_before_expansion(tmp_path):
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    doc, problems = read(tmp_path, bomb)
    assert doc.data is None
    assert "not allowed" in problems[0].message


def test_python_tag_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: 1\nb: !!python/object/apply:os.system ['true']\n")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "explicit tags (tag:yaml.org,2002:python/object/apply:os.system)" in problems[0].message


def test_any_explicit_tag_is_refused(tmp_path):
    _, problems = read(tmp_path, "a: !!int 3\n")
    assert "explicit tags" in problems[0].message


def test_syntax_error_has_a_line(tmp_path):
    _, problems = read(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert len(problems) == 1
    assert problems[0].message.startswith("YAML syntax:")
    assert problems[0].line == 3


def test_invalid_utf8_names_the_line(tmp_path):
    _, problems = read(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert [(p.line, p.message) for p in problems] == [(2, "the file is not valid UTF-8 text")]


def test_empty_file(tmp_path):
    _, problems = read(tmp_path, "# only a comment\n")
    assert [p.message for p in problems] == ["the file is empty"]


def test_missing_file(tmp_path):
    doc, problems = read_yaml(tmp_path / "absent.yaml")
    assert doc.data is None
    assert [p.message for p in problems] == ["cannot read the file: No such file or directory"]


def test_lines_point_at_keys_and_items(tmp_path):
    doc, _ = read(tmp_path, "a:\n  b:\n    - x\n    - y\nc: z\n")
    assert doc.line_of(("a", "b", 1)) == 4
    assert doc.line_of(("c",)) == 5
    assert doc.line_of(("a", "missing", "deeper")) == 1
    assert doc.line_of(("a", "b", 7)) == 2


def test_dotted_paths():
    assert dotted(("parts", "intro", "points", 2)) == "parts.intro.points[2]"
    assert dotted(("figures", 0, "value")) == "figures[0].value"
    assert dotted(()) == ""
