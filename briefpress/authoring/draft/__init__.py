"""Draft a briefing from its source: the structure, figures, dates, acronyms and quotations, checked.

``draft_briefing`` reads the source, finds its parts, takes out what it states
as data with the fact check's own readers, and writes ``content/<name>/``: a
briefing that builds as it is, whose summaries and points are to-dos with the
source's sentences beside them as comments.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from pathlib import Path

from briefpress.authoring.draft import compose, extract
from briefpress.authoring.draft.hints import LANGUAGES
from briefpress.authoring.draft.structure import NUMBER, Outline, outline
from briefpress.authoring.scaffold import SCHEMA_DIR, check_name, copy_schemas, point_to_schema
from briefpress.errors import BriefpressError, BuildError, UsageError
from briefpress.project import Project

__all__ = ["draft_briefing", "make_draft"]



def make_draft(source: Path, lang: str = "en") -> compose.Draft:
    """Read ``source`` and return what a draft of it holds."""
    from briefpress.sources.read import read_document

    document = read_document(source)
    found = outline(document)
    _name_sections(found)
    sentences = list(extract.sentences_of(found.all_sections()))
    if not sentences:
        raise BriefpressError(f"{source}: there is no text in it beyond its title and headings")
    # Its kind is named in its title, byline or subtitle ("Keynote address by …"), not in its running text.
    heads = [block.text for block in document.blocks[:3] if len(block.text.split()) <= 30]
    opening = " ".join([found.title or "", found.byline or "", *heads])
    return compose.Draft(
        found,
        extract.figures(sentences, lang),
        extract.events(sentences, lang),
        extract.terms(sentences, lang),
        extract.quotes(sentences),
        extract.kind_of(opening),
        document.text,
    )


def _name_sections(found: Outline) -> None:
    """Give each section an id from its title, and drop a heading's number where the page numbers nested parts."""
    ids = compose.Ids()
    nested = any(section.children for section in found.sections)
    for n, section in enumerate(found.all_sections(), 1):
        if section.title is None:
            opening = section.blocks[0].text if section.blocks else ""
            if n == 1 and not section.enumerated:
                section.id = ids("introduction")
            elif section.enumerated:  # "First, we need to prioritize development": prioritize-development
                words = re.sub(r"^\S+,\s*(?:(?:we|I|you)\s+(?:need|must|should|will|want)\s+to\s+)?", "", opening)
                section.id = ids(compose.slug(words, fallback=f"part-{n}"))
            else:
                section.id = ids("closing" if n == len(found.sections) else f"part-{n}")
            continue
        if nested:
            section.title = NUMBER.sub("", section.title) or section.title
        section.id = ids(compose.slug(NUMBER.sub("", section.title), fallback=f"part-{n}"))


def draft_briefing(
    project: Project, source: Path, name: str, lang: str = "en", today: datetime.date | None = None
) -> list[Path]:
    """Write ``content/<name>/`` drafted from ``source`` in language ``lang``; return the files written.

    Nothing is overwritten: an existing folder is an error, and the folder
    appears whole or not at all. Raise UsageError for a bad name or language,
    BriefpressError (one line) for a source that cannot be read.
    """
    from briefpress.checks.factcheck.source import source_text

    check_name(name)
    if lang not in LANGUAGES:
        raise UsageError(f"{lang!r} is not a language briefpress drafts in: choose from {', '.join(LANGUAGES)}",
                         param="--lang")  # fmt: skip
    folder = project.content_dir / name
    if folder.exists():
        raise BuildError(f"{folder} already exists; nothing was written")
    draft = make_draft(source, lang)
    text = source_text(str(source), draft.text, lang)  # the source read once: as check --source reads it

    def safe(hint: str | None) -> str | None:
        """Return a text for a printed field if every figure and date in it is in the source, else None."""
        from briefpress.checks.factcheck.figures import read_figures

        if not hint:
            return None
        return hint if all(text.has_figure(mention.key) for mention in read_figures(hint, lang)) else None

    ids = _ids(draft)
    schema = project.root / SCHEMA_DIR
    spec = compose.spec_text(draft, lang, source.name, today or datetime.date.today(), ids,
                             "# yaml-language-server: $schema=../../schema/briefing.schema.json")  # fmt: skip
    schema_line = "# yaml-language-server: $schema=../../../schema/text.schema.json"
    words = compose.text_text(draft, ids, schema_line, safe, lang)
    project.content_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".draft-{name}-", dir=project.content_dir))
    written = staging / name
    try:
        (written / "text").mkdir(parents=True)
        (written / "briefing.yaml").write_text(point_to_schema(spec, folder, schema), encoding="utf-8")
        (written / "text" / f"{lang}.yaml").write_text(point_to_schema(words, folder / "text", schema), "utf-8")
        _validated(written)
        schemas = copy_schemas(project)
        written.rename(folder)  # whole or not at all; fails if the folder appeared meanwhile
        staging.rmdir()
    except BuildError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if folder.exists():
            raise BuildError(f"{folder} already exists; nothing was written") from None
        raise BuildError(f"cannot write {folder}: {error.strerror or error}; nothing was written") from None
    return [folder / "briefing.yaml", folder / "text" / f"{lang}.yaml", *schemas]


def _validated(folder: Path) -> None:
    """Raise BuildError, with each problem, unless the drafted folder loads as a briefing does."""
    from briefpress.content.load import read_briefing

    briefing, problems = read_briefing(folder, {})
    if briefing is None or problems:
        raise BuildError([*problems, f"the draft of {folder.name} does not load; nothing was written"])


def _ids(draft: compose.Draft) -> dict[str, list[str]]:
    """Return the ids of every entry, unique in its list."""
    figure_ids, event_ids, term_ids, quote_ids = compose.Ids(), compose.Ids(), compose.Ids(), compose.Ids()
    return {
        "parts": [section.id for section in draft.outline.all_sections()],
        "figures": [
            figure_ids(compose.slug(compose.figure_hint(figure) or "", fallback=compose.unit_of(figure.key).lower()))
            for figure in draft.figures
        ],
        "timeline": [
            event_ids(compose.slug(compose.event_hint(event) or "", 2, "event") + "-" + event.date[:4])
            for event in draft.events
        ],
        "glossary": [term_ids(compose.slug(term.term, 4, "term")) for term in draft.terms],
        "quotes": [quote_ids(compose.slug(quote.text, 3, "quote")) for quote in draft.quotes],
    }
