"""The build on a Dask cluster (`geokg build --engine dask --scheduler tcp://host:8786`).

Input: the same inputs and options as `kg.pipeline.build`, plus a scheduler address (or none: a
`dask.distributed.LocalCluster` of `workers` processes on this machine). Output: the same
`BuildReport`, and either

- `-o FILE.nq|FILE.trig`: one file, byte-identical to a local build of the same inputs;
- `-o DIR` (an existing folder, or a name without a suffix): one sorted N-Quads file per shard,
  `DIR/shard-00000.nq`, ..., each loadable on its own (`geokg load DIR/shard-00000.nq`);
- `--store DIR`: the articles written into the store, one transaction per shard.

How it runs: this process (the client) reads the inputs lazily, skips what a resumed build
already has, and cuts the documents into shards of `shard_size` articles. Each shard is one Dask
task; a worker runs NLP, linking, extraction, RDF and SHACL validation on it with a `Pipeline`
loaded once per worker process, and sends back each article graph as N-Quads bytes (so workers
need no shared filesystem). At most `2 x workers` shards are in flight, and results are taken in
submission order, so memory stays flat on the client and the output does not depend on which
worker finished first. Stage seconds in the report are summed over workers (CPU time, not wall).

Why Dask: it is a real scheduler (work stealing, worker restarts, a dashboard, clusters from SSH
to Kubernetes) that needs nothing more than `pip install`; Ray would serve too but is heavier to
install and its object store buys nothing for shards of a few hundred kilobytes.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ResourceError, UsageError
from kg.model import ArticleResult, Document
from kg.pipeline import (
    ArticleError,
    BuildReport,
    Pipeline,
    already_built,
    batches,
    content_hash,
    failure_recorder,
    read_documents,
)

SHARD_SIZE = 64

_PIPELINES: dict[tuple, Pipeline] = {}
_PIPELINE_LOCK = threading.Lock()


@dataclass(frozen=True)
class ArticleGraph:
    """One article as a worker sends it back."""

    graph: str
    content_hash: str
    nquads: bytes
    source: str


@dataclass
class ShardResult:
    graphs: list[ArticleGraph] = field(default_factory=list)
    report: BuildReport = field(default_factory=BuildReport)
    results: list[ArticleResult] = field(default_factory=list)  # for the client's on_article


def _worker_pipeline(linker: str) -> Pipeline:
    """The worker process's Pipeline: gazetteer and model are loaded once per process."""
    with _PIPELINE_LOCK:
        pipeline = _PIPELINES.get((linker,))
        if pipeline is None:
            pipeline = _PIPELINES[(linker,)] = Pipeline(linker=linker)
        return pipeline


