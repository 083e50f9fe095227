"""Measure what ``briefpress draft`` finds against briefings written by hand from the same sources.

    .venv/bin/python bench/draft.py

For the sample article and each fixture document, drafts the source and prints,
for figures (by value and unit), timeline events (by date, at its precision) and
glossary entries (by acronym): how many of the hand-made briefing's entries the
draft holds (recall), and how many of the draft's entries the hand-made briefing
kept (precision: the draft proposes, a person deletes). Also lists what it missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefpress.authoring.draft import make_draft  # noqa: E402
from briefpress.checks.factcheck.values import figure_key  # noqa: E402
from briefpress.content.load import read_briefing  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "documents"
ARTICLE = ROOT.parent / "shared" / "article" / "china-lac-relations-new-era.txt"
# (source file, briefing folder, the id of that source in the briefing: None for the first)
CASES = [
    (ARTICLE, ROOT / "content" / "china-lac-2021", None),
    (FIXTURES / "sources" / "coastal-report" / "report.txt", FIXTURES / "content" / "coastal-report", "report"),
    (FIXTURES / "sources" / "coastal-report" / "launch.txt", FIXTURES / "content" / "coastal-report", "launch"),
    (FIXTURES / "sources" / "harbour-speech" / "speech.txt", FIXTURES / "content" / "harbour-speech", None),
]


def keys(briefing, source_id):
    """Return the hand-made briefing's figures, events and acronyms taken from one source."""
    spec = briefing.spec
    first = spec.all_sources()[0].id
    wanted = source_id or first

    def ours(item) -> bool:
        return spec.source_of(item).id == wanted

    base = briefing.texts[spec.base_language]
    figures = [_plain(figure_key(figure)) for figure in spec.figures if ours(figure)]
    events = [str(event.date) for event in spec.timeline if ours(event)]
    terms = [base.glossary[key].term for key in spec.glossary] if wanted == first else []
    return figures, events, terms


def _plain(key):
    return tuple(float(part) if not isinstance(part, str) else part for part in key)


def measure(name: str, wanted: list, found: list) -> tuple[str, int]:
    """Return the line of one measure, and how many of the hand-made entries the draft holds."""
    held = [item for item in wanted if item in found]  # a hand-made entry the draft also proposes
    kept = [item for item in found if item in wanted]  # a drafted entry the hand-made briefing kept
    recall = len(held) / len(wanted) if wanted else 1.0
    precision = len(kept) / len(found) if found else 1.0
    missed = ", ".join(sorted(map(str, set(wanted) - set(found)))) or "none"
    line = (f"  {name:<9} recall {len(held):>2}/{len(wanted):<2} = {recall:6.1%}   "
            f"precision {len(kept):>2}/{len(found):<2} = {precision:6.1%}   missed: {missed}")  # fmt: skip
    return line, len(held)


def main() -> int:
    totals = {"figures": [0, 0], "events": [0, 0], "acronyms": [0, 0]}
    for source, folder, source_id in CASES:
        briefing, problems = read_briefing(folder, {})
        if briefing is None:
            print(f"{folder}: does not load: {problems}")
            return 1
        lang = briefing.spec.base_language
        draft = make_draft(source, lang)
        figures, events, terms = keys(briefing, source_id)
        found = (
            [_plain(figure.key) for figure in draft.figures],
            [event.date for event in draft.events],
            [term.term for term in draft.terms],
        )
        print(f"{source.name} against {folder.name}" + (f" (source {source_id})" if source_id else ""))
        measures = (("figures", figures), ("events", events), ("acronyms", terms))
        for (name, wanted), got in zip(measures, found, strict=True):
            if name == "acronyms" and not wanted:
                continue
            line, held = measure(name, wanted, got)
            print(line)
            totals[name][0] += held
            totals[name][1] += len(wanted)
        guessed = [term.term for term in draft.terms if term.guessed]
        if guessed:
            names = ", ".join(guessed)
            print(f"  of the acronyms, {len(guessed)} are initials of a name the source spells out: {names}")
    print("all documents")
    for name, (kept, wanted) in totals.items():
        print(f"  {name:<9} recall {kept}/{wanted} = {kept / wanted:.1%}" if wanted else f"  {name}: none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
