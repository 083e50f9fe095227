"""Benchmark the default matrix on this machine; every figure is measured in this one run.

    .venv/bin/python bench/run.py            # the default matrix (72 targets, about 8 minutes)
    .venv/bin/python bench/run.py --quick    # the sheets only (24 targets)

Prints:
1. the tool's warm time per target over raw WeasyPrint's on the same HTML and
   stylesheets, in the same process with the same font configuration;
2. serial and parallel wall time;
3. the no-op rebuild, timed from outside as a user runs it;
4. a one-file edit: the rebuild of only its targets, from outside, and in a
   warm ``watch`` (edit to PDF);
5. peak memory per worker;
6. PDF sizes per language and layout;
7. a cold ``preview``: how long until it serves, against how long until its
   first build is done (what a user waited before it served at once);
8. the preflight's time against the layout and writing of the same pages;
9. page economy: briefs and handouts with their ``--fit-tighten`` against the
   same targets with it set to ``none``, in pages, booklet sheets and time.

    .venv/bin/python bench/run.py --passes [--keep DIR]

prints only the fit solver's layout passes per target (mean, max, the targets
that took more than one, and the time), producing each target once in this
process; ``--keep`` writes the PDFs under DIR to compare them byte for byte.

The machine may be shared and noisy: compare the ratios, which are measured
side by side, rather than the absolute times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefpress.builds.plan import Selection  # noqa: E402
from briefpress.builds.session import Options, Session  # noqa: E402
from briefpress.project import Project  # noqa: E402

SAMPLE = "china-lac-2021"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the sheets only")
    parser.add_argument("--passes", action="store_true", help="only the fit solver's passes per target")
    parser.add_argument("--keep", type=Path, help="with --passes: write the PDFs under this folder")
    args = parser.parse_args()
    if args.passes:
        project = Project.at(REPO)
        selection = Selection(briefings=(SAMPLE,), layouts=("sheet",) if args.quick else ())
        prepared = Session(project, selection).prepare()
        fit_passes(project, prepared.briefings, prepared.targets, args.keep)
        return
    with tempfile.TemporaryDirectory(prefix="briefpress-bench-") as scratch:
        root = Path(scratch) / "project"
        shutil.copytree(REPO / "content" / SAMPLE, root / "content" / SAMPLE)
        project = Project.at(root)
        selection = Selection(layouts=("sheet",)) if args.quick else Selection()
        prepared = Session(project, selection).prepare()
        cores = len(os.sched_getaffinity(0))
        print(f"briefpress benchmark: {len(prepared.targets)} targets, {cores} cores, Python {sys.version.split()[0]}")
        print()
        tool_versus_raw(project, prepared.briefings, prepared.targets)
        out, peaks = serial_versus_parallel(project, selection, prepared, Path(scratch), cores)
        no_op(root, args.quick)
        one_edit(root, project, args.quick)
        print(f"5. Peak memory (RSS) per worker: {', '.join(f'{peak:.0f} MiB' for peak in peaks)}")
        print()
        sizes(out)
        cold_preview(root, args.quick, Path(scratch) / "preview")
        preflight_cost(project, prepared.briefings, prepared.targets)
        if not args.quick:
            page_economy(root, [t for t in prepared.targets if t.layout in ("brief", "handout")])


def tool_versus_raw(project, briefings, targets) -> None:
    """Time the tool and raw WeasyPrint target by target, taking turns at going first, after a warm-up."""
    from weasyprint import HTML

    from briefpress.builds.produce import Producer
    from briefpress.pdf.renderer import VARIANTS

    producer = Producer.for_project(project)
    renderer = producer.renderer
    by_name = {briefing.name: briefing for briefing in briefings}

    def tool(target):
        return producer.produce(by_name[target.briefing], target)

    def raw(html: str, target) -> None:
        HTML(string=html, base_url=renderer.base_url, url_fetcher=renderer.fetcher).write_pdf(
            font_config=renderer.font_config, **VARIANTS[target.variant]
        )

    raw(tool(targets[0]).html, targets[0])
    rows = []  # (target, passes, tool seconds, raw seconds)
    for number, target in enumerate(targets):
        first = tool(target)
        timed = {}
        for name in ("tool", "raw") if number % 2 else ("raw", "tool"):
            started = time.perf_counter()
            tool(target) if name == "tool" else raw(first.html, target)
            timed[name] = time.perf_counter() - started
        rows.append((target, first.passes, timed["tool"], timed["raw"]))
    print("1. Warm time per target, tool / raw WeasyPrint (same HTML and stylesheets, same process):")
    groups = {"all targets": rows, "laid out once (no fitting)": [row for row in rows if row[1] == 1]}
    for layout in sorted({row[0].layout for row in rows}):
        groups[f"{layout}, laid out once"] = [row for row in rows if row[0].layout == layout and row[1] == 1]
    for label, chosen in groups.items():
        if chosen:
            tool_s, raw_s = sum(row[2] for row in chosen), sum(row[3] for row in chosen)
            mean_tool, mean_raw = tool_s / len(chosen), raw_s / len(chosen)
            ratio = tool_s / raw_s
            print(f"   {label + ':':30} {len(chosen):3} targets, {mean_tool:.3f} s / {mean_raw:.3f} s = {ratio:.2f}x")
    passes = [row[1] for row in rows]
    print(
        f"   layout passes per target (fit solver): mean {statistics.mean(passes):.2f}, max {max(passes)};"
        f" {sum(count > 1 for count in passes)} targets needed smaller type to keep their page budget"
    )
    print("   (the tool's time includes the HTML from YAML, the checks for tofu and stray fonts, and for")
    print("   the handout the imposed booklet, a second PDF raw WeasyPrint does not make)")
    print()


def fit_passes(project, briefings, targets, keep: Path | None = None) -> None:
    """Produce each target once, in this process, and count the fit solver's layout passes."""
    from briefpress.builds.produce import Producer
    from briefpress.builds.workers import TaskError

    producer = Producer.for_project(project)
    by_name = {briefing.name: briefing for briefing in briefings}
    producer.produce(by_name[targets[0].briefing], targets[0])  # warm: fonts loaded, templates compiled
    rows = []  # (target, passes, seconds, scale or why it failed)
    for target in targets:
        started = time.perf_counter()
        try:
            output = producer.produce(by_name[target.briefing], target)
        except TaskError as error:
            rows.append((target, getattr(error, "passes", 0), time.perf_counter() - started, "failed"))
            print(f"   {target}: {str(error).splitlines()[0][:200]}")
            continue
        rows.append((target, output.passes, output.seconds, f"{output.scale:.4f}"))
        if keep is not None:
            path = target.pdf_path(keep)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(output.pdf)
    passes = [row[1] for row in rows]
    seconds = sum(row[2] for row in rows)
    print(f"Fit passes, {len(rows)} targets (one process, warm):")
    print(f"   mean {statistics.mean(passes):.2f}, max {max(passes)}, total {sum(passes)}; time {seconds:.1f} s")
    for target, count, took, scale in rows:
        if count > 1 or scale == "failed":
            print(f"   {target!s:45} {count} passes  {took:5.2f} s  scale {scale}")
    print()


