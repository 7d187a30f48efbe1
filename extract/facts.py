"""The extraction orchestrator: a Page in, one facts record out.

Stages are numbered as they run; each is a pure function of the page (and of the
options object passed down), so a fact can always be traced to the rule that fired.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract import dates, money, places, programmes, projects, relevance, roles
from extract.page import Page, page_from_html, page_from_text

FIELDS = ("projects", "dates", "funders", "programmes", "participants", "places", "amounts")


@dataclass(frozen=True)
class Options:
    """Knobs for one extraction run; passed down to every stage."""

    # pages scoring below this are reported as not relevant, with empty lists
    min_relevance: float = 0.5
    # keep facts of irrelevant pages anyway (for debugging a relevance decision)
    keep_irrelevant_facts: bool = False


DEFAULT_OPTIONS = Options()


def extract_facts(page: Page, options: Options | None = None) -> dict:
    options = options or DEFAULT_OPTIONS
    # 1. publication date: page metadata first, then the head of the text
    published = page.published or dates.find_published(page.text, page.zones, page.title)
    record: dict = {"path": page.path, "url": page.url, "title": page.title, "published": published}
    # 2. dates of the activities (relative years resolve against `published`)
    record["dates"] = dates.find_dates(page, published)
    # 3. sums of money
    record["amounts"] = money.find_amounts(page)
    # 4. organisations and persons in their roles: who pays, who takes part
    record["funders"], record["participants"] = roles.find_actors(page)
    # 5. named funding programmes
    record["programmes"] = programmes.find_programmes(page)
    # 6. named initiatives: projects, seminars, conferences, competitions
    record["projects"] = projects.find_projects(page)
    # 7. places of the activities and of the participants
    record["places"] = places.find_places(page)
    # 8. relevance: is this page about local-government cooperation at all?
    score = relevance.score(page, record)
    record["relevant"] = score >= options.min_relevance
    record["relevance"] = round(score, 3)
    if not record["relevant"] and not options.keep_irrelevant_facts:
        for name in FIELDS:
            record[name] = []
    return record


def read_page(path: str | Path) -> Page:
    """A file as a Page: .html/.htm as HTML, anything else as plain page text.

    Both are decoded alike (declared charset, then detection), so a windows-1250 text
    file reads as Polish; empty and binary files raise NotTextError (a ValueError).
    """
    from extract.decode import check_page_bytes, decode_text

    p = Path(path)
    data = p.read_bytes()
    if p.suffix.lower() in (".html", ".htm"):
        check_page_bytes(data)
        return page_from_html(data, path=str(path))
    return page_from_text(decode_text(data)[0], path=str(path))


def facts_for_file(path: str | Path, options: Options | None = None) -> dict:
    record = extract_facts(read_page(path), options)
    record["path"] = str(path)
    return record
