"""Datasette plugin (entry point `samorzad` in the `datasette` group): Polish search and evidence.

- SQL functions on every connection: `lemma_match(q)` turns the user's words into an FTS5
  expression over `pages_lemma_fts` (`transform/search.py`), `lemma_snippet(text, q)` gives
  the stretch of a page around the first word matching by lemma (matches in `**`), and
  `lemmas(text)` shows what the index stores.
- Cells: a fact's `sentence` is shown with its evidence highlighted (`mark_start`,
  `mark_end` of the same row), a search `snippet` with the matched words highlighted, and
  ids of organisations, projects and pages link to their entity pages.
- Canned queries in every exported database: `search` (parameter `q`), who funded what,
  all projects of one organisation, partners abroad by country, activities by year.
- Entity pages at /-/entity/<database>/<organization|project|page>/<id>: the thing, its
  roles, fundings, dated activities, the facts that support it (sentence and source link)
  and the pages it is mentioned on.
"""
from __future__ import annotations

import re
import sqlite3
from importlib import resources

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from transform.search import (_WORD, _unknown, guess_stem, lemma_text, match_expression, query_lemmas,
                              word_lemmas)

SNIPPET_CHARS = 220
_MARKED = re.compile(r"\*\*(.+?)\*\*")
ENTITY_KINDS = ("organization", "project", "page")
# columns whose value is the id of something with an entity page
_ID_COLUMNS = {"org_id": "organization", "funder_id": "organization", "project_id": "project",
               "first_page_id": "page", "last_page_id": "page", "page_id": "page"}