def serial_versus_parallel(project, selection, prepared, scratch: Path, cores: int) -> tuple[Path, list[float]]:
    """Build everything with one worker, then with one per core; compare the outputs' bytes."""
    times, reports = {}, {}
    for jobs in (1, cores):
        session = Session(project, selection, scratch / f"out-{jobs}", Options(jobs=jobs, force=True))
        started = time.perf_counter()
        reports[jobs] = session.build(prepared=prepared)
        times[jobs] = time.perf_counter() - started
        assert not reports[jobs].failed, [str(outcome) for outcome in reports[jobs].failed]
    same = _tree_bytes(scratch / "out-1") == _tree_bytes(scratch / f"out-{cores}")
    count = len(prepared.targets)
    print(
        f"2. Wall time, {count} targets: serial {times[1]:.1f} s, {cores} workers {times[cores]:.1f} s"
        f" = {times[cores] / times[1]:.2f}x serial; outputs byte-identical: {'yes' if same else 'NO'}"
    )
    print()
    return scratch / f"out-{cores}", sorted(reports[cores].peak_rss_mib.values())


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.suffix == ".pdf"}


def _cli(root: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "-C", str(root), *args], check=True, capture_output=True)
    return time.perf_counter() - started


def no_op(root: Path, quick: bool) -> None:
    """Time an unchanged build as a user runs it, from outside, five times."""
    args = ["build", "--layout", "sheet"] if quick else ["build"]
    _cli(root, *args)
    runs = sorted(_cli(root, *args) for _ in range(5))
    print(
        f"3. No-op rebuild from outside (python build.py {' '.join(args)}): median {runs[2]:.3f} s,"
        f" best {runs[0]:.3f} s of 5"
    )
    print()


