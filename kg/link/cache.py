"""On-disk cache of online lookups, so that a rebuild asks the network nothing it asked before.

Input: a request key (the normalised request, see `request_key`) and the JSON-serialisable answer
to keep for it. Output: the answer stored under a key, or None. One SQLite file per cache
directory; several geokg processes may share it (SQLite locks the file).

Entries never expire: a rebuild of the same articles then gives the same links, which the
project's determinism rule wants more than freshness. Delete the directory to start afresh.
A cache that cannot be opened or written degrades to memory only; `problem` says why.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

CACHE_ENV = "GEOKG_CACHE_DIR"
CACHE_FILE = "api.sqlite"


def default_cache_dir() -> Path:
    """The geokg cache root: `$GEOKG_CACHE_DIR` if set, else the platform's user cache folder
    (`~/.cache/geokg` or `$XDG_CACHE_HOME/geokg`, `~/Library/Caches/geokg`, `%LOCALAPPDATA%\\geokg\\Cache`)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "geokg" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "geokg"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "geokg"


def request_key(endpoint: str, params: Mapping[str, str]) -> str:
    """The normalised request: the endpoint and its parameters sorted by name. Leave out
    politeness parameters (`maxlag`) that do not change the answer."""
    return endpoint + "?" + urlencode(sorted(params.items()))


class ResponseCache:
    """Key -> JSON value, in SQLite under `directory` (or in memory only when `directory` is None)."""

    def __init__(self, directory: Path | None) -> None:
        self._memory: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self.path: Path | None = None
        self.problem: str | None = None
        if directory is None:
            return
        path = Path(directory) / CACHE_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(path, timeout=10.0, check_same_thread=False)
            con.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.commit()
        except (OSError, sqlite3.Error) as exc:
            self.problem = f"cannot use the cache file {path} ({exc}); answers are kept in memory only"
            return
        self._con, self.path = con, path

    def get(self, key: str) -> Any | None:
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            if self._con is None:
                return None
            try:
                row = self._con.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._disable(exc)
                return None
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None  # a damaged row is a miss; the next put replaces it
        self._memory[key] = value
        return value

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store several answers in one transaction."""
        if not items:
            return
        with self._lock:
            self._memory.update(items)
            if self._con is None:
                return
            rows = [(k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in items.items()]
            try:
                with self._con:
                    self._con.executemany("INSERT OR REPLACE INTO responses (key, value) VALUES (?, ?)", rows)
            except sqlite3.Error as exc:
                self._disable(exc)

    def put(self, key: str, value: Any) -> None:
        self.put_many({key: value})

    def __len__(self) -> int:
        with self._lock:
            if self._con is None:
                return len(self._memory)
            return int(self._con.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def _disable(self, exc: Exception) -> None:
        # Called with the lock held: keep going from memory rather than fail a build.
        self.problem = f"the cache file {self.path} failed ({exc}); answers are kept in memory only"
        if self._con is not None:
            self._con.close()
        self._con = None