def build_shard(documents: list[Document], *, linker: str, base: str, run: str, validate: bool) -> ShardResult:
    """Runs on a worker: the article graphs of one shard as N-Quads, plus its report."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.rdf.convert import to_ox_quads
    from kg.rdf.emit import add_article, new_dataset

    pipeline = _worker_pipeline(linker)
    out = ShardResult()
    report = out.report
    dataset = new_dataset(base)
    for item in pipeline.process(documents, report):
        if isinstance(item, ArticleError):
            report.errors.append(item)
            continue
        t0 = time.perf_counter()
        try:
            name = add_article(dataset, item, base, run=URIRef(run))
        except Exception as exc:  # noqa: BLE001 - one article must never stop the shard
            report.errors.append(ArticleError.from_exception(item.document.source, "rdf", exc))
            continue
        t1 = time.perf_counter()
        report.seconds["rdf"] += t1 - t0
        graph = dataset.graph(name)
        if validate:
            from kg.validate import validate as shacl_validate

            vr = shacl_validate(graph, texts={item.document.id: item.document.text})
            report.violations.extend(v for v in vr.violations if v.severity == "Violation")
            report.warnings.extend(v for v in vr.violations if v.severity != "Violation")
            report.seconds["validate"] += time.perf_counter() - t1
        t2 = time.perf_counter()
        payload = ox.serialize(to_ox_quads((s, p, o, name) for s, p, o in graph), format=ox.RdfFormat.N_QUADS)
        dataset.remove_graph(name)
        report.seconds["write"] += time.perf_counter() - t2
        report.add(item)
        out.graphs.append(ArticleGraph(str(name), content_hash(item.document), payload, item.document.source))
        out.results.append(item)
    return out


def _merge(into: BuildReport, part: BuildReport) -> None:
    for name in ("articles", "statements", "unattributed", "holdings", "meetings", "legislation",
                 "entities_linked", "entities_nil"):
        setattr(into, name, getattr(into, name) + getattr(part, name))
    into.violations.extend(part.violations)
    into.warnings.extend(part.warnings)
    for stage, seconds in part.seconds.items():
        into.seconds[stage] = into.seconds.get(stage, 0.0) + seconds


def _connect(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise ResourceError("the dask engine needs dask[distributed]; run `pip install 'dask[distributed]'`") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise ResourceError(
                f"expected a Dask scheduler at {scheduler!r}, but it did not answer ({exc}); start one "
                "with `dask scheduler` (and workers with `dask worker ADDRESS`) or check the address"
            ) from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def build_distributed(
    inputs: Iterable[str | Path],
    output: Path | None,
    *,
    store: Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    validate: bool = True,
    linker: str = "offline",
    base: str | None = None,
    on_article: Callable[[ArticleResult | ArticleError], None] | None = None,
    resume: bool = False,
    errors: Path | None = None,
    shard_size: int = SHARD_SIZE,
) -> BuildReport:
    """Build `inputs` on a Dask cluster; see the module docstring for the outputs."""
    import pyoxigraph as ox

    from kg.rdf.convert import to_ox_quads
    from kg.rdf.emit import new_dataset
    from kg.rdf.namespaces import DEFAULT_BASE
    from kg.rdf.provenance import current_run, run_iri, run_triples
    from kg.sink import QuadSink, streamable

    if output is None and store is None:
        raise UsageError("expected an output file, a shard folder or a store to build into, got none; pass -o or --store")
    shard_dir = None
    if output is not None and (output.is_dir() or not output.suffix):
        shard_dir = output
    elif output is not None and not streamable(output):
        raise UsageError(
            f"expected -o FILE.nq, FILE.trig or a folder for the dask engine, got {str(output)!r}; the other "
            "formats need the whole graph in one process: build .nq and convert it with `geokg export`"
        )
    graph_store = None
    if store is not None:
        from kg.store import open_store

        graph_store = open_store(store, create=True, base=base)
        base = base or graph_store.base
    base = base or DEFAULT_BASE
    report = BuildReport(output=output)
    from kg.resources import gazetteer_file

    # The run record names the client's gazetteer; workers must run the same installation.
    record = current_run(linker=linker, base=base, validated=validate, gazetteer=gazetteer_file())
    run_name, run_graph = run_triples(record)
    run_quads = list(to_ox_quads((s, p, o, run_name) for s, p, o in run_graph))

    sink = None
    error_file = None
    client = cluster = None
    try:
        if output is not None and shard_dir is None:
            sink = QuadSink(output, prefixes={p: str(n) for p, n in new_dataset(base).namespaces() if p}, resume=resume)
            sink.write(ox.NamedNode(str(run_name)), run_quads)
        if shard_dir is not None:
            shard_dir.mkdir(parents=True, exist_ok=True)
            if not resume and any(shard_dir.glob("shard-*.nq")):
                raise UsageError(
                    f"expected an empty folder for the shards, but {str(shard_dir)!r} already holds shard files; "
                    "pass --resume to continue that build, or remove them (or pick another folder)"
                )
        if errors is not None:
            from kg.errors_report import ErrorReport

            error_file = ErrorReport(errors, append=resume)
        done: set[str] = set()
        if resume and graph_store is not None:
            done.update(a.content_hash for a in graph_store.articles())
        if resume and shard_dir is not None:
            done.update(_shard_hashes(shard_dir))
        if graph_store is not None:
            graph_store.replace_quads(run_quads)

        fail = failure_recorder(report, error_file, on_article)

        def documents() -> Iterator[Document]:
            return read_documents(inputs, report, fail, (lambda d: already_built(d, done, sink)) if resume else None)

        client, cluster = _connect(scheduler, workers)
        in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque = deque()
        shard_no = _next_shard_number(shard_dir) if shard_dir is not None else 0

        def collect(future) -> None:
            nonlocal shard_no
            part: ShardResult = future.result()
            future.release()
            t0 = time.perf_counter()
            if sink is not None:
                for g in part.graphs:
                    sink.write_nquads(g.graph, g.nquads, g.content_hash)
            if shard_dir is not None and part.graphs:
                _write_shard(shard_dir / f"shard-{shard_no:05d}.nq", [run_quads_bytes] + [g.nquads for g in part.graphs])
                shard_no += 1
            if graph_store is not None and part.graphs:
                graph_store.replace_quads(q for g in part.graphs for q in ox.parse(g.nquads, format=ox.RdfFormat.N_QUADS))
            report.seconds["write"] += time.perf_counter() - t0
            _merge(report, part.report)
            for err in part.report.errors:
                fail(err)
            if on_article:
                for result in part.results:
                    on_article(result)

        run_quads_bytes = ox.serialize(run_quads, format=ox.RdfFormat.N_QUADS)
        options = {"linker": linker, "base": base, "run": str(run_iri(record)), "validate": validate}
        for shard in batches(documents(), shard_size):
            pending.append(client.submit(build_shard, shard, **options, pure=False))
            while len(pending) >= in_flight:
                collect(pending.popleft())
        while pending:
            collect(pending.popleft())
        if sink is not None:
            t0 = time.perf_counter()
            if report.articles == 0 and sink.resumed == 0 and not report.skipped:
                sink.abort()
                sink.journal.unlink(missing_ok=True)
            else:
                report.triples = sink.close()
            report.seconds["write"] += time.perf_counter() - t0
        return report
    finally:
        if sink is not None and not sink.closed:
            sink.abort()  # the journal stays for --resume
        if error_file is not None:
            error_file.close()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if graph_store is not None:
            graph_store.close()


def _write_shard(path: Path, payloads: list[bytes]) -> None:
    from kg.rdf.serialize import atomic_write_bytes

    lines = sorted(set(b"".join(payloads).splitlines(keepends=True)))
    atomic_write_bytes(path, b"".join(lines))


def _next_shard_number(folder: Path) -> int:
    numbers = [int(p.stem.split("-")[1]) for p in folder.glob("shard-*.nq") if p.stem.split("-")[1].isdigit()]
    return max(numbers, default=-1) + 1


def _shard_hashes(folder: Path) -> set[str]:
    """Content hashes of the articles in the shard files of an earlier (interrupted) run."""
    import pyoxigraph as ox

    from kg.rdf.namespaces import GK

    wanted = str(GK.contentHash)
    hashes: set[str] = set()
    for path in sorted(folder.glob("shard-*.nq")):
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            if q.predicate.value == wanted:
                hashes.add(q.object.value)
    return hashes


__all__ = ["SHARD_SIZE", "ArticleGraph", "ShardResult", "build_distributed", "build_shard"]