def one_edit(root: Path, project: Project, quick: bool) -> None:
    """Edit the Spanish text: from outside only the Spanish targets rebuild; in a warm watch, one sheet."""
    args = ["build", "--layout", "sheet"] if quick else ["build"]
    spanish = root / "content" / SAMPLE / "text" / "es.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    print(f"4. One-file edit (text/es.yaml) from outside: {seconds:.1f} s; {result.stdout.strip()}")
    selection = Selection(langs=("es",), layouts=("sheet",), styles=("modern",), papers=("a4",))
    watch = Session(project, selection, root / "watch")  # as watch builds: the same session, warm workers
    forced = Session(project, selection, root / "watch", Options(force=True))
    with watch.new_executor().start() as executor:
        watch.executor = forced.executor = executor
        prepared = forced.prepare()
        forced.build(prepared=prepared)
        warm = []
        for _ in range(3):
            started = time.perf_counter()
            forced.build(prepared=prepared)
            warm.append(time.perf_counter() - started)
        edits = []
        for n in range(3):
            spanish.write_text(spanish.read_text(encoding="utf-8") + f"# edit {n}\n", encoding="utf-8")
            started = time.perf_counter()
            report = watch.build()
            edits.append(time.perf_counter() - started)
            assert len(report.built) == 1
    print(
        f"   in watch, edit to PDF for es/sheet-modern-a4 (load, plan, rebuild in a warm worker):"
        f" median {statistics.median(edits):.3f} s; one warm render {statistics.median(warm):.3f} s"
        f" = {statistics.median(edits) / statistics.median(warm):.2f}x"
    )
    print()


def sizes(out: Path) -> None:
    """Print PDF sizes per language and layout (booklets apart)."""
    table: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pdf in out.rglob("*.pdf"):
        layout = pdf.stem.split("-")[0] + ("-booklet" if pdf.stem.endswith("-booklet") else "")
        table[(pdf.parent.name, layout)].append(pdf.stat().st_size)
    print("6. PDF sizes (KB, smallest-largest) per language and layout:")
    for (lang, layout), found in sorted(table.items()):
        print(f"   {lang:8} {layout:16} {min(found) / 1000:7.0f} - {max(found) / 1000:7.0f}  ({len(found)} files)")
    zh = [size for (lang, layout), found in table.items() if lang == "zh-Hans" and layout == "sheet" for size in found]
    if zh:
        print(f"   largest Chinese sheet: {max(zh) / 1000:.0f} KB (goal: under 400 KB)")


