"""`draft`: from a source document to a checked skeleton, its facts the source's own and its prose left to write."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import REPO, pdf_text, run, squeeze

import briefpress
from briefpress.authoring.draft import draft_briefing, make_draft
from briefpress.authoring.draft.sentences import split_sentences
from briefpress.checks.factcheck.values import figure_key
from briefpress.content.load import load_briefing, read_briefing
from briefpress.content.todo import hint, is_todo, todos
from briefpress.errors import BriefpressError, UsageError
from briefpress.paths import shown
from briefpress.project import Project
from briefpress.render.view import Phrase, ProsePhrase

ARTICLE = REPO.parent / "shared" / "article" / "china-lac-relations-new-era.txt"
SAMPLE = REPO / "content" / "china-lac-2021"
SPEECH = REPO / "tests" / "fixtures" / "documents" / "sources" / "harbour-speech" / "speech.txt"
TODAY = datetime.date(2026, 12, 7)

needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="the sample article is not beside the clone")


def drafted(tmp_path: Path, source: Path, name: str = "drafted", lang: str = "en") -> Path:
    draft_briefing(Project.at(tmp_path), source, name, lang, today=TODAY)
    return tmp_path / "content" / name


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- to-dos --------------------------------------------------------------------------------------


def test_a_todo_is_a_text_that_begins_with_the_marker():
    assert is_todo("TODO: summarise this part")
    assert hint("TODO: summarise this part") == "Summarise this part"
    assert is_todo("TODO")
    assert hint("TODO") == "To do"
    assert not is_todo("TODOS los países")
    assert not is_todo("A plan, TODO: later")
    assert hint("Trade grew.") == "Trade grew."
    data = {"parts": {"a": {"summary": "TODO: write it", "points": ["done", "TODO: more"]}}}
    assert list(todos(data)) == [(("parts", "a", "summary"), "Write it"), (("parts", "a", "points", 1), "More")]


def test_an_acronym_or_definition_still_to_write_is_not_spelled_out_in_running_text():
    from briefpress.render.acronyms import FirstUse

    class Entry:
        def __init__(self, term: str, definition: str) -> None:
            self.term, self.definition = Phrase(term), Phrase(definition)

    spell = FirstUse([Entry("SEK", "TODO: what SEK stands for"), Entry("TODO: NDB", "New Development Bank"),
                      Entry("BRI", "Belt and Road Initiative")])  # fmt: skip
    assert str(spell("SEK and NDB lent to the BRI.")) == "SEK and NDB lent to the Belt and Road Initiative (BRI)."


def test_the_page_prints_a_todo_hint_underlined_as_a_draft():
    assert Phrase("TODO: the part’s title").__html__() == '<span class="todo">The part’s title</span>'
    assert str(ProsePhrase("TODO: summarise *this*")) == "Summarise *this*"
    assert "<em>this</em>" in ProsePhrase("TODO: summarise *this*").__html__()
    assert Phrase("Written.").__html__() == "Written."


# --- reading the source's structure and facts ---------------------------------------------------


def test_sentences_split_at_full_stops_but_not_after_abbreviations_or_initials():
    text = "Trade rose 5% in 2021. The U.S. and Mr. J. Smith agreed. 贸易增长。合作深化。"
    expected = ["Trade rose 5% in 2021.", "The U.S. and Mr. J. Smith agreed.", "贸易增长。", "合作深化。"]
    assert split_sentences(text) == expected


@needs_article
def test_the_article_gives_its_title_byline_and_numbered_parts():
    outline = make_draft(ARTICLE).outline
    assert outline.title.startswith("Jointly Create Opportunities")
    assert outline.author == "Cai Wei"
    titles = [section.title for section in outline.sections]
    assert titles[0] is None  # the opening, before the first heading
    assert [title[:4] for title in titles[1:]] == ["I. F", "II. ", "III."]
    ids = ["introduction", "further-substantiating-china", "steadily-improving-china", "focusing-development-sound"]
    assert [section.id for section in outline.sections] == ids


def test_markdown_headings_nest_parts_and_numbered_lines_nest_under_them(tmp_path):
    text = (
        "# A Paper\n\nOpening words here.\n\n## Trade\n\nTrade grew.\n\n### Goods\n\nGoods grew.\n\n"
        "### Services\n\nServices grew.\n\n## Outlook\n\nMore to come.\n"
    )
    source = write(tmp_path / "paper.md", text)
    outline = make_draft(source).outline
    assert outline.title == "A Paper"
    tree = [(s.title, [c.title for c in s.children]) for s in outline.sections]
    assert tree == [(None, []), ("Trade", ["Goods", "Services"]), ("Outlook", [])]


def test_an_enumeration_is_the_structure_of_a_text_without_headings(tmp_path):
    text = (
        "Three Tasks\n\nWe meet today.\n\nFirst, we need to build ports. They last.\n\nSecond, we train crews."
        "\n\nThird, we share designs.\n\nThey will be ready.\n\nIn conclusion, thank you all.\n"
    )
    sections = make_draft(write(tmp_path / "speech.txt", text)).outline.sections
    found = [(s.id, s.enumerated, [b.text[:6] for b in s.blocks]) for s in sections]
    assert found == [
        ("introduction", False, ["We mee"]),
        ("build-ports-they", True, ["First,"]),
        ("train-crews", True, ["Second"]),
        ("share-designs", True, ["Third,", "They w"]),
        ("closing", False, ["In con"]),
    ]


def test_figures_carry_unit_qualifier_period_and_part(tmp_path):
    source = write(tmp_path / "report.txt", "Report\n\nI. Trade\n\nFrom January to November 2021, trade reached "
                   "US$411.25 billion, up 42.3%. Over 3,000 Chinese enterprises operate there.\n\n"
                   "II. Money\n\nSince 2018, the fund has approved nearly €20 billion in loans. Two loans of "
                   "US$1 billion each were announced. Less than 5% was spent.\n")  # fmt: skip
    found = {(f.key, f.qualifier, f.period, f.per, f.sentence.section.id) for f in make_draft(source).figures}
    assert found == {
        (("money", "USD", Decimal("411250000000")), None, "2021-01/2021-11", None, "trade"),
        (("percent", Decimal("42.3")), None, "2021-01/2021-11", None, "trade"),
        (("number", Decimal(3000)), "over", None, None, "trade"),
        (("money", "EUR", Decimal("20000000000")), "nearly", "2018/..", None, "money"),
        (("money", "USD", Decimal("1000000000")), None, None, "each", "money"),
    }  # "Less than 5%": no qualifier says so, so it is left out


def test_a_figure_takes_the_period_of_its_own_clause(tmp_path):
    text = (
        "Homes\n\nSince 2014, the fund has paid €2.4 billion to 14 national plans, and by 2040 Europe will need "
        "€105 billion. About 60% of homes were built before 1980. By the end of 2024 the ports had 46 berths. "
        "Heat pumps cut 45,000 tonnes of CO2 a year, and bills fell 3% each year. Public funds reached €780 "
        "million in 2023 and €1.15 billion in 2024.\n"
    )
    found = {f.key[-1]: (f.period, f.per) for f in make_draft(write(tmp_path / "homes.txt", text)).figures}
    assert found == {
        Decimal("2400000000"): ("2014/..", None),  # the sentence opens with it
        Decimal(14): ("2014/..", None),
        Decimal("105000000000"): ("../2040", None),  # its own clause: a limit
        Decimal(60): (None, None),  # "before 1980" is not its period
        Decimal(46): ("2024-12", None),  # a stock at the year's end
        Decimal(45000): (None, "year"),
        Decimal(3): (None, "year"),
        Decimal("780000000"): ("2023", None),  # each the nearest year of its clause
        Decimal("1150000000"): ("2024", None),
    }


def test_names_compounds_and_currency_codes_are_read_as_such(tmp_path):
    text = "Bonds\n\nThe city issued a SEK 1.5 billion bond, a 20-year loan, for SDG 6 and days above 30°C.\n"
    found = {f.key for f in make_draft(write(tmp_path / "bonds.txt", text)).figures}
    assert found == {("money", "SEK", Decimal("1500000000")), ("measure", "temperature-celsius", Decimal(30))}
    terms = {t.term for t in make_draft(tmp_path / "bonds.txt").terms}
    assert terms == {"SDG"}  # SEK beside its amount is a currency, not an acronym


def test_events_keep_the_precision_the_source_gives_and_skip_ranges(tmp_path):
    text = (
        "History\n\nThe forum was founded in July 2014. It met on December 3, 2021. A summit may follow in 2024. "
        "The plan covers 2022-2024, and trade grew from 2018 to 2020.\n"
    )
    source = write(tmp_path / "history.txt", text)
    events = [(e.date, e.sentence.text[:10]) for e in make_draft(source).events]
    assert events == [("2014-07", "The forum "), ("2021-12-03", "It met on "), ("2024", "A summit m")]


def test_acronyms_are_found_in_both_orders_and_without_expansion(tmp_path):
    text = (
        "Banks\n\nThe Asian Infrastructure Investment Bank (AIIB) lends. The NDB (New Development Bank) too. "
        "The China-CELAC Forum (CCF) met. The IMF disagreed.\n"
    )
    source = write(tmp_path / "banks.txt", text)
    found = {(t.term, t.definition) for t in make_draft(source).terms}
    assert found == {("AIIB", "Asian Infrastructure Investment Bank"), ("NDB", "New Development Bank"),
                     ("CCF", "China-CELAC Forum"), ("CELAC", None), ("IMF", None)}  # fmt: skip


def test_quotations_come_with_their_speaker_when_the_sentence_names_one(tmp_path):
    text = (
        "News\n\n“We will open every berth to shore power by 2030,” Mayor Ana Ruiz said. “Nobody will pay "
        "twice for the same design. We share it all.” The plan was called “a first step toward cleaner quays "
        "for all of us”. Its “circle of friends” grew.\n\nAs Paul Lefèvre put it, “a harbour is the place "
        "where a city and the sea argue every day”.\n"
    )
    source = write(tmp_path / "news.txt", text)
    found = [(q.text, q.speaker) for q in make_draft(source).quotes]
    assert found == [
        ("We will open every berth to shore power by 2030", "Mayor Ana Ruiz"),  # its comma left out
        ("Nobody will pay twice for the same design. We share it all.", "Mayor Ana Ruiz"),  # all its sentences
        ("a first step toward cleaner quays for all of us", None),
        ("a harbour is the place where a city and the sea argue every day", "Paul Lefèvre"),
    ]


# --- what the draft finds of hand-made briefings --------------------------------------------------


def recall(source: Path, folder: Path, source_id: str | None = None) -> tuple[float, float, float]:
    briefing, problems = read_briefing(folder, {})
    assert briefing is not None, problems
    spec = briefing.spec
    wanted = source_id or spec.all_sources()[0].id
    draft = make_draft(source, spec.base_language)
    figures = {figure_key(f) for f in spec.figures if spec.source_of(f).id == wanted}
    events = {str(e.date) for e in spec.timeline if spec.source_of(e).id == wanted}
    terms = {briefing.texts[spec.base_language].glossary[key].term for key in spec.glossary}
    got_figures = {f.key for f in draft.figures}
    got_events = {e.date for e in draft.events}
    got_terms = {t.term for t in draft.terms}

    def share(want: set, got: set) -> float:
        return len(want & got) / len(want) if want else 1.0

    return share(figures, got_figures), share(events, got_events), share(terms, got_terms)


@needs_article
def test_a_draft_of_the_article_holds_most_of_the_hand_made_sample():
    figures, events, terms = recall(ARTICLE, SAMPLE)
    assert figures >= 0.9, figures
    assert events >= 0.9, events
    assert terms >= 0.8, terms


def test_drafts_of_the_fixture_documents_hold_most_of_their_hand_made_briefings():
    documents = REPO / "tests" / "fixtures" / "documents"
    report = documents / "sources" / "coastal-report" / "report.txt"
    figures, events, terms = recall(report, documents / "content" / "coastal-report", "report")
    assert figures >= 0.9, figures  # 8 figures
    assert events >= 0.9, events
    assert terms >= 0.8, terms
    _, events, _ = recall(SPEECH, documents / "content" / "harbour-speech")  # a speech of no figures
    assert events >= 0.9, events


# --- the drafted folder -----------------------------------------------------------------------------


@needs_article
def test_the_draft_checks_against_its_source_and_lists_its_todos(tmp_path):
    folder = drafted(tmp_path, ARTICLE)
    report = briefpress.check(tmp_path, ["drafted"], {None: [ARTICLE]})
    (facts,) = report.facts
    assert not facts.missing, [str(p) for p in facts.missing]
    assert facts.figures > 30  # every figure, date and drafted label checked, none missing
    fields = [problem.field for problem in report.todos]
    for part in ("introduction", "further-substantiating-china"):
        assert f"parts.{part}.summary" in fields
        assert f"parts.{part}.points[0]" in fields
    assert "overview" in fields
    assert "title" in fields
    assert not report.guidance  # lengths are not judged while they are to-dos
    text = (folder / "text" / "en.yaml").read_text(encoding="utf-8")
    assert "# The part opens: During his fourth visit to the LAC countries in December 2018" in text
    spec = load_briefing(folder, Project.at(tmp_path).available()).spec
    assert spec.base_language == "en"
    assert str(spec.date) == "2026-12-07"
    assert spec.source.author == "Cai Wei"
    assert spec.source.kind == "article"  # its running text says "video remarks": the kind is named in its head


@needs_article
def test_check_reports_todos_and_strict_fails_on_them(tmp_path):
    drafted(tmp_path, ARTICLE)
    result = run(tmp_path, "check", "drafted", "--source", str(ARTICLE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    todo_lines = [line for line in lines if line.startswith("to do: ")]
    summary = next(line for line in todo_lines if "parts.introduction.summary" in line)
    assert summary.endswith("parts.introduction.summary: Summarise this part in two to four sentences")
    assert f"{len(todo_lines)} to-dos left to write: printed as a draft until written" in lines
    strict = run(tmp_path, "check", "drafted", "--strict")
    assert strict.exit_code == 1
    assert f"error: {len(todo_lines)} to-dos left to write; --strict makes them errors" in strict.output.splitlines()


@pytest.mark.pdf
def test_the_draft_builds_as_it_is_with_its_todos_boxed(tmp_path):
    drafted(tmp_path, SPEECH, "speech")
    result = run(tmp_path, "build", "speech", "--layout", "brief", "--style", "modern", "--paper", "a4", "--strict")
    assert result.exit_code == 0, result.output
    text = squeeze(pdf_text(tmp_path / "dist" / "speech" / "en" / "brief-modern-a4.pdf"))
    assert squeeze("Summarise this part in two to four sentences") in text
    assert "TODO" not in text


def test_an_existing_folder_is_never_overwritten(tmp_path):
    folder = tmp_path / "content" / "taken"
    folder.mkdir(parents=True)
    write(folder / "notes.txt", "mine")
    result = run(tmp_path, "draft", str(SPEECH), "--name", "taken")
    assert result.exit_code == 1
    assert result.output == f"error: {folder} already exists; nothing was written\n"
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("table.xlsx", b"PK\x03\x04junk", "unknown format"),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unknown format"),
        ("latin.txt", "Caf\u00e9 at 5%".encode("latin-1"), "not UTF-8"),
        ("broken.pdf", b"%PDF-1.7\nnot really", "cannot read it as PDF"),
        ("memo.rtf", b"{\\rtf1 Trade grew 5%.}", "unknown format"),  # text, but not a document's
        ("sheet.csv", b"year,value\n2021,5\n", "unknown format"),
    ],
)
def test_bad_sources_get_one_line_and_nothing_is_written(tmp_path, name, data, message):
    source = tmp_path / name
    source.write_bytes(data)
    result = run(tmp_path, "draft", str(source), "--name", "bad")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"error: {source}: "), result.output
    assert message in result.output
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").iterdir())


@pytest.mark.parametrize(("name", "text"), [("one.txt", "Title\n"), ("heading.md", "# A heading\n\n## Another\n")])
def test_a_source_of_a_title_alone_is_refused(tmp_path, name, text):
    source = write(tmp_path / name, text)
    result = run(tmp_path, "draft", str(source), "--name", "bare")
    assert result.output == f"error: {source}: there is no text in it beyond its title and headings\n"
    assert not (tmp_path / "content" / "bare").exists()


def test_a_title_and_its_byline_on_two_lines_are_told_apart(tmp_path):
    text = "Trenes nocturnos: una oportunidad\nPor Lucía Ferrer Andrade\n\nEl tren vuelve.\n"
    source = write(tmp_path / "es.txt", text)
    outline = make_draft(source, "es").outline
    assert (outline.title, outline.author) == ("Trenes nocturnos: una oportunidad", "Lucía Ferrer Andrade")


def test_a_draft_that_would_not_load_is_not_written(tmp_path, monkeypatch):
    from briefpress.authoring.draft import compose

    spec_text = compose.spec_text
    monkeypatch.setattr(compose, "spec_text", lambda *args: spec_text(*args).replace("base_language: en", "base: en"))
    with pytest.raises(BriefpressError, match="the draft of drafted does not load; nothing was written"):
        drafted(tmp_path, SPEECH)
    assert list((tmp_path / "content").iterdir()) == []


def test_a_missing_source_and_bad_names_are_one_line_each(tmp_path):
    missing = run(tmp_path, "draft", str(tmp_path / "nowhere.txt"), "--name", "x")
    assert missing.exit_code == 1
    assert missing.output.startswith(f"error: {tmp_path / 'nowhere.txt'}: cannot read it")
    slug = run(tmp_path, "draft", str(SPEECH), "--name", "Not A Slug")
    assert slug.exit_code == 2
    assert "is not a lowercase slug" in slug.output
    with pytest.raises(UsageError, match="not a language briefpress drafts in"):
        draft_briefing(Project.at(tmp_path), SPEECH, "x", "fr")
    assert not (tmp_path / "content" / "x").exists()


def test_the_cli_names_the_files_written_and_the_next_step(tmp_path):
    result = run(tmp_path, "draft", str(SPEECH), "--name", "speech")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    folder = tmp_path / "content" / "speech"
    assert lines[:2] == [f"wrote {folder / 'briefing.yaml'}", f"wrote {folder / 'text' / 'en.yaml'}"]
    assert lines[-1] == f"next: write its to-dos, then run: briefpress check speech --source {shown(SPEECH)}"


def test_a_draft_that_cannot_be_written_whole_leaves_no_folder(tmp_path):
    (tmp_path / "schema").write_text("a file where the schemas' folder goes", encoding="utf-8")
    with pytest.raises(BriefpressError, match="nothing was written"):
        drafted(tmp_path, SPEECH)
    assert list((tmp_path / "content").iterdir()) == []  # neither the folder nor its staging copy


def test_a_chinese_source_drafts_with_its_own_headings_numbers_and_dates(tmp_path):
    text = (
        "中拉合作的新时代\n\n一、经贸合作\n\n2021年1月至11月，中拉贸易额达4112.5亿美元，同比增长42.3%。"
        "超过3000家中国企业在拉美地区经营。\n\n二、机制建设\n\n2014年7月，中拉论坛宣布成立。"
        "2021年12月3日，第三届部长级会议以视频方式举行。\n"
    )
    source = write(tmp_path / "zh.txt", text)
    draft = make_draft(source, "zh-Hans")
    parts = [(s.id, s.title) for s in draft.outline.sections]
    assert parts == [("jing-mao-he", "一、经贸合作"), ("ji-zhi-jian", "二、机制建设")]
    assert {(f.key, f.qualifier, f.period) for f in draft.figures} == {
        (("money", "USD", Decimal("411250000000")), None, "2021-01/2021-11"),
        (("percent", Decimal("42.3")), None, "2021-01/2021-11"),
        (("number", Decimal(3000)), "over", None),
    }
    assert [e.date for e in draft.events] == ["2014-07", "2021-12-03"]  # January to November: a period
    drafted(tmp_path, source, "zh", "zh-Hans")
    (facts,) = briefpress.check(tmp_path, ["zh"], {None: [source]}).facts
    assert not facts.missing, [str(p) for p in facts.missing]
    labels = (tmp_path / "content" / "zh" / "text" / "zh-Hans.yaml").read_text(encoding="utf-8")
    assert 'label: "TODO: 中国企业在拉美地区经营"' in labels  # the count's measure word (家) left out


def test_a_spanish_source_drafts_its_enumeration_periods_and_dates(tmp_path):
    text = (
        "Tres tareas para los puertos\n\nPor Ana Ruiz\n\nNos reunimos el 3 de diciembre de 2021.\n\n"
        "Primero, invertimos más de 20.000 millones de dólares en muelles desde 2018.\n\n"
        "Segundo, el comercio creció un 42,3 % entre enero y noviembre de 2021.\n\n"
        "Tercero, la Comisión Económica para América Latina y el Caribe (CEPAL) lo confirmó en julio de 2014.\n"
    )
    draft = make_draft(write(tmp_path / "es.txt", text), "es")
    assert draft.outline.author == "Ana Ruiz"
    assert [s.enumerated for s in draft.outline.sections] == [False, True, True, True]
    assert {(f.key, f.qualifier, f.period) for f in draft.figures} == {
        (("money", "USD", Decimal("20000000000")), "over", "2018/.."),
        (("percent", Decimal("42.3")), None, "2021-01/2021-11"),
    }
    assert [e.date for e in draft.events] == ["2014-07", "2021-12-03"]  # desde 2018: a period's start
    terms = [(t.term, t.definition) for t in draft.terms]
    assert terms == [("CEPAL", "Comisión Económica para América Latina y el Caribe")]
    drafted(tmp_path, tmp_path / "es.txt", "trenes", "es")
    hints = [problem.message for problem in briefpress.check(tmp_path, ["trenes"]).todos]
    assert "Resuma esta parte en dos a cuatro oraciones" in hints  # the page prints them: in the briefing's language
    assert not any("summarise" in message or "Introduction" in message for message in hints)


def test_a_byline_under_a_subtitle_gives_the_author_and_role(tmp_path):
    text = (
        "Every Drop Counts\n\nKeynote address by Dr Margaret Okafor, Director-General of the Water Association, at "
        "the opening of World Water Week, Stockholm, 26 August 2024\n\nFriends, water is scarce.\n"
    )
    draft = make_draft(write(tmp_path / "speech.txt", text))
    assert draft.outline.author == "Margaret Okafor"  # "Dr" is a form of address, not the name
    assert draft.outline.author_role == "Director-General of the Water Association"
    assert draft.outline.occasion == "the opening of World Water Week, Stockholm"  # its date is the event's
    drafted(tmp_path, tmp_path / "speech.txt", "speech")
    spec = load_briefing(tmp_path / "content" / "speech", Project.at(tmp_path).available()).spec
    assert str(spec.source.event_date) == "2024-08-26"
    assert draft.kind == "speech"
    assert make_draft(write(tmp_path / "sea.txt", "Sea\n\nBy the sea we stand.\n")).outline.author is None


def test_speakers_of_a_transcript_of_she_said_and_of_spanish_verbs(tmp_path):
    text = (
        "Transcript\n\nAmara Okafor: “We will publish every contract we sign this year.” Jonas Brandt: “That is a "
        "first step for the whole region.”\n\nOkafor spoke first. “Nobody should pay twice for the same design,” "
        "she said.\n\n“El tren nocturno es la única alternativa real al avión,” reconoce Marta Ibáñez, directora "
        "del proyecto.\n\nSegún me dijo Kurt Bauer, “la demanda supera la oferta en todas las rutas del norte”.\n"
    )
    speakers = [q.speaker for q in make_draft(write(tmp_path / "transcript.txt", text)).quotes]
    assert speakers == ["Amara Okafor", "Jonas Brandt", "Amara Okafor", "Marta Ibáñez", "Kurt Bauer"]


def test_a_chinese_source_gives_its_byline_speakers_and_acronyms_without_spaces(tmp_path):
    text = (
        "数字经济的新机遇\n作者：王晓明\n\n一、发展现状\n\n2023年，中国数字经济规模达到53.9万亿元。IMF认为数字化将继续推动增长。"
        "王部长表示：“我们将继续扩大数字经济领域的对外开放，欢迎各国企业参与合作。”\n"
    )
    draft = make_draft(write(tmp_path / "zh.txt", text), "zh-Hans")
    assert (draft.outline.title, draft.outline.author) == ("数字经济的新机遇", "王晓明")
    assert [t.term for t in draft.terms] == ["IMF"]
    assert [q.speaker for q in draft.quotes] == ["王部长"]
    drafted(tmp_path, tmp_path / "zh.txt", "shuzi", "zh-Hans")
    texts = load_briefing(tmp_path / "content" / "shuzi", Project.at(tmp_path).available()).texts
    assert texts["zh-Hans"].source.title == "《数字经济的新机遇》"  # a title cited between book-title marks


def test_a_citation_whose_author_is_still_to_write_marks_it(tmp_path):
    drafted(tmp_path, write(tmp_path / "memo.txt", "A Memo\n\nTrade grew.\n"), "memo")
    result = run(tmp_path, "build", "memo", "--layout", "brief", "--style", "modern", "--paper", "a4")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "dist" / "memo" / "en" / "brief-modern-a4.html").read_text(encoding="utf-8")
    assert '<span class="todo">Who wrote the source</span>: <cite>A Memo</cite>' in html