def lemma_snippet(text: str | None, query: str | None) -> str | None:
    """About SNIPPET_CHARS characters of `text` around the first word sharing a lemma with
    the query; every matching word in it wrapped in `**`."""
    if not text or not query:
        return None
    words = [m.group(0).rstrip("*") for m in _WORD.finditer(query)]
    wanted = {lem for w in words for lem in query_lemmas(w)}
    stems = {guess_stem(w) for w in words if _unknown(w)}
    prefixes = tuple(m.group(0)[:-1].lower() for m in _WORD.finditer(query) if m.group(1))

    def matches(word: str) -> bool:
        return bool(wanted & set(word_lemmas(word)) or (prefixes and word.lower().startswith(prefixes))
                    or (stems and _unknown(word) and guess_stem(word) in stems))

    hits = [m for m in _WORD.finditer(text) if matches(m.group(0))]
    if not hits:
        return text[:SNIPPET_CHARS]
    start = max(0, hits[0].start() - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    while end < len(text) and text[end].isalnum():  # never cut a word (or a match) in two
        end += 1
    out, pos = [], start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        out += [text[pos:m.start()], "**", m.group(0), "**"]
        pos = m.end()
    out.append(text[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


@hookimpl
def prepare_connection(conn):
    conn.create_function("lemma_match", 1, match_expression, deterministic=True)
    conn.create_function("lemma_snippet", 2, lemma_snippet, deterministic=True)
    conn.create_function("lemmas", 1, lemma_text, deterministic=True)


def highlighted(sentence: str, start: int | None, end: int | None) -> Markup:
    """The sentence as HTML with sentence[start:end] in <mark>."""
    if start is None or end is None or not (0 <= start <= end <= len(sentence)):
        return escape(sentence)
    return Markup("{}<mark>{}</mark>{}").format(sentence[:start], sentence[start:end], sentence[end:])


def marked(snippet: str) -> Markup:
    """A snippet's `**word**` as <mark>word</mark>, everything else escaped."""
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def entity_path(datasette, database: str, kind: str, entity_id: str) -> str:
    return datasette.urls.path(f"/-/entity/{database}/{kind}/{entity_id}")


def _keys(row) -> set:
    try:
        return set(row.keys())
    except AttributeError:
        return set()


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    keys = _keys(row)
    if column == "sentence" and {"mark_start", "mark_end"} <= keys:
        return highlighted(value, row["mark_start"], row["mark_end"])
    if column == "snippet":
        return marked(value)
    if column == "text" and table == "facts" and "fact_id" in keys:
        return _fact_in_sentence(datasette, database, row["fact_id"], value)
    if column == "title" and table is None and "page_id" in keys:  # search results
        return Markup('<a href="{}">{}</a>').format(
            entity_path(datasette, database, "page", row["page_id"]), value)
    kind = _ID_COLUMNS.get(column)
    if column == "actor_id" and "actor_type" in keys and row["actor_type"] == "organization":
        kind = "organization"
    if column == "name" and table in ("organizations", "projects"):
        key = "org_id" if table == "organizations" else "project_id"
        if key in keys:
            return Markup('<a href="{}">{}</a>').format(
                entity_path(datasette, database, table[:-1], row[key]), value)
    if kind and value:
        return Markup('<a href="{}">{}</a>').format(entity_path(datasette, database, kind, value), value)
    return None


def _fact_in_sentence(datasette, database, fact_id, text):
    """A `facts` row's words shown inside their sentence, highlighted, with the source link."""
    async def render():
        db = datasette.get_database(database)
        try:
            found = (await db.execute(
                "SELECT s.sentence, s.mark_start, s.mark_end, p.url FROM fact_sentences s "
                "JOIN facts f ON f.fact_id = s.fact_id JOIN pages p ON p.page_id = f.page_id "
                "WHERE s.fact_id = :id", {"id": fact_id})).rows
        except sqlite3.Error:  # a database exported without the readers' tables
            return None
        if not found:
            return None
        r = found[0]
        return Markup("{}<br><small>{}</small>").format(
            highlighted(r["sentence"], r["mark_start"], r["mark_end"]), _url(r["url"]))
    return render


SEARCH_SQL = """
SELECT p.page_id, p.title, p.published, p.source_id, lemma_snippet(p.text, :q) AS snippet, p.url
FROM pages_lemma_fts f JOIN pages p ON p.rowid = f.rowid
WHERE pages_lemma_fts MATCH lemma_match(:q)
ORDER BY f.rank, p.page_id
LIMIT 500
"""

QUERIES = {
    "search": {
        "title": "Search the pages (any form of a word)",
        "description": "Polish words are matched by lemma: samorząd, samorządów and samorządom "
                       "find the same pages; Polish letters are optional. All words must occur; "
                       "word* searches a prefix.",
        "sql": SEARCH_SQL,
        "hide_sql": True,
    },
    "who_funded_what": {
        "title": "Who funded what, and how much",
        "sql": "SELECT funder, programme, project, amount, currency, year, n_pages, funder_id, "
               "project_id FROM who_funded ORDER BY amount IS NULL, amount DESC, funder",
    },
    "projects_of_organisation": {
        "title": "All projects of one organisation",
        "description": "Part of the organisation's name, e.g. Fundacja or Powiat.",
        "sql": "SELECT o.name AS organisation, r.role, pr.name AS project, pr.kind, pr.first_seen, "
               "pr.last_seen, pr.n_pages, o.org_id, pr.project_id FROM organizations o "
               "JOIN roles r ON r.actor_id = o.org_id JOIN projects pr ON pr.project_id = r.project_id "
               "WHERE o.name LIKE '%' || :organisation || '%' ORDER BY o.name, pr.first_seen",
    },
    "partners_abroad": {
        "title": "Partners abroad, by country",
        "sql": "SELECT o.country, o.name AS organisation, group_concat(DISTINCT r.role) AS roles, "
               "count(DISTINCT r.project_id) AS projects, o.n_pages, o.org_id FROM organizations o "
               "JOIN roles r ON r.actor_id = o.org_id WHERE o.country IS NOT NULL AND o.country <> 'PL' "
               "GROUP BY o.org_id ORDER BY o.country, projects DESC, o.name",
    },
    "activities_by_year": {
        "title": "Activities by year",
        "sql": "SELECT substr(a.date_start, 1, 4) AS year, count(*) AS activities, "
               "count(DISTINCT a.project_id) AS projects, group_concat(DISTINCT pr.name) AS project_names "
               "FROM activities a JOIN projects pr ON pr.project_id = a.project_id "
               "GROUP BY 1 ORDER BY 1",
    },
}


@hookimpl
def canned_queries(datasette, database):
    """The queries above, in every database exported by samorzad (it has the lemma index),
    so a plain `datasette samorzad.sqlite` gets them too."""
    async def inner():
        if await datasette.get_database(database).table_exists("pages_lemma_fts"):
            return QUERIES
        return {}
    return inner


# --- entity pages ---------------------------------------------------------------------

def _template_source() -> str:
    return (resources.files("transform") / "templates" / "entity.html").read_text(encoding="utf-8")


def _link(datasette, database, kind, entity_id, label) -> Markup:
    if not entity_id:
        return escape(label or "")
    return Markup('<a href="{}">{}</a>').format(entity_path(datasette, database, kind, entity_id),
                                                 label or entity_id)


def _url(url: str | None) -> Markup:
    return Markup('<a href="{0}" rel="noreferrer">{0}</a>').format(url) if url else Markup("")


def _money(amount, currency) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f}".replace(",", "\u202f") + f" {currency or ''}".rstrip()


async def _rows(db, sql: str, params: dict) -> list:
    return list((await db.execute(sql, params)).rows)


async def _facts_section(datasette, database, db, where: str, params: dict) -> dict:
    rows = await _rows(db, f"SELECT * FROM facts_in_context WHERE {where} "
                           "ORDER BY published, page_id, fact_id", params)
    return {"title": "Facts and their evidence", "id": "facts",
            "columns": ["field", "value", "sentence (evidence highlighted)", "page", "source"],
            "rows": [[r["field"], r["name"] or r["date_start"] or _money(r["value"], r["currency"]),
                      highlighted(r["sentence"], r["mark_start"], r["mark_end"]),
                      _link(datasette, database, "page", r["page_id"], r["page_title"]),
                      _url(r["url"])] for r in rows]}


async def _pages_section(datasette, database, db, entity_id: str) -> dict:
    rows = await _rows(db, "SELECT DISTINCT p.page_id, p.title, p.published, p.url FROM evidence e "
                           "JOIN pages p ON p.page_id = e.page_id WHERE e.entity_id = :id "
                           "ORDER BY p.published, p.page_id", {"id": entity_id})
    return {"title": "Pages", "id": "pages", "columns": ["published", "title", "source"],
            "rows": [[r["published"] or "", _link(datasette, database, "page", r["page_id"], r["title"]),
                      _url(r["url"])] for r in rows]}


async def _mentions(datasette, database, db, entity_id) -> list[dict]:
    """The facts that support an entity (with their sentences) and the pages they are on."""
    return [await _facts_section(datasette, database, db, "fact_id IN (SELECT fact_id FROM evidence "
                                 "WHERE entity_id = :id)", {"id": entity_id}),
            await _pages_section(datasette, database, db, entity_id)]


async def _one(db, table: str, key: str, entity_id: str):
    rows = await _rows(db, f"SELECT * FROM {table} WHERE {key} = :id", {"id": entity_id})
    return rows[0] if rows else None


async def _organization(datasette, database, db, entity_id):
    o = await _one(db, "organizations", "org_id", entity_id)
    if o is None:
        return None
    roles = await _rows(db, "SELECT r.role, r.project_id, pr.name AS project, r.page_id, p.title, "
                            "r.n_pages FROM roles r LEFT JOIN projects pr ON pr.project_id = r.project_id "
                            "LEFT JOIN pages p ON p.page_id = r.page_id WHERE r.actor_id = :id "
                            "ORDER BY r.role, project", {"id": entity_id})
    funds = await _rows(db, "SELECT f.amount, f.currency, g.name AS programme, f.project_id, "
                            "pr.name AS project, f.page_id, p.title FROM fundings f "
                            "LEFT JOIN programmes g ON g.programme_id = f.programme_id "
                            "LEFT JOIN projects pr ON pr.project_id = f.project_id "
                            "LEFT JOIN pages p ON p.page_id = f.page_id WHERE f.funder_id = :id "
                            "ORDER BY f.amount DESC", {"id": entity_id})
    def link(r) -> Markup:  # a role or funding is in a project, or on a page naming none
        if r["project_id"]:
            return _link(datasette, database, "project", r["project_id"], r["project"])
        return _link(datasette, database, "page", r["page_id"], r["title"])

    sections = [
        {"title": "Roles", "id": "roles", "columns": ["role", "in (project or page)", "pages"],
         "rows": [[r["role"], link(r), r["n_pages"]] for r in roles]},
        {"title": "Fundings given", "id": "fundings", "columns": ["amount", "programme", "for (project or page)"],
         "rows": [[_money(r["amount"], r["currency"]), r["programme"] or "", link(r)] for r in funds]},
    ] + await _mentions(datasette, database, db, entity_id)
    facts = [("kind", o["kind"]), ("level", o["level"]), ("country", o["country"]),
             ("other names", ", ".join(_list(o["aliases"]))), ("mentioned on", f"{o['n_pages']} page(s)"),
             ("first seen", o["first_seen"]), ("last seen", o["last_seen"])]
    return "Organisation", o["name"], facts, sections


async def _project(datasette, database, db, entity_id):
    p = await _one(db, "projects", "project_id", entity_id)
    if p is None:
        return None
    acts = await _rows(db, "SELECT a.date_start, a.date_end, pl.name AS place, a.n_pages FROM activities a "
                           "LEFT JOIN places pl ON pl.place_id = a.place_id WHERE a.project_id = :id "
                           "ORDER BY a.date_start", {"id": entity_id})
    roles = await _rows(db, "SELECT r.role, r.actor_type, r.actor_id, coalesce(o.name, pe.name) AS actor, "
                            "r.n_pages FROM roles r LEFT JOIN organizations o ON o.org_id = r.actor_id "
                            "LEFT JOIN people pe ON pe.person_id = r.actor_id WHERE r.project_id = :id "
                            "ORDER BY r.role, actor", {"id": entity_id})
    funds = await _rows(db, "SELECT f.amount, f.currency, f.funder_id, o.name AS funder, g.name AS programme "
                            "FROM fundings f LEFT JOIN organizations o ON o.org_id = f.funder_id "
                            "LEFT JOIN programmes g ON g.programme_id = f.programme_id "
                            "WHERE f.project_id = :id ORDER BY f.amount DESC", {"id": entity_id})
    def actor(r) -> Markup:  # people have no entity page
        if r["actor_type"] == "organization":
            return _link(datasette, database, "organization", r["actor_id"], r["actor"])
        return escape(r["actor"] or "")

    sections = [
        {"title": "Activities", "id": "activities", "columns": ["from", "to", "place", "pages"],
         "rows": [[r["date_start"], r["date_end"], r["place"] or "", r["n_pages"]] for r in acts]},
        {"title": "Roles", "id": "roles", "columns": ["role", "who", "pages"],
         "rows": [[r["role"], actor(r), r["n_pages"]] for r in roles]},
        {"title": "Fundings", "id": "fundings", "columns": ["funder", "programme", "amount"],
         "rows": [[_link(datasette, database, "organization", r["funder_id"], r["funder"]),
                   r["programme"] or "", _money(r["amount"], r["currency"])] for r in funds]},
    ] + await _mentions(datasette, database, db, entity_id)
    facts = [("kind", p["kind"]), ("other names", ", ".join(_list(p["aliases"]))),
             ("mentioned on", f"{p['n_pages']} page(s)"), ("first seen", p["first_seen"]),
             ("last seen", p["last_seen"])]
    return "Project", p["name"], facts, sections


async def _page(datasette, database, db, entity_id):
    p = await _one(db, "pages", "page_id", entity_id)
    if p is None:
        return None
    sections = [await _facts_section(datasette, database, db, "page_id = :id", {"id": entity_id}),
                {"title": "Text", "id": "text", "columns": [], "text": p["text"], "rows": []}]
    facts = [("source", _url(p["url"])), ("site", p["source_id"]), ("published", p["published"])]
    return "Page", p["title"] or p["url"], facts, sections


def _list(value) -> list[str]:
    import json

    if not value:
        return []
    try:
        return [str(v) for v in json.loads(value)]
    except (TypeError, ValueError):
        return [str(value)]


_BUILDERS = {"organization": _organization, "project": _project, "page": _page}


async def entity_view(datasette, request):
    database, kind = request.url_vars["database"], request.url_vars["kind"]
    entity_id = request.url_vars["id"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        raise NotFound(f"no database {database}")
    found = await _BUILDERS[kind](datasette, database, db, entity_id)
    if found is None:
        raise NotFound(f"no {kind} {entity_id} in {database}")
    label, name, facts, sections = found
    template = datasette.jinja_env.from_string(_template_source())
    html = await datasette.render_template(
        template, {"label": label, "name": name, "facts": [(k, v) for k, v in facts if v],
                   "sections": sections, "database": database, "kind": kind,
                   "database_url": datasette.urls.database(database)}, request=request)
    return Response.html(html)


# served by the plugin itself: nothing is fetched from elsewhere
CSS = """mark { background: #ffe066; padding: 0 .1em; }
td.col-sentence, td.col-snippet { min-width: 26em; max-width: 40em; }
td.col-url { min-width: 14em; max-width: 22em; overflow-wrap: anywhere; }
"""


async def css_view():
    return Response(CSS, content_type="text/css; charset=utf-8")


@hookimpl
def register_routes():
    kinds = "|".join(ENTITY_KINDS)
    return [(rf"^/-/entity/(?P<database>[^/]+)/(?P<kind>{kinds})/(?P<id>[^/]+)$", entity_view),
            (r"^/-/samorzad\.css$", css_view)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/samorzad.css")]

