"""Evidence a reader can see: each fact's sentence, with the span marked, beside its source URL.

A fact keeps offsets into `pages.text`; nobody wants to slice a text by hand to check it.
`add_evidence_tables(con)` adds to an exported SQLite database

- `fact_sentences`: the sentence around every fact (`sentence`) and where the evidence
  sits in it (`mark_start`, `mark_end`, characters), computed with the extractors' own
  sentence splitter;
- `facts_in_context`: a view of every fact with that sentence, the page title and URL —
  the table `samorzad serve` shows with the span highlighted;
- `who_funded`, `who_took_part`: fundings and roles with names instead of ids and a year.
"""
from __future__ import annotations

import sqlite3

from extract.text import sentences

MAX_SENTENCE = 400  # characters kept around a span when the "sentence" is a whole list or table

FACTS_IN_CONTEXT = """
CREATE VIEW facts_in_context AS
SELECT f.field, f.name, s.sentence, p.url, p.title AS page_title, p.published,
       CAST(substr(coalesce(f.date_start, p.published), 1, 4) AS INTEGER) AS year,
       f.role, f.kind, f.value, f.currency, f.date_start, f.date_end, f.country, p.source_id,
       f.fact_id, f.page_id, s.mark_start, s.mark_end
FROM facts f JOIN fact_sentences s ON s.fact_id = f.fact_id JOIN pages p ON p.page_id = f.page_id
"""


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """(sentence, mark_start, mark_end): the sentence(s) holding text[start:end] and the
    span's offsets inside it, cut to MAX_SENTENCE characters around the span."""
    spans = sentences(text)
    s0 = min((s for s, e in spans if s <= start < e), default=start)
    e0 = max((e for s, e in spans if s < end <= e), default=end)
    s0, e0 = min(s0, start), max(e0, end)
    room = max(0, MAX_SENTENCE - (end - start)) // 2
    s0, e0 = max(s0, start - room), min(e0, end + room)
    return text[s0:e0], start - s0, end - s0


def add_evidence_tables(con: sqlite3.Connection) -> int:
    """Create `fact_sentences` and the `facts_in_context` view; the number of facts covered."""
    con.execute("CREATE TABLE fact_sentences (fact_id TEXT PRIMARY KEY REFERENCES facts (fact_id), "
                "sentence TEXT NOT NULL, mark_start INTEGER NOT NULL, mark_end INTEGER NOT NULL)")
    n, batch = 0, []
    read = con.cursor().execute(
        'SELECT f.fact_id, f.page_id, f.start, f."end", p.text FROM facts f '
        "JOIN pages p ON p.page_id = f.page_id ORDER BY f.page_id")
    for fact_id, _page, start, end, page_text in read:  # by page: the splitter's cache hits
        batch.append((fact_id, *sentence_around(page_text, start, end)))
        n += 1
        if len(batch) >= 1000:
            con.executemany("INSERT INTO fact_sentences VALUES (?, ?, ?, ?)", batch)
            batch.clear()
    con.executemany("INSERT INTO fact_sentences VALUES (?, ?, ?, ?)", batch)
    con.execute(FACTS_IN_CONTEXT)
    return n

# the joins a journalist would otherwise write first: names instead of ids, a year to facet on
READER_VIEWS = ("""
CREATE VIEW who_funded AS
SELECT o.name AS funder, g.name AS programme, coalesce(pr.name, p.title) AS project,
       f.amount, f.currency,
       CAST(substr(coalesce(pr.first_seen, p.published), 1, 4) AS INTEGER) AS year,
       f.n_pages, f.funding_id, f.funder_id, f.programme_id, f.project_id, f.page_id
FROM fundings f LEFT JOIN organizations o ON o.org_id = f.funder_id
LEFT JOIN programmes g ON g.programme_id = f.programme_id
LEFT JOIN projects pr ON pr.project_id = f.project_id LEFT JOIN pages p ON p.page_id = f.page_id
""", """
CREATE VIEW who_took_part AS
SELECT coalesce(o.name, pe.name) AS actor, r.actor_type, o.kind AS actor_kind, o.country,
       r.role, coalesce(pr.name, p.title) AS project, pr.kind AS project_kind,
       CAST(substr(coalesce(pr.first_seen, p.published), 1, 4) AS INTEGER) AS year,
       r.n_pages, r.role_id, r.actor_id, r.project_id, r.page_id
FROM roles r LEFT JOIN organizations o ON o.org_id = r.actor_id
LEFT JOIN people pe ON pe.person_id = r.actor_id
LEFT JOIN projects pr ON pr.project_id = r.project_id LEFT JOIN pages p ON p.page_id = r.page_id
""")


def add_reader_tables(con: sqlite3.Connection) -> None:
    """Everything an exported database adds for readers: the lemma index and the evidence."""
    from transform.search import add_lemma_index

    add_lemma_index(con)
    add_evidence_tables(con)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if {"fundings", "roles", "organizations", "people", "projects", "programmes"} <= tables:
        for view in READER_VIEWS:
            con.execute(view)
