"""Throughput and memory of `geokg build` against raw spaCy on the same corpus, in one process.

Input: a JSONL corpus (default: ../shared/corpus/wikinews/wikinews_2019_2020.jsonl), repeated
`--repeat` times as distinct articles (each copy gets its own id and URL, so the output grows with
the corpus). Output, on stdout (and as JSON with --json FILE):

- raw: `nlp.pipe` over the texts with exactly the spaCy components geokg loads (model, gazetteer
  entity ruler, geokg's names/titles/attribution components), Docs discarded: words/s;
- build: `kg.pipeline.build` of the same corpus into a streamed .nq (ingest, NLP, linking,
  extraction, RDF, SHACL validation, write): words/s, the ratio build/raw, seconds by stage;
- CPU seconds of this process in each phase (less sensitive than wall time to other jobs on the
  machine; worker processes of --jobs are not included);
- peak memory of each phase (resident set size sampled every 50 ms, above the process's size
  after the model and gazetteer were loaded), so 1x/3x/10x runs show whether memory stays flat;
- the memory series of the build: after every `--every` articles (default: one copy of the
  corpus, i.e. one pass of the repetition) the resident size at that moment and the peak since the
  previous point, and the least-squares slope of both per pass after the first (warm-up) pass.

Words are whitespace-separated tokens of the article texts, the same count for both phases.
Run it on a quiet machine (`uptime`): other processes on the same cores skew both phases.

    python bench/bench_build.py --repeat 1 --json bench/results-1x.json
    python bench/bench_build.py --repeat 10 --no-raw        # memory at 10x
    python bench/bench_build.py --repeat 1 --jobs 2         # NLP in two processes (both phases)
    python bench/bench_build.py --repeat 3 --limit 100 --no-raw --every 50   # a quick memory series
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class PeakRSS:
    """Samples this process's resident set size (children included) in a background thread.

    `mark(label)` adds a point to `series`: the size now and the peak since the previous mark."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self.window_peak = 0
        self.series: list[dict] = []
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        total = self.proc.memory_info().rss
        for child in self.proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self.rss()
            self.peak = max(self.peak, rss)
            self.window_peak = max(self.window_peak, rss)
            time.sleep(self.interval)

    def mark(self, articles: int) -> dict:
        rss = self.rss()
        point = {"articles": articles, "seconds": round(time.perf_counter() - self._start, 1),
                 "rss_mb": round(rss / 2**20), "peak_mb": round(max(self.window_peak, rss) / 2**20)}
        self.window_peak = rss
        self.series.append(point)
        return point

    def __enter__(self) -> PeakRSS:
        self.peak = self.window_peak = self.rss()
        self._start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        rss = self.rss()
        self.peak = max(self.peak, rss)
        self.window_peak = max(self.window_peak, rss)


def slope(values: list[float]) -> float | None:
    """Least-squares slope of `values` against their index (None for fewer than two values)."""
    n = len(values)
    if n < 2:
        return None
    mx, my = (n - 1) / 2, sum(values) / n
    return sum((i - mx) * (v - my) for i, v in enumerate(values)) / sum((i - mx) ** 2 for i in range(n))


