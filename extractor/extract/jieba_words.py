"""jieba's dictionary without loading it: word look-ups from a table written once to disk.

Loading jieba's dictionary takes ~1 s and ~70 MB per process (its prefix dictionary of ~580k
entries, then the word-tag table parsed again from ``dict.txt``), although a report asks it about
a few dozen words. The first process that needs it writes both into one SQLite table in the user
cache folder (``$JIXIAO_CACHE``, else ``$XDG_CACHE_HOME/jixiao``, else ``~/.cache/jixiao``);
every later one opens that file read-only and looks words up one by one, memoized.

:func:`lcut` is jieba's own segmentation (a ``jieba.Tokenizer`` whose prefix dictionary is the
table), so cuts, frequencies and tags are exactly jieba's. Where no cache can be written, the
dictionary is loaded in memory as before.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

# Bumped when the table's layout changes, so an old file is never read with a new layout.
LAYOUT = 1
_MISSING = object()
MEMO_LIMIT = 50_000  # looked-up words kept per process


def cache_dir() -> Path:
    if os.environ.get("JIXIAO_CACHE"):
        return Path(os.environ["JIXIAO_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jixiao"


def _dictionary_file() -> Path:
    # jieba's package folder, found without importing jieba (its import loads its HMM tables).
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _cache_file() -> Path:
    from importlib.metadata import version

    dict_txt = _dictionary_file()
    # A new jieba or a changed dictionary gets a new file: the key says which one it was made from.
    key = f"{version('jieba')}-{dict_txt.stat().st_size}-{LAYOUT}"
    return cache_dir() / f"jieba-words-{key}.sqlite"


class WordTable:
    """jieba's prefix dictionary (word → frequency, 0 for a mere prefix) and its POS tags.

    Answers ``in``, ``[]`` and ``get`` like the dict jieba's ``Tokenizer.FREQ`` is, so that a
    ``jieba.Tokenizer`` can segment with it.
    """

    def __init__(self, path: Path | None, loaded: tuple[dict, int, dict] | None = None):
        self.path = path
        self._freq, total, self._tags = loaded or (None, 0, None)
        self._memo: dict[str, tuple[int, str | None] | None] = {}
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        # jieba's own total (it counts a word listed twice twice): segmentation scores use it.
        self.total = self._meta("total") if path else total

    def _db(self) -> sqlite3.Connection:
        # A connection is never used across a fork: a forked worker opens its own.
        if self._conn is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def _meta(self, key: str) -> int:
        return int(self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0])

    def entry(self, word: str) -> tuple[int, str | None] | None:
        """``(frequency, tag)`` of a dictionary word or prefix, None when jieba does not know it."""
        hit = self._memo.get(word, _MISSING)
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
        if self._freq is not None:
            f = self._freq.get(word)
            row = None if f is None else (f, self._tags.get(word))
        else:
            with self._lock:
                row = (
                    self._db()
                    .execute("SELECT freq, tag FROM words WHERE word = ?", (word,))
                    .fetchone()
                )
        if len(self._memo) >= MEMO_LIMIT:  # a batch's words hardly repeat across files
            self._memo.clear()
        self._memo[word] = row
        return row

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.entry(word) is not None

    def __getitem__(self, word: str) -> int:
        row = self.entry(word)
        if row is None:
            raise KeyError(word)
        return row[0]

    def get(self, word: str, default: Any = None) -> Any:
        row = self.entry(word)
        return default if row is None else row[0]

    def tag(self, word: str) -> str | None:
        """The POS tag of a dictionary word (jieba's ``word_tag_tab``), None for others."""
        row = self.entry(word)
        return None if row is None else row[1]


def _load_jieba() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's own in-memory dictionaries (the slow way, done once to write the table)."""
    _import_jieba()
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.posseg.dt.initialize()
    return jieba.dt.FREQ, jieba.dt.total, jieba.posseg.dt.word_tag_tab


def _write(path: Path, freq: dict[str, int], total: int, tags: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute(
                "CREATE TABLE words (word TEXT PRIMARY KEY, freq INT, tag TEXT) WITHOUT ROWID"
            )
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.executemany(
                "INSERT INTO words VALUES (?, ?, ?)",
                ((w, f, tags.get(w)) for w, f in sorted(freq.items())),
            )
            conn.execute("INSERT INTO meta VALUES ('total', ?)", (str(total),))
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: a reader sees no file or a whole one
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@cache
def table() -> WordTable:
    """The word table: from the cache file, written first if it is not there yet."""
    try:
        path = _cache_file()
        if not path.exists():
            _write(path, *_load_jieba())
        return WordTable(path)
    except (OSError, sqlite3.Error):  # no writable cache folder: jieba's dictionaries in memory
        return WordTable(None, _load_jieba())


def _import_jieba() -> Any:
    """``import jieba`` without pkg_resources, which its ``_compat`` imports only to open its own
    files (~0.3 s, most of jieba's import); without it jieba opens them by path, the same bytes."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment] - makes the import fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def segmenter(words: WordTable) -> Any:
    """A ``jieba.Tokenizer`` that segments with ``words`` as its (already loaded) dictionary."""
    jieba = _import_jieba()
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = words, words.total, True
    return tok


@cache
def _segmenter() -> Any:
    return segmenter(table())


def load() -> None:
    """Everything :func:`lcut`, :func:`tag` and :func:`freq` need, loaded now (a worker's warm-up)."""
    _segmenter()


def lcut(text: str) -> list[str]:
    """``jieba.lcut(text)``: the same words, from the table instead of the loaded dictionary."""
    return _segmenter().lcut(text)


def tag(word: str) -> str | None:
    return table().tag(word)


def freq(word: str) -> int:
    """jieba's frequency of a word (``jieba.dt.FREQ[word]``); 0 for a word it does not know."""
    return table().get(word, 0)
