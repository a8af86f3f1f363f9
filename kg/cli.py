"""The `geokg` command: a thin layer over the library.

Input: command-line arguments. Output: files, printed results and an exit code:
0 ok, 1 SHACL violations found, 2 bad input or usage, 3 resource or network failure.
Each command checks its arguments, calls one library function and prints; library errors
(`kg.errors.GeokgError`) become one human sentence on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, GeokgError, UsageError

app = typer.Typer(
    name="geokg",
    help="Build Wikidata-linked knowledge graphs of who said what from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build or inspect the offline Wikidata gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
eval_app = typer.Typer(help="Measure geokg against gold corpora (../shared/corpus).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
export_app = typer.Typer(help="Export a built graph in another vocabulary.", no_args_is_help=True)
app.add_typer(export_app, name="export")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"geokg {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """geokg: news text in, validated RDF of geopolitical actors out."""


def _shared_default(sub: str, option: str) -> Path:
    """A folder of ../shared beside the checkout, for options that default to it."""
    from kg.resources import shared_dir

    shared = shared_dir()
    if shared is None or not (shared / sub).is_dir():
        raise UsageError(f"no {option} given and no ../shared/{sub} beside the checkout; pass {option} PATH")
    return shared / sub


def _write_json(path: Path, data: dict) -> None:
    from kg.atomic import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Articles: .txt, .html, .jsonl(.gz) files or directories."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file; format from the suffix: .ttl .trig .nq .nt .jsonld"),
    store: Optional[Path] = typer.Option(None, "--store", help="Also (or instead) add the articles to this store folder (created if needed); a rebuilt article replaces its graph."),
    no_validate: bool = typer.Option(False, "--no-validate", help="Skip SHACL validation."),
    linker: str = typer.Option("offline", "--linker", help="Entity linker: offline or wikidata."),
    online: bool = typer.Option(False, "--online", help="Also look up what the gazetteer lacks in the Wikidata API (cached on disk; same as --linker wikidata)."),
    base: Optional[str] = typer.Option(None, "--base", help="Base IRI for local resources."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    timings: bool = typer.Option(False, "--timings", help="Print the seconds spent in each stage."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for the NLP stage (spaCy multiprocessing)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster, see --scheduler)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786) for --engine dask; default: a local cluster of --jobs workers."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Write the articles that failed to this JSONL file (article, stage, message)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted build: skip articles whose text is already in the output (or its .journal) or the store."),
) -> None:
    """Build the knowledge graph of INPUTS into OUTPUT and/or a persistent --store."""
    from kg.pipeline import ArticleError, build as run_build
    from kg.rdf.serialize import format_for

    if output is None and store is None:
        raise UsageError("give -o FILE (an RDF file), --store DIR (a persistent store), or both")
    if output is not None:
        format_for(output)
    if online:
        linker = "wikidata"
    import logging

    # The online linker says once, on this logger, when it falls back to offline linking.
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    progress = None
    task = None
    if not quiet and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                            TextColumn("{task.fields[rate]}"),
                            TimeElapsedColumn(), console=err, transient=True)
        progress.start()
        task = progress.add_task("build", total=None, rate="")
    import time

    started = time.perf_counter()
    seen = 0

    def on_article(item: object) -> None:
        nonlocal seen
        seen += 1
        if isinstance(item, ArticleError):
            err.print(f"error: {item.message}", markup=False)
        if progress is not None and task is not None:
            rate = seen / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")

    try:
        if engine == "dask":
            from kg.distributed import build_distributed

            report = build_distributed(inputs, output, store=store, scheduler=scheduler, workers=jobs,
                                       validate=not no_validate, linker=linker, base=base, on_article=on_article,
                                       resume=resume, errors=errors)
        elif engine == "local":
            report = run_build(inputs, output, store=store, validate=not no_validate, linker=linker, base=base,
                               on_article=on_article, resume=resume, errors=errors, jobs=jobs)
        else:
            raise UsageError(f"expected --engine local or dask, got {engine!r}; pick one of those")
    finally:
        if progress is not None:
            progress.stop()
    if report.articles == 0 and not report.skipped:
        err.print(
            f"error: no article could be built from {len(inputs)} input(s); nothing was written to "
            f"{' or '.join(str(p) for p in (output, store) if p is not None)}",
            markup=False,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    total = sum(report.seconds.values())
    written = " and ".join(str(p) for p in (output, store) if p is not None)
    out.print(
        f"wrote {written}: {report.articles} article(s), {report.triples} triples, "
        f"{report.statements} statements ({report.unattributed} unattributed), {report.holdings} office holdings, "
        f"{report.meetings} meetings, {report.legislation} legislation; entities {report.entities_linked} linked, "
        f"{report.entities_nil} NIL; {len(report.errors)} input error(s); {total:.1f} s",
        markup=False,
    )
    wall = time.perf_counter() - started
    out.print(
        f"summary: {report.articles} article(s) built at {report.articles / max(wall, 1e-9):.1f} articles/s"
        f"{f', {report.skipped} skipped (already built)' if report.skipped else ''}; {report.statements} statements; "
        f"entities {report.entities_linked} linked / {report.entities_nil} NIL; {len(report.violations)} violation(s); "
        f"{len(report.errors)} error(s){f' (listed in {errors})' if errors is not None and report.errors else ''}",
        markup=False,
    )
    if store is not None:
        from kg.store import open_store

        with open_store(store) as opened:
            out.print(f"the store {store} now holds {len(opened.articles())} article(s), "
                      f"{opened.union_size()} distinct triples", markup=False)
    if timings:
        out.print("seconds by stage: " + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()), markup=False)
    if report.warnings:
        where = f"`geokg validate {output}` lists them" if output is not None else "build with -o FILE and `geokg validate FILE` to list them"
        err.print(f"{len(report.warnings)} SHACL warning(s); {where}", markup=False)
    if report.violations:
        from kg.validate import ValidationReport, format_report

        vr = ValidationReport(conforms=False, violations=tuple(report.violations), graphs_checked=report.articles)
        err.print(format_report(vr), markup=False)
        err.print(f"{len(report.violations)} SHACL violation(s); the graph was written anyway", markup=False)
        raise typer.Exit(EXIT_VIOLATIONS)


@app.command()
def validate(
    data: Path = typer.Argument(..., help="An RDF file (.ttl .trig .nq .nt .jsonld)."),
    fmt: str = typer.Option("text", "--format", help="Report format: text or json."),
    text: list[Path] = typer.Option([], "--text", help="The input articles the graph was built from (repeatable): results then quote the span and sentence they came from."),
) -> None:
    """Validate DATA against the shipped SHACL shapes; exit 1 on violations."""
    from kg.rdf.serialize import read_dataset
    from kg.validate import format_report, report_json, validate as run_validate

    if fmt not in {"text", "json"}:
        raise UsageError(f"--format must be text or json, got {fmt!r}")
    texts: dict[str, str] = {}
    if text:
        from kg.ingest import read_inputs
        from kg.model import Document

        for item in read_inputs(text):
            if isinstance(item, Document):
                texts[item.id] = item.text
            else:
                err.print(f"warning: {item}", markup=False)
    report = run_validate(read_dataset(data), texts=texts)
    if fmt == "json":
        out.print(json.dumps(report_json(report), indent=2, ensure_ascii=False), markup=False)
    else:
        out.print(format_report(report), markup=False)
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="A named query (see --list) or a .rq file."),
    data: Optional[Path] = typer.Option(None, "--data", help="The RDF file to query."),
    store: Optional[Path] = typer.Option(None, "--store", help="The store folder to query (instead of --data)."),
    param: list[str] = typer.Option([], "--param", help="Query parameter NAME=VALUE (repeatable)."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
) -> None:
    """Run a named SPARQL query (or a .rq file) over a built graph."""
    from kg.query import format_rows, list_queries, load_query, run_query

    if list_:
        for q in list_queries():
            params = ", ".join(p.name for p in q.params) or "-"
            out.print(f"{q.name}: {q.answers} (params: {params})", markup=False)
        return
    if name is None or (data is None) == (store is None):
        raise UsageError(
            "give a query name (or .rq file) and either --data FILE or --store DIR; `geokg query --list` shows the names"
        )
    if fmt not in {"table", "json", "csv"}:
        raise UsageError(f"--format must be table, json or csv, got {fmt!r}")
    params: dict[str, str] = {}
    for p in param:
        key, sep, value = p.partition("=")
        if not sep or not key:
            raise UsageError(f"--param takes NAME=VALUE, got {p!r}")
        params[key.strip()] = value
    named = load_query(name)
    if store is not None:
        from kg.store import open_store

        with open_store(store) as opened:  # read-only: queries never write
            result = run_query(named, opened, params)
    else:
        if not data.exists():
            from kg.errors import MissingInputError

            raise MissingInputError("the data file does not exist; build it first with `geokg build ... -o FILE`", source=str(data))
        result = run_query(named, data, params)
    out.print(format_rows(result, fmt), markup=False)


@app.command()
def serve(
    store: Path = typer.Option(..., "--store", help="The store folder to serve (built with `geokg build --store`)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7879, "--port", help="Port to listen on; 0 picks a free one."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each request on stderr."),
) -> None:
    """Serve a store as a read-only SPARQL 1.1 endpoint (GET/POST /sparql) until Ctrl-C."""
    from kg.serve import serve as run_serve

    def ready(server: object) -> None:
        out.print(f"serving {store} at {server.url} (read-only; Ctrl-C stops)", markup=False)  # type: ignore[attr-defined]
        sys.stdout.flush()

    log = (lambda line: err.print(line, markup=False)) if verbose else None
    run_serve(store, host, port, on_ready=ready, log=log)


@app.command()
def load(
    data: Optional[Path] = typer.Argument(None, help="An RDF file to load (.nq or .trig keep one named graph per article)."),
    store: Optional[Path] = typer.Option(None, "--store", help="Load this store folder instead (geokg build --store, or an Oxigraph database folder)."),
    endpoint: str = typer.Option(..., "--endpoint", help="The triplestore's Graph Store endpoint (the README lists Virtuoso's, Fuseki's, GraphDB's and Oxigraph's)."),
    update_endpoint: Optional[str] = typer.Option(None, "--update-endpoint", help="Its SPARQL Update endpoint, used where there is no Graph Store endpoint (default: --endpoint)."),
    protocol: str = typer.Option("auto", "--protocol", help="auto (Graph Store, falling back to Update on 404/405/501), gsp or update."),
    user: Optional[str] = typer.Option(None, "--user", help="User name; the password is read from GEOKG_PASSWORD (or asked for)."),
    auth: str = typer.Option("auto", "--auth", help="auto (the scheme the server asks for), basic or digest."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Graph IRI for triples in no named graph (a .ttl or .nt file)."),
    batch_size: int = typer.Option(10_000, "--batch-size", help="At most this many triples per request."),
    retries: int = typer.Option(3, "--retries", help="Retries of a request that times out or gets HTTP 429/5xx."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds to wait for each answer."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display and no per-graph lines."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the report (graphs, triples, timing) as JSON here."),
) -> None:
    """Load DATA (or --store DIR) into a SPARQL 1.1 triplestore, one named graph per article;
    a graph already there is replaced, so a reload never duplicates."""
    import os

    from kg.load import LoadError, load as run_load, read_file, read_store
    from kg.load_protocol import TriplestoreWriter

    if (data is None) == (store is None):
        raise UsageError("give either an RDF FILE or --store DIR to load, not both and not neither")
    password = os.environ.get("GEOKG_PASSWORD") if user is not None else None
    if user is not None and password is None:
        if not sys.stdin.isatty():
            raise UsageError(f"--user {user} needs a password; set GEOKG_PASSWORD")
        import getpass

        password = getpass.getpass(f"password for {user} at {endpoint}: ")
    writer = TriplestoreWriter(endpoint, update_endpoint=update_endpoint, protocol=protocol, user=user,
                               password=password, auth=auth, timeout=timeout, max_retries=retries)
    source = read_store(store, default_graph=graph) if store is not None else read_file(data, default_graph=graph)  # type: ignore[arg-type]

    def graph_lines(graphs: object) -> None:
        if not quiet:
            for g in graphs:  # type: ignore[attr-defined]
                out.print(f"{g.triples:>9}  {g.graph}", markup=False)

    progress = None
    task = None
    if not quiet and sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(TextColumn("loading"), BarColumn(), TextColumn("{task.completed:,.0f} of {task.total:,.0f} triples"),
                            TimeElapsedColumn(), console=err, transient=True)
        progress.start()
        task = progress.add_task("load", total=source.triples)

    def on_progress(triples: int, graphs: object) -> None:
        if progress is not None and task is not None:
            progress.advance(task, triples)

    try:
        with source:
            report = run_load(source, writer, batch_size=batch_size, on_progress=on_progress)
    except LoadError as exc:
        if progress is not None:
            progress.stop()
        out.print(f"loaded {len(exc.loaded)} graph(s) before the failure:", markup=False)
        graph_lines(exc.loaded)
        raise
    finally:
        if progress is not None:
            progress.stop()
    if report.fallback_reason:
        err.print(f"note: no Graph Store endpoint ({report.fallback_reason}); loaded with SPARQL Update instead",
                  markup=False)
    graph_lines(report.graphs)
    out.print(
        f"loaded {len(report.graphs)} graph(s), {report.triples} triples into {report.endpoint} "
        f"({'Graph Store Protocol' if report.protocol == 'gsp' else 'SPARQL Update'}, {report.requests} request(s), "
        f"{report.retries} retried; {report.seconds:.1f} s, {report.triples_per_second:,.0f} triples/s)",
        markup=False,
    )
    if json_out is not None:
        _write_json(json_out, {
            "endpoint": report.endpoint, "protocol": report.protocol, "triples": report.triples,
            "seconds": round(report.seconds, 3), "requests": report.requests, "retries": report.retries,
            "graphs": [{"graph": g.graph, "triples": g.triples} for g in report.graphs],
        })


@export_app.command("wikidata")
def export_wikidata(
    data: Path = typer.Argument(..., help="A built graph (.ttl .trig .nq .nt .jsonld)."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file; format from the suffix: .ttl .trig .nq .nt .jsonld"),
) -> None:
    """Write the office holdings of DATA as Wikidata "position held" (P39) statements, so
    queries written for the Wikidata Query Service run on them."""
    from kg.rdf.serialize import format_for
    from kg.rdf.wikidata_export import export_wikidata as run_export

    format_for(output)
    export = run_export(data, output)
    out.print(
        f"wrote {output}: {export.statements} P39 statement(s) from {export.holdings} office holding(s), "
        f"{export.references} reference(s); {export.unlinked} statement(s) with an unlinked holder or office",
        markup=False,
    )
    for note in export.notes:
        err.print(f"note: {note}", markup=False)


@gazetteer_app.command("build")
def gazetteer_build(
    source: Optional[Path] = typer.Option(None, "--source", help="Folder of Wikidata-derived files (default ../shared/data/wikidata)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="SQLite file to write (default: the shipped gazetteer)."),
) -> None:
    """Build the offline gazetteer from Wikidata-derived source files."""
    from kg.gazetteer.build import build_gazetteer
    from kg.resources import gazetteer_file

    source = source or _shared_default("data/wikidata", "--source")
    stats = build_gazetteer(source, output or gazetteer_file())
    out.print(f"wrote {output or gazetteer_file()}: {stats}", markup=False)


@eval_app.command("link")
def eval_link(
    benchmark: str = typer.Argument("news-fair-v2", help="ELEVANT benchmark file, or its name in ../shared/corpus/elevant."),
    split: Optional[str] = typer.Option(None, "--split", help="News-Fair split: v1_40 (develop) or v2_test_80 (report)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N documents."),
    top: int = typer.Option(15, "--top", help="How many error patterns to list."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the full report as JSON here."),
    title_dates: bool = typer.Option(False, "--title-dates", help="Date each document by its 'YYYYMMDD - ' title prefix (News-Fair), as a publication date."),
) -> None:
    """Score entity linking (mention and document level) against ELEVANT gold."""
    from kg.eval.linking import evaluate_linking, format_report, report_json

    report = evaluate_linking(benchmark, split=split, limit=limit, title_dates=title_dates)
    out.print(format_report(report, top=top), markup=False)
    if json_out is not None:
        _write_json(json_out, report_json(report))


@eval_app.command("fit-linker")
def eval_fit_linker(
    benchmark: Optional[list[str]] = typer.Option(
        None, "--benchmark", help="NAME or NAME:SPLIT of an ELEVANT benchmark to fit on (repeatable; "
        "default: news-fair-v2:v1_40, msnbc-updated, reuters-128, rss-500)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Model file (default: the shipped kg/data/link_model.json)."),
    l2: float = typer.Option(1.0, "--l2", help="L2 penalty of the logistic fit."),
) -> None:
    """Fit the linker's calibrated confidence on development benchmarks (never the reporting split)."""
    from kg.link.confidence import MODEL_FILE
    from kg.link.train import DEFAULT_TRAINING, train, write_model

    chosen = DEFAULT_TRAINING
    if benchmark:
        chosen = tuple((b.split(":", 1)[0], b.split(":", 1)[1] if ":" in b else None) for b in benchmark)
    try:
        model = train(chosen, l2=l2)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    target = output or MODEL_FILE
    write_model(model, target)
    out.print(f"wrote {target}: {dict(model.meta)}", markup=False)


