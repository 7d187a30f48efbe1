"""Polish full-text search by lemma: `samorząd`, `samorządów` and `samorządom` find the same pages.

FTS5 alone matches word forms, and a Polish noun has a dozen of them. Here every word of a
page is replaced by its morfeusz2 lemmas (all of them when the word is ambiguous) and those
are indexed; a query is lemmatised the same way and each of its words becomes an OR of its
lemmas. The tokenizer folds diacritics, so `samorzadow` still matches; a query word
morfeusz2 does not know is first tried with its Polish letters restored (`samorzadow` ->
`samorządów` -> lemma `samorząd`).

    add_lemma_index(con)        # in an exported SQLite database: pages_lemma_fts
    match_expression("Ukrainie samorządów")  # -> '("ukraina") ("samorząd")'
"""
from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from itertools import product

from extract.morph import analyse

LEMMA_TABLE = "pages_lemma_fts"
TOKENIZER = "unicode61 remove_diacritics 2"
_WORD = re.compile(r"\w+(\*)?")
# letters that lose their diacritics when typed on a keyboard without Polish layout
_RESTORE = {"a": "aą", "c": "cć", "e": "eę", "l": "lł", "n": "nń", "o": "oó", "s": "sś",
            "z": "zźż"}
MAX_CANDIDATES = 4096  # diacritic variants tried for one unknown word (long words stop early)


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """The lower-cased lemmas of a word; the word itself when morfeusz2 does not know it."""
    lemmas = sorted({a.lemma.lower() for a in analyse(word)})
    return tuple(lemmas) or (word.lower(),)


def lemma_text(text: str | None) -> str:
    """`text` as a string of lemmas, the form the lemma index stores."""
    if not text:
        return ""
    return " ".join(" ".join(word_lemmas(m.group(0).rstrip("*"))) for m in _WORD.finditer(text))


def _restored(word: str) -> tuple[str, ...]:
    """Spellings of `word` with Polish letters put back that morfeusz2 knows."""
    low = word.lower()
    options = [_RESTORE.get(ch, ch) for ch in low]
    n = 1
    for o in options:
        n *= len(o)
    if n > MAX_CANDIDATES:
        return ()
    return tuple(c for c in ("".join(p) for p in product(*options)) if c != low and analyse(c))


def query_lemmas(word: str) -> tuple[str, ...]:
    """Lemmas a query word stands for, its diacritics restored when typed without them."""
    if analyse(word):
        return word_lemmas(word)
    restored = sorted({lem for c in _restored(word) for lem in word_lemmas(c)})
    return tuple(restored) or (word.lower(),)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_expression(query: str | None) -> str:
    """An FTS5 MATCH expression for the user's words: every word, by any of its lemmas.

    `word*` keeps its meaning of a prefix search on the lemmas. A query without words gives
    an expression that matches nothing, so an empty search box shows no rows, not an error.
    """
    groups = []
    for m in _WORD.finditer(query or ""):
        word, prefix = m.group(0).rstrip("*"), bool(m.group(1))
        if prefix:
            groups.append(_quote(word.lower()) + "*")
            continue
        groups.append("(" + " OR ".join(_quote(lem) for lem in query_lemmas(word)) + ")")
    return " AND ".join(groups) if groups else _quote("\u2400")  # a token no page contains


def add_lemma_index(con: sqlite3.Connection, progress: bool = False) -> int:
    """Create `pages_lemma_fts` (rowid = pages.rowid) over the lemmas of title and text.

    Contentless: the lemmas are only needed to match, and storing them twice would double
    the size of the database. Returns the number of pages indexed.
    """
    con.execute(f'CREATE VIRTUAL TABLE "{LEMMA_TABLE}" USING fts5(title, text, content=\'\', '
                f'tokenize = "{TOKENIZER}")')
    rows = con.cursor().execute("SELECT rowid, title, text FROM pages ORDER BY rowid")
    if progress:
        from tqdm import tqdm

        total = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        rows = tqdm(rows, total=total, desc="lemma index", unit="page")
    n = 0
    insert = f'INSERT INTO "{LEMMA_TABLE}" (rowid, title, text) VALUES (?, ?, ?)'
    batch = []
    for rowid, title, text in rows:  # another table is written: reading on is safe
        batch.append((rowid, lemma_text(title), lemma_text(text)))
        n += 1
        if len(batch) >= 200:
            con.executemany(insert, batch)
            batch.clear()
    con.executemany(insert, batch)
    return n
