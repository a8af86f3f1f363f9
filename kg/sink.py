"""Streaming output: article graphs go to disk as they are built, the sorted file appears at the end.

Input: one named graph at a time (its name, its pyoxigraph quads and the SHA-256 of the article
text). Output: an N-Quads (.nq) or TriG (.trig) file byte-identical to what
`kg.rdf.serialize.write_dataset` writes for the same graphs held in memory, written atomically
when the sink is closed.

How memory stays flat: each graph is appended to a journal next to the output (`<output>.journal`,
plain N-Quads, each graph followed by a comment line `# geokg-graph <graph> <content hash> <n>`)
and flushed, so nothing but a small index (graph name -> content hash, one entry per article)
stays in memory. `close` then sorts the journal with an external merge sort (sorted runs of at
most `run_bytes` in temporary files, merged with `heapq.merge`), and writes the output.

Resumable: the journal of an interrupted build survives; `QuadSink(..., resume=True)` reads it
(and the graphs of an earlier complete output file), and `done(content_hash)` tells the pipeline
which articles need no rebuilding. A graph written again replaces its earlier version, as in
`kg.rdf.emit.add_article`.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_path
from kg.errors import MalformedInputError, UsageError

#: Output suffixes a sink can stream; the other formats need the whole graph in memory.
STREAM_FORMATS = {".nq": "nquads", ".trig": "trig"}
#: Bytes of records sorted in memory at once before they are spilled to a run file.
RUN_BYTES = 64 << 20
_MARK = b"# geokg-graph "
_CONTENT_HASH = "https://w3id.org/geokg/ns#contentHash"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def streamable(path: Path) -> bool:
    """True when `path`'s suffix names a format the sink can write without holding the graph."""
    return Path(path).suffix.lower() in STREAM_FORMATS


def journal_path(output: Path) -> Path:
    output = Path(output)
    return output.with_name(output.name + ".journal")


def _nquads(quads: Iterable[ox.Quad]) -> bytes:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


