"""Guidance on length: what reads well in each layout, which ``check`` warns about and ``build`` does not refuse.

The schema refuses only what would break a layout (a chart of more than eight
bars, a cover of more than eight takeaways). How many points a part has, or
how many sentences its summary, is the writer's call: these are the ranges the
layouts are drawn for, and ``check`` says where a briefing leaves them.
"""

from __future__ import annotations

from briefpress.content.model import Briefing, PointText, sentences
from briefpress.content.todo import is_todo
from briefpress.errors import Problem

SUMMARY_SENTENCES = (2, 4)  # a part's summary, in the brief and the handout
POINTS = (3, 8)  # a part's key points
TAKEAWAYS = (3, 5)  # on the brief's cover
SHEET_POINTS = 36  # key points a one-page sheet holds at a readable size, all parts together


def guidance(briefing: Briefing) -> list[Problem]:
    """Return one warning per place where the briefing's text leaves the lengths its layouts are drawn for."""
    spec = briefing.spec
    places = spec.part_places()
    warnings: list[Problem] = []
    for lang, text in briefing.texts.items():
        path = briefing.text_file(lang)

        def warn(loc: tuple[str | int, ...], message: str, lang: str = lang, path=path) -> None:
            if not briefing.is_fallback(lang, *loc):
                warnings.append(Problem(path, briefing.line_of(path, *loc), _dotted(loc), message))

        for key, place in places.items():
            entry = text.parts.get(key)
            if entry is None:
                continue
            if entry.summary is not None and not is_todo(entry.summary):
                count = sentences(entry.summary)
                low, high = SUMMARY_SENTENCES
                if not low <= count <= high:
                    message = f"a summary reads best in {low} to {high} sentences; this one has {count}"
                    warn(("parts", key, "summary"), message)
            low, high = POINTS
            if place.children and not entry.points:
                continue  # a part that holds parts may leave the points to them
            if any(is_todo(point.text if isinstance(point, PointText) else point) for point in entry.points):
                continue  # points still to write: check lists the to-do
            if not low <= len(entry.points) <= high:
                warn(
                    ("parts", key, "points"),
                    f"a part reads best with {low} to {high} key points; this one has {len(entry.points)} "
                    "(give the others priority: 3 to leave them out where room is short)"
                    if len(entry.points) > high
                    else f"a part reads best with {low} to {high} key points; this one has {len(entry.points)}",
                )
        low, high = TAKEAWAYS
        if text.takeaways and not low <= len(text.takeaways) <= high:
            count = len(text.takeaways)
            warn(("takeaways",), f"a cover reads best with {low} to {high} takeaways; this one has {count}")
        if "sheet" in spec.outputs.layouts:
            show = spec.outputs.show.get("sheet")
            depth = show.depth if show and show.depth else 1
            limit = show.points if show and show.points is not None else None
            shown, wanted = 0, _under(show.parts, places) if show and show.parts else set(places)
            for key, place in places.items():
                entry = text.parts.get(key)
                if entry is None or place.level > depth or key not in wanted:
                    continue
                kept = [point for point in entry.points if not isinstance(point, PointText) or point.priority < 3]
                shown += min(len(kept), limit) if limit is not None else len(kept)
            if shown > SHEET_POINTS:
                warn(
                    ("parts",),
                    f"the sheet would show {shown} key points, more than the {SHEET_POINTS} a page holds at a "
                    "readable size: give some priority: 3, or say what it shows in briefing.yaml "
                    "(outputs: show: sheet: {points: 3})",
                )
    return warnings


def _under(parts: list[str], places: dict) -> set[str]:
    """Return the parts named and every part they hold."""
    found: set[str] = set()
    stack = list(parts)
    while stack:
        key = stack.pop()
        found.add(key)
        stack += places[key].children if key in places else []
    return found


def _dotted(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(key) for key in loc)