@eval_app.command("attribution")
def eval_attribution(
    split: str = typer.Option("test", "--split", help="PolNeAR split: train, dev (develop) or test (report)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="PolNeAR folder (default ../shared/corpus/polnear)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N articles."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Skip the textacy baseline (needs pip install 'geokg[eval]')."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the full report as JSON here."),
) -> None:
    """Score who-said-what extraction against PolNeAR gold, next to a textacy baseline."""
    from kg.eval.attribution import evaluate_attribution, format_report, report_json

    corpus = corpus or _shared_default("corpus/polnear", "--corpus")
    report = evaluate_attribution(corpus, split=split, limit=limit, baseline=not no_baseline)
    out.print(format_report(report), markup=False)
    if json_out is not None:
        _write_json(json_out, report_json(report))


@eval_app.command("wikinews")
def eval_wikinews(
    gold_set: str = typer.Option("holdout", "--set", help="Gold set: dev (develop on it) or holdout (report on it)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Wikinews JSONL (default ../shared/corpus/wikinews/wikinews_2019_2020.jsonl)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Another gold file in the same format (overrides --set)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N articles."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the full report as JSON here."),
) -> None:
    """Score speakers (QIDs), roles, places, dates, holdings, meetings and legislation on hand-annotated Wikinews articles."""
    from kg.eval.wikinews import GOLD_SETS, evaluate_wikinews, format_report, report_json

    if gold is None and gold_set not in GOLD_SETS:
        raise UsageError(f"unknown --set {gold_set!r}; valid sets: {', '.join(sorted(GOLD_SETS))}")
    corpus = corpus or _shared_default("corpus/wikinews", "--corpus") / "wikinews_2019_2020.jsonl"
    report = evaluate_wikinews(corpus, gold_file=gold or GOLD_SETS[gold_set], limit=limit)
    out.print(format_report(report), markup=False)
    if json_out is not None:
        _write_json(json_out, report_json(report))


def main() -> None:
    """Entry point: click/typer handle usage errors (exit 2); library errors become one
    sentence and their documented exit code."""
    try:
        app()
    except GeokgError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("aborted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
