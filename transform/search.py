"""Polish full-text search by lemma: `samorząd`, `samorządów` and `samorządom` find the same pages.

FTS5 alone matches word forms, and a Polish noun has a dozen of them. Here every word of a
page is replaced by its morfeusz2 lemmas (all of them when the word is ambiguous) and those
are indexed; a query is lemmatised the same way and each of its words becomes an OR of its
lemmas. The tokenizer folds diacritics, so `samorzadow` still matches; a query word
morfeusz2 does not know is first tried with its Polish letters restored (`samorzadow` ->
`samorządów` -> lemma `samorząd`).

    add_lemma_index(con)        # in an exported SQLite database: pages_lemma_fts
    match_expression("Ukrainie samorządów")
    # -> '{title text} : ("ukraina") AND {title text} : ("samorząd")'

A word morfeusz2 does not know at all (Modrzewiowie, a fictional town) is matched by its
guessed stem too (`guess_stem`: the longest Polish case ending removed), so the forms of
foreign and rare place names find each other.
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
# words morfeusz2 does not know (foreign and rare place names: Modrzewiów, Modrzewiowie)
# are also indexed by a guessed stem: the word without the longest Polish case ending
_FOLD = str.maketrans("ąćęłńóśźż", "acelnoszz")
_ENDINGS = ("owie", "iego", "iemu", "ami", "ach", "ego", "emu", "owi", "ow", "om", "em", "ie",
            "a", "e", "y", "i", "u", "o")
MIN_STEM = 4


@lru_cache(maxsize=200_000)
def word_lemmas(word: str) -> tuple[str, ...]:
    """The lower-cased lemmas of a word; the word itself when morfeusz2 does not know it."""
    lemmas = sorted({a.lemma.lower() for a in analyse(word)})
    return tuple(lemmas) or (word.lower(),)


def guess_stem(word: str) -> str:
    """A stem for a word morfeusz2 does not know: lower case, Polish letters folded, the
    longest case ending removed when at least MIN_STEM letters stay."""
    w = word.lower().translate(_FOLD)
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= MIN_STEM:
            return w[:-len(end)]
    return w


def _unknown(word: str) -> bool:
    return len(word) > MIN_STEM and not word.isdigit() and not analyse(word)


def stem_text(text: str | None) -> str:
    """Guessed stems of the words in `text` that morfeusz2 does not know."""
    return " ".join(guess_stem(m.group(0)) for m in _WORD.finditer(text or "") if _unknown(m.group(0)))


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
        lemmas = "{title text} : (" + " OR ".join(_quote(lem) for lem in query_lemmas(word)) + ")"
        if _unknown(word) and not _restored(word):  # a name morfeusz2 does not know
            lemmas = f"({lemmas} OR stems : {_quote(guess_stem(word))})"
        groups.append(lemmas)
    return " AND ".join(groups) if groups else _quote("\u2400")  # a token no page contains


def add_lemma_index(con: sqlite3.Connection, progress: bool = False) -> int:
    """Create `pages_lemma_fts` (rowid = pages.rowid): the lemmas of title and text, and
    the guessed stems of the words morfeusz2 does not know (`stems`).

    Contentless: the lemmas are only needed to match, and storing them twice would double
    the size of the database. Returns the number of pages indexed.
    """
    con.execute(f'CREATE VIRTUAL TABLE "{LEMMA_TABLE}" USING fts5(title, text, stems, '
                f'content=\'\', tokenize = "{TOKENIZER}")')
    rows = con.cursor().execute("SELECT rowid, title, text FROM pages ORDER BY rowid")
    if progress:
        from tqdm import tqdm

        total = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        rows = tqdm(rows, total=total, desc="lemma index", unit="page")
    n = 0
    insert = f'INSERT INTO "{LEMMA_TABLE}" (rowid, title, text, stems) VALUES (?, ?, ?, ?)'
    batch = []
    for rowid, title, text in rows:  # another table is written: reading on is safe
        batch.append((rowid, lemma_text(title), lemma_text(text), stem_text(f"{title or ''} {text}")))
        n += 1
        if len(batch) >= 200:
            con.executemany(insert, batch)
            batch.clear()
    con.executemany(insert, batch)
    return n