def cold_preview(root: Path, quick: bool, out: Path) -> None:
    """Start preview on an empty output folder; time its "serving" line and its first build's summary."""
    args = ["--layout", "sheet"] if quick else []
    command = [sys.executable, str(REPO / "build.py"), "-C", str(root), "preview", *args]
    command += ["--out", str(out), "--port", "0"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    serving = built = None
    try:
        for line in process.stdout:
            if line.startswith("serving ") and serving is None:
                serving = time.perf_counter() - started
            elif line.startswith("built "):
                built = time.perf_counter() - started
                break
    finally:
        process.terminate()
        process.wait(30)
        process.stdout.close()
    if serving is None or built is None:
        print("7. Cold preview: it did not serve and build; run it by hand to see why")
        return
    print(
        f"7. Cold preview: serving after {serving:.2f} s, first build done after {built:.1f} s;"
        f" the first answer comes at {serving / built:.3f}x the time of the whole build"
    )


def preflight_cost(project, briefings, targets) -> None:
    """Time each target's preflight against laying out and writing the same HTML, in one process."""
    from briefpress.builds.produce import Producer
    from briefpress.pdf.preflight import Limits, preflight
    from briefpress.pdf.renderer import VARIANTS
    from briefpress.render.styles import Styles

    producer = Producer.for_project(project)
    by_name = {briefing.name: briefing for briefing in briefings}
    render = checked = 0.0
    findings = 0
    for target in targets:
        html = producer.produce(by_name[target.briefing], target).html
        limits = Limits.of(Styles.of(project, target))
        started = time.perf_counter()
        document = producer.renderer.layout(html, target.variant)
        laid_out = time.perf_counter()
        findings += len(preflight(document, limits))
        preflighted = time.perf_counter()
        document.write_pdf(**VARIANTS[target.variant])
        written = time.perf_counter()
        render += (laid_out - started) + (written - preflighted)
        checked += preflighted - laid_out
    print("8. Preflight of the laid-out pages, against their layout and PDF writing (same pages, same process):")
    print(
        f"   {len(targets)} targets: preflight {checked:.2f} s, layout and writing {render:.1f} s"
        f" = {checked / render:.1%} of a render; {findings} findings"
    )


def page_economy(root: Path, targets) -> None:
    """Produce each brief and handout as the layouts declare it, then with no tightening, one after the other."""
    from pypdf import PdfReader

    from briefpress.builds.produce import Producer

    loose = root.parent / "loose"
    shutil.copytree(root / "content", loose / "content")
    (loose / "styles" / "layouts").mkdir(parents=True)
    for layout in ("brief", "handout"):
        (loose / "styles" / "layouts" / f"{layout}.css").write_text(
            "/* extends: !base */\n:root { --fit-tighten: none; }\n"
        )
    totals: dict[str, list[float]] = {}
    for name, folder in (("tightened", root), ("at scale 1", loose)):
        project = Project.at(folder)
        producer = Producer.for_project(project)
        briefings = {briefing.name: briefing for briefing in Session(project, Selection()).prepare().briefings}
        producer.produce(briefings[targets[0].briefing], targets[0])  # warm: fonts loaded, templates compiled
        pages = sheets = seconds = 0.0
        for target in targets:
            started = time.perf_counter()
            output = producer.produce(briefings[target.briefing], target)
            seconds += time.perf_counter() - started
            count = len(PdfReader(BytesIO(output.pdf)).pages)
            pages += count
            sheets += -(-count // 4) if target.layout == "handout" else 0
        totals[name] = [pages, sheets, seconds]
    (pages, sheets, seconds), (pages1, sheets1, seconds1) = totals["tightened"], totals["at scale 1"]
    print(f"9. Page economy, {len(targets)} briefs and handouts, tightened / at scale 1 (same process):")
    print(f"   pages {pages:.0f} / {pages1:.0f}; handout booklet sheets {sheets:.0f} / {sheets1:.0f};")
    print(f"   time {seconds:.1f} s / {seconds1:.1f} s = {seconds / seconds1:.2f}x")


if __name__ == "__main__":
    main()