class QuadSink:
    """Writes article graphs to `path` (.nq or .trig) as they come; see the module docstring.

    `prefixes` are the prefix bindings TriG may use (only those the data uses are written).
    Use as a context manager: a normal exit closes (sorts and writes the output), an exception
    keeps the journal so that a later `resume=True` sink continues from it.
    """

    def __init__(self, path: Path, *, prefixes: dict[str, str] | None = None, resume: bool = False,
                 run_bytes: int = RUN_BYTES) -> None:
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in STREAM_FORMATS:
            raise UsageError(
                f"expected an output ending in {', '.join(STREAM_FORMATS)} to stream into, got "
                f"{str(self.path)!r}; use one of those suffixes (other formats are written in memory)"
            )
        self.format = STREAM_FORMATS[suffix]
        self.prefixes = dict(prefixes or {})
        self.run_bytes = run_bytes
        self.journal = journal_path(self.path)
        #: graph IRI (N-Triples form, bytes) -> content hash of the article it holds ("" if none).
        self.graphs: dict[bytes, str] = {}
        self._hashes: set[str] = set()
        #: The complete output of an earlier run that `resume` carries over (graphs not rewritten).
        self._previous: Path | None = None
        self._previous_graphs: dict[bytes, str] = {}
        self.resumed = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            self._load_previous()
            self._fh = self._recover_journal()
        else:
            self._fh = open(self.journal, "wb")
        self.closed = False

    # -- the resume index -------------------------------------------------------------------

    def _load_previous(self) -> None:
        if not self.path.is_file():
            return
        fmt = ox.RdfFormat.N_QUADS if self.format == "nquads" else ox.RdfFormat.TRIG
        try:
            for q in ox.parse(path=str(self.path), format=fmt):
                if q.predicate.value == _CONTENT_HASH and isinstance(q.object, ox.Literal):
                    self._previous_graphs[str(q.graph_name).encode()] = q.object.value
        except SyntaxError as exc:
            raise MalformedInputError(
                f"expected the earlier output to resume from to parse, but it does not ({exc}); "
                "delete it or build without --resume", source=str(self.path)) from exc
        self._previous = self.path
        self._hashes.update(self._previous_graphs.values())

    def _recover_journal(self):
        """Index the complete graphs of an earlier journal and cut off a half-written last one."""
        if not self.journal.is_file():
            return open(self.journal, "wb")
        good = 0
        with open(self.journal, "rb") as fh:
            pos = 0
            for line in fh:
                pos += len(line)
                if line.startswith(_MARK):
                    parts = line[len(_MARK):].split()
                    if len(parts) == 3:
                        graph, content_hash = parts[0], parts[1].decode()
                        self._index(graph, "" if content_hash == "-" else content_hash)
                        self.resumed += 1
                        good = pos
        fh = open(self.journal, "r+b")
        fh.truncate(good)  # a graph without its closing mark was cut by the crash
        fh.seek(good)
        return fh

    def _index(self, graph: bytes, content_hash: str) -> None:
        self.graphs[graph] = content_hash
        if content_hash:
            self._hashes.add(content_hash)

    def done(self, content_hash: str) -> bool:
        """True when an article with this text hash is already in the journal or the earlier output."""
        return content_hash in self._hashes

    # -- writing ---------------------------------------------------------------------------

    def write(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], content_hash: str | None = None) -> int:
        """Append one graph (its quads must all be in `graph`); returns the number of quads."""
        if self.closed:
            raise ValueError("write to a closed QuadSink")
        payload = _nquads(quads)
        n = payload.count(b"\n")
        name = str(graph).encode()
        self._fh.write(payload)
        self._fh.write(_MARK + name + b" " + (content_hash or "-").encode() + b" " + str(n).encode() + b"\n")
        self._fh.flush()  # a crash loses at most the graph being written
        self._index(name, content_hash or "")
        return n

    def write_nquads(self, graph: str, payload: bytes, content_hash: str | None = None) -> int:
        """Append one graph given as N-Quads bytes (as a remote worker sends it)."""
        return self.write(ox.NamedNode(graph), ox.parse(payload, format=ox.RdfFormat.N_QUADS), content_hash)

    def abort(self) -> None:
        """Stop without writing the output; the journal stays for a resumed run."""
        if not self.closed:
            self._fh.close()
            self.closed = True

    def close(self) -> int:
        """Sort the journal into the output file (atomically), delete the journal; returns the quad count."""
        if self.closed:
            raise ValueError("QuadSink already closed")
        self._fh.close()
        self.closed = True
        with tempfile.TemporaryDirectory(prefix=f".{self.path.name}.", dir=self.path.parent) as tmp:
            runs, namespaces = self._sorted_runs(Path(tmp))
            with atomic_path(self.path) as out, open(out, "wb") as fh:
                merged = _unique(heapq.merge(*(_read_run(r) for r in runs)))
                if self.format == "nquads":
                    count = 0
                    for line in merged:
                        fh.write(line)
                        count += 1
                else:
                    count = self._write_trig(fh, merged, namespaces)
                fh.flush()
                os.fsync(fh.fileno())
        self.journal.unlink(missing_ok=True)
        return count

    def __enter__(self) -> QuadSink:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    # -- sorting ---------------------------------------------------------------------------

    def _live_chunks(self) -> Iterator[list[bytes]]:
        """The N-Quads lines of every graph's last version: journal first, then the earlier output."""
        remaining = dict(self.graphs)  # graph -> hash of its last version
        # A graph may occur several times in the journal; only its last occurrence counts, so
        # count occurrences first and keep the one whose number comes up last.
        seen: dict[bytes, int] = {}
        with open(self.journal, "rb") as fh:
            for line in fh:
                if line.startswith(_MARK):
                    name = line[len(_MARK):].split()[0]
                    seen[name] = seen.get(name, 0) + 1
        with open(self.journal, "rb") as fh:
            chunk: list[bytes] = []
            for line in fh:
                if not line.startswith(_MARK):
                    chunk.append(line)
                    continue
                name = line[len(_MARK):].split()[0]
                seen[name] -= 1
                if seen[name] == 0 and name in remaining:
                    yield chunk
                chunk = []
        if self._previous is not None:
            fmt = ox.RdfFormat.N_QUADS if self.format == "nquads" else ox.RdfFormat.TRIG
            batch: list[ox.Quad] = []
            for q in ox.parse(path=str(self._previous), format=fmt):
                if str(q.graph_name).encode() in remaining:
                    continue  # rebuilt in this run: the new version replaces it
                batch.append(q)
                if len(batch) >= 10000:
                    yield _nquads(batch).splitlines(keepends=True)
                    batch = []
            if batch:
                yield _nquads(batch).splitlines(keepends=True)

    def _sorted_runs(self, folder: Path) -> tuple[list[Path], set[str]]:
        """Sorted run files of all records, and (for TriG) the prefix namespaces the data uses."""
        runs: list[Path] = []
        records: list[bytes] = []
        size = 0
        namespaces: set[str] = set()
        known = set(self.prefixes.values())

        def spill() -> None:
            nonlocal records, size
            if not records:
                return
            records.sort()
            run = folder / f"run-{len(runs):05d}"
            with open(run, "wb") as fh:
                fh.writelines(records)
            runs.append(run)
            records, size = [], 0

        for chunk in self._live_chunks():
            if self.format == "nquads":
                new = chunk
            else:
                new = [_trig_record(q, known, namespaces)
                       for q in ox.parse(b"".join(chunk), format=ox.RdfFormat.N_QUADS)]
            records.extend(new)
            size += sum(len(r) for r in new)
            if size >= self.run_bytes:
                spill()
        spill()
        return runs, namespaces

    def _write_trig(self, fh, records: Iterator[bytes], namespaces: set[str]) -> int:
        used = {p: ns for p, ns in sorted(self.prefixes.items()) if ns in namespaces}
        count = 0
        header_written = False
        for _graph, group in groupby(records, key=lambda r: r.split(b"\t", 1)[0]):
            quads = list(ox.parse(b"".join(_nquad_of_record(r) for r in group), format=ox.RdfFormat.N_QUADS))
            count += len(quads)
            text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=used)
            lines = text.split(b"\n")
            n = 0
            while n < len(lines) and lines[n].startswith(b"@prefix "):
                n += 1
            if not header_written:
                # Written by pyoxigraph in its own order; sorted, as kg.rdf.serialize does.
                fh.write(b"".join(line + b"\n" for line in sorted(lines[:n])))
                header_written = True
            fh.write(b"\n".join(lines[n:]))
        return count


def _trig_record(q: ox.Quad, known: set[str], namespaces: set[str]) -> bytes:
    """A quad as one line whose byte order is kg.rdf.serialize's TriG order.

    N-Triples forms never hold a raw tab or newline (they are escaped), so tab-joined fields sort
    like the tuple of fields.
    """
    for term in (q.subject, q.predicate, q.object, q.graph_name):
        if isinstance(term, ox.Literal):
            term = term.datatype
        if isinstance(term, ox.NamedNode):
            iri = term.value
            ns = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
            if ns in known:
                namespaces.add(ns)
    predicate = str(q.predicate)
    flag = "0" if predicate == _RDF_TYPE else "1"
    return "\t".join((str(q.graph_name), str(q.subject), flag, predicate, str(q.object))).encode() + b"\n"


def _nquad_of_record(record: bytes) -> bytes:
    graph, subject, _flag, predicate, obj = record.rstrip(b"\n").split(b"\t")
    return b" ".join((subject, predicate, obj, graph)) + b" .\n"


def _read_run(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        yield from fh


def _unique(lines: Iterator[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous and line.strip():
            yield line
        previous = line


__all__ = ["RUN_BYTES", "STREAM_FORMATS", "QuadSink", "journal_path", "streamable"]