def memory_summary(series: list[dict], per_pass: int, every: int) -> dict:
    """Peak and end-of-pass size of each pass over the corpus, and their slopes per pass after the
    first (warm-up) pass, from a series marked every `every` articles."""
    passes: list[dict] = []
    for point in series:
        index = (point["articles"] - 1) // per_pass
        while len(passes) <= index:
            passes.append({"pass": len(passes) + 1, "peak_mb": 0, "end_rss_mb": 0})
        passes[index]["peak_mb"] = max(passes[index]["peak_mb"], point["peak_mb"])
        passes[index]["end_rss_mb"] = point["rss_mb"]
    after = passes[1:]
    return {
        "every": every, "passes": passes,
        "peak_slope_mb_per_pass": _round(slope([p["peak_mb"] for p in after])),
        "end_rss_slope_mb_per_pass": _round(slope([p["end_rss_mb"] for p in after])),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def repeated_corpus(source: Path, repeat: int, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    """A .jsonl.gz with `repeat` distinct copies of the first `limit` articles; (path, articles, words)."""
    rows = []
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    path = folder / f"corpus-{repeat}x.jsonl.gz"
    words = 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for copy in range(repeat):
            for i, row in enumerate(rows):
                row = dict(row)
                row["id"] = f"{row.get('id', i)}-copy{copy}"
                if row.get("url"):
                    row["url"] = f"{row['url']}?copy={copy}"
                words += len(str(row.get("text", "")).split())
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path, len(rows) * repeat, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "corpus" / "wikinews" / "wikinews_2019_2020.jsonl")
    parser.add_argument("--repeat", type=int, default=1, help="copies of the corpus (distinct articles)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of the corpus")
    parser.add_argument("--jobs", type=int, default=1, help="NLP processes, for both phases")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--format", default="nq", choices=["nq", "trig"])
    parser.add_argument("--no-raw", action="store_true", help="skip the raw spaCy phase")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--every", type=int, default=None,
                        help="articles between two points of the memory series (default: one pass)")
    args = parser.parse_args(argv)

    from kg.ingest import read_inputs
    from kg.model import Document
    from kg.pipeline import Pipeline, build

    results: dict = {"repeat": args.repeat, "jobs": args.jobs, "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        folder = Path(tmp)
        corpus, n_articles, n_words = repeated_corpus(args.corpus, args.repeat, args.limit, folder)
        results.update(articles=n_articles, words=n_words)

        t0 = time.perf_counter()
        pipeline = Pipeline()
        results["load_seconds"] = round(time.perf_counter() - t0, 1)
        with PeakRSS() as base:
            pass
        results["rss_after_load_mb"] = round(base.peak / 2**20)

        if not args.no_raw:
            nlp = pipeline.nlp
            if args.jobs > 1:
                # spaCy's workers send Docs back as msgpack, which cannot carry the Python objects
                # geokg's components leave on them; dropping them is the least a raw run must do.
                from spacy.language import Language

                @Language.component("bench_drop_user_data")
                def _drop(doc):
                    doc.user_data.clear()
                    return doc

                nlp.add_pipe("bench_drop_user_data", last=True)
            texts = (d.text for d in read_inputs([corpus]) if isinstance(d, Document))
            with PeakRSS() as mem:
                t0, c0 = time.perf_counter(), time.process_time()
                n = sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.jobs))
                raw, raw_cpu = time.perf_counter() - t0, time.process_time() - c0
            if "bench_drop_user_data" in nlp.pipe_names:
                nlp.remove_pipe("bench_drop_user_data")
            results["raw"] = {"seconds": round(raw, 1), "cpu_seconds": round(raw_cpu, 1), "docs": n,
                              "words_per_s": round(n_words / raw),
                              "peak_rss_mb": round(mem.peak / 2**20)}

        output = folder / f"graph.{args.format}"
        per_pass = n_articles // args.repeat
        every = args.every or per_pass
        seen = 0

        def on_article(_item) -> None:
            nonlocal seen
            seen += 1  # built or failed: both are one article of the input
            if seen % every == 0:
                point = mem.mark(seen)
                print(f"  {point['articles']:>7} articles {point['seconds']:>8} s  RSS {point['rss_mb']} MB, "
                      f"peak since last {point['peak_mb']} MB", flush=True)

        with PeakRSS() as mem:
            t0, c0 = time.perf_counter(), time.process_time()
            report = build([corpus], output, pipeline=pipeline, validate=not args.no_validate, jobs=args.jobs,
                           on_article=on_article)
            full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
        if not mem.series or mem.series[-1]["articles"] != seen:
            mem.mark(seen)  # the end of the run (the sort and write of the output included)
        else:
            # the sort and write of the output, after the last article, belong to the last point
            mem.series[-1]["peak_mb"] = max(mem.series[-1]["peak_mb"], round(mem.window_peak / 2**20))
        results["build"] = {
            "seconds": round(full, 1), "cpu_seconds": round(full_cpu, 1), "articles": report.articles, "errors": len(report.errors),
            "triples": report.triples, "words_per_s": round(n_words / full),
            "peak_rss_mb": round(mem.peak / 2**20), "output_mb": round(output.stat().st_size / 2**20, 1),
            "stages": {k: round(v, 1) for k, v in report.seconds.items()},
        }
        results["memory"] = memory_summary(mem.series, per_pass, every)
        results["memory"]["series"] = mem.series
        if "raw" in results:
            results["ratio_build_to_raw"] = round(results["raw"]["seconds"] / full, 2)

    print(f"corpus: {n_articles} articles, {n_words} words ({args.repeat}x), jobs {args.jobs}, "
          f"load average {results['load_average'][0]:.2f}")
    print(f"load: {results['load_seconds']} s, RSS after load {results['rss_after_load_mb']} MB")
    if "raw" in results:
        r = results["raw"]
        print(f"raw nlp.pipe : {r['seconds']:>7} s  {r['words_per_s']:>6} words/s  peak RSS {r['peak_rss_mb']} MB  "
              f"(CPU of this process {r['cpu_seconds']} s)")
    b = results["build"]
    print(f"geokg build  : {b['seconds']:>7} s  {b['words_per_s']:>6} words/s  peak RSS {b['peak_rss_mb']} MB  "
          f"({b['articles']} articles, {b['triples']} quads, {b['output_mb']} MB output, {b['errors']} errors; "
          f"CPU of this process {b['cpu_seconds']} s)")
    if "ratio_build_to_raw" in results:
        print(f"build / raw throughput: {results['ratio_build_to_raw']:.2f}")
    total = sum(b["stages"].values()) or 1.0
    print("stages (s, % of stage total): " + ", ".join(
        f"{k} {v} ({100 * v / total:.0f}%)" for k, v in b["stages"].items()))
    m = results["memory"]
    print("memory by pass (MB): " + ", ".join(
        f"{p['pass']}: peak {p['peak_mb']} end {p['end_rss_mb']}" for p in m["passes"]))
    if m["peak_slope_mb_per_pass"] is not None:
        print(f"slope per pass after the first: peak {m['peak_slope_mb_per_pass']:+} MB, "
              f"end-of-pass RSS {m['end_rss_slope_mb_per_pass']:+} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
