"""`samorzad serve`: the dataset in Datasette, read-only, with Polish search and evidence.

    serve("datasets/samorzad")          # http://127.0.0.1:8001/samorzad
    serve("export/samorzad.sqlite")     # an exported database, served as it is

A dataset folder is exported to SQLite in a temporary folder (removed on exit), so serving
never writes beside the user's data; a `.sqlite`/`.db` file is opened immutable. The
plugin (`transform/datasette_plugin.py`) adds the lemma search functions, the highlighted
evidence, the entity pages and the canned queries; `metadata()` below adds the facets.
"""
from __future__ import annotations

import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from transform.schema import TransformError

DB_NAME = "samorzad"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8001
HIDDEN = ("pages_fts", "pages_lemma_fts", "fact_sentences")

FACETS = {
    "facts_in_context": ["field", "role", "kind", "year", "country"],
    "who_funded": ["funder", "programme", "currency", "year"],
    "who_took_part": ["role", "actor_kind", "country", "project_kind", "year"],
    "organizations": ["kind", "level", "country"],
    "projects": ["kind"],
    "fundings": ["currency"],
    "roles": ["role", "actor_type"],
    "facts": ["field", "role", "kind"],
    "pages": ["source_id", "relevant"],
}


def metadata(db_name: str = DB_NAME) -> dict:
    """Datasette metadata: titles and facets per table (the plugin adds the canned queries)."""
    tables = {name: {"facets": facets} for name, facets in FACETS.items()}
    tables["facts_in_context"].update(
        description="Every fact with the sentence it was read from (evidence highlighted) and "
                    "the page it came from.", sort="published")
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "samorzad: local-government cooperation in Polish news pages",
        "description": "Projects, funders, partners and dates extracted from municipal news, "
                       "each fact with its page and sentence. Start with the search query.",
        "databases": {db_name: {
            "description": "Search the pages with the search query (any form of a Polish word); "
                           "facts_in_context shows each fact in its sentence; who_funded and "
                           "who_took_part list fundings and roles by name; names in "
                           "organizations and projects open a page with everything about them.",
            "tables": tables}},
    }


@contextmanager
def database_for(data: str | Path, progress: bool = False):
    """A SQLite path for `data`: the file itself, or an export of the dataset folder into a
    temporary folder that is removed when the block ends."""
    path = Path(data)
    if path.is_file():
        _check_database(path)
        yield path
        return
    from transform.export import export
    from transform.io import resolve_dataset

    with tempfile.TemporaryDirectory(prefix="samorzad-serve-") as tmp:
        yield Path(export(resolve_dataset(path), "sqlite", Path(tmp) / f"{DB_NAME}.sqlite"))


def _check_database(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise TransformError(f"{path} is not a SQLite database ({e})") from None
    if "pages_lemma_fts" not in names:
        raise TransformError(f"{path} is not a samorzad export with the lemma index; "
                             "make one with `samorzad export --format sqlite`")


def _check_port(host: str, port: int) -> None:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise TransformError(f"cannot listen on {host}:{port} ({e.strerror}); "
                                 "choose another --port or --host") from None


def make_datasette(db_path: Path):
    """A Datasette instance over `db_path` (immutable) with the plugin and metadata."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from transform import datasette_plugin

    if not pm.is_registered(datasette_plugin):  # installed without the entry point
        pm.register(datasette_plugin, name="samorzad")
    return Datasette(immutables=[str(db_path)], metadata=metadata(Path(db_path).stem),
                     settings={"default_page_size": 50, "sql_time_limit_ms": 5000,
                               "num_sql_threads": 2})


def serve(data: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          progress: bool = False, on_ready=None) -> None:
    """Serve `data` (a dataset folder or an exported .sqlite) until interrupted."""
    import asyncio

    import uvicorn

    _check_port(host, port)  # before the export, which can take a while on a big dataset
    with database_for(data, progress=progress) as db_path:
        ds = make_datasette(db_path)
        asyncio.new_event_loop().run_until_complete(ds.invoke_startup())
        if on_ready:
            on_ready(f"http://{host}:{port}/{Path(db_path).stem}")
        uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
