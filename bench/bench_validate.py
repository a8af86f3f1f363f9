"""Per-article SHACL validation time of a built graph, pyshacl-turbo against pySHACL.

Input: an RDF file written by `geokg build` (one named graph per article), e.g.

    geokg build ../shared/corpus/wikinews/wikinews_2019_2020.jsonl -o out/wn.nq --no-validate
    python bench/bench_validate.py out/wn.nq --rounds 3

Output, on stdout: for each engine the best of `--rounds` runs of `kg.validate.validate` over the
whole file, in ms per article graph, with the number of results (they must be equal), and whether
the two reports are identical. Each engine is warmed up first (imports, shape compilation), as in a
build, where that is paid once per process. Note the load average (`uptime`): the machine's other
processes skew the times.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from kg.rdf.serialize import read_dataset
from kg.validate import ValidationReport, validate

ENGINES = ("pyshacl", "turbo")


def time_engine(data, engine: str, rounds: int) -> tuple[float, ValidationReport]:
    """Best seconds of `rounds` validations of `data` with `engine`, and the last report."""
    report = validate(data, engine=engine)  # warm-up: imports and shape compilation
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        report = validate(data, engine=engine)
        best = min(best, time.perf_counter() - start)
    return best, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="RDF file from geokg build (.nq, .trig, ...)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = read_dataset(args.data)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    reports = {}
    for engine in ENGINES:
        seconds, report = time_engine(data, engine, args.rounds)
        reports[engine] = report
        per = 1000 * seconds / max(report.graphs_checked, 1)
        print(f"{engine:8} {per:7.2f} ms/article  ({report.graphs_checked} graphs, {seconds:.2f} s, "
              f"{len(report.errors)} violations, {len(report.warnings)} warnings)")
    print(f"identical reports: {reports['pyshacl'] == reports['turbo']}")


if __name__ == "__main__":
    main()
