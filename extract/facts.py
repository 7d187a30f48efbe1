"""The extraction orchestrator: a Page in, one facts record out.

The page is read once into a Doc (extract/doc.py); the annotators below run in this
order, each reading the layers of the stages before it and writing its own, so a fact
can always be traced to the layer and the rule that made it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract import (cues, dates, decide, implied_funders, money, orgs, persons, place_review, places, programmes,
                     projects, reconcile, relevance, roles, unit_participants)
from extract.doc import Doc
from extract.page import Page, page_from_html, page_from_text

FIELDS = ("projects", "dates", "funders", "programmes", "participants", "places", "amounts")

# The pipeline, in order: (annotator, the layers it writes).
PIPELINE = (
    # 1. publication date (doc.published) and dates of the activities
    (dates.annotate, ("dates",)),
    # 2. sums of money
    (money.annotate, ("amounts",)),
    # 3. mentions: organisations, then persons sentence by sentence
    (orgs.annotate, ("orgs",)),
    (persons.annotate, ("persons",)),
    # 4. roles: role cues x mentions -> who pays, who takes part
    (cues.annotate, ("cues",)),
    (roles.annotate, ("funders", "participants", "funder_spans")),
    # 5. named funding programmes and named initiatives, read from the same sentences
    (projects.annotate_sentences, ("name_sentences", "titled")),
    (programmes.annotate, ("programmes", "programme_mentions")),
    (projects.annotate, ("projects", "stated_names")),
    # 6. reconcile: programme vs project
    (reconcile.annotate, ("programmes", "programme_mentions", "projects")),
    # 6b. funders implied by the programme or fund that pays (knowledge tables)
    (implied_funders.annotate, ("funders", "funder_spans")),
    # 6c. Polish local-government units named with no role cue (TERYT table)
    (unit_participants.annotate, ("participants",)),
    # 7. places of the activities and of the participants (not inside a funder's name)
    (places.annotate, ("places",)),
    # 8. places reviewed: no person's name, one row per town, a town abroad with its country
    (place_review.annotate, ("places",)),
    # 9. the decision: a fitted model says which candidate participants and funders stay
    (decide.annotate, ("participants", "funders")),
)


@dataclass(frozen=True)
class Options:
    """Knobs for one extraction run; passed down to every stage."""

    # pages scoring below this are reported as not relevant, with empty lists
    min_relevance: float = 0.5
    # keep facts of irrelevant pages anyway (for debugging a relevance decision)
    keep_irrelevant_facts: bool = False


DEFAULT_OPTIONS = Options()


def annotate(page: Page) -> Doc:
    """The page read once and annotated by every stage of PIPELINE."""
    return _run_pipeline(Doc(page))


def _run_pipeline(doc: Doc) -> Doc:
    for stage, _writes in PIPELINE:
        stage(doc)
    return doc


def extract_facts(page: Page, options: Options | None = None) -> dict:
    options = options or DEFAULT_OPTIONS
    doc = Doc(page)
    # 0. relevance's cue words first: a page that no record could make relevant (no
    # cooperation cue: most of a municipal site's news) is not read for facts at all;
    # only its publication date is.  Its relevance is then that of an empty record.
    evidence = relevance.cue_evidence(page, doc.sentences)
    if not options.keep_irrelevant_facts and relevance.ceiling(evidence) < options.min_relevance:
        dates.annotate_published(doc)
        for name in FIELDS:
            doc.layers[name] = []
    else:
        _run_pipeline(doc)
    record = build_record(doc)
    # 8. relevance: is this page about local-government cooperation at all?
    score = relevance.combine(evidence, record)["score"]
    record["relevant"] = score >= options.min_relevance
    record["relevance"] = round(score, 3)
    if not record["relevant"] and not options.keep_irrelevant_facts:
        for name in FIELDS:
            record[name] = []
    return record


def freeze_loaded() -> None:
    """For a process that reads page after page (``samorzad facts``, ``samorzad extract``):
    call once after the first page, when the rules, tables, caches and morfeusz2
    dictionary are loaded, to take everything alive out of the garbage collector's view
    (``gc.freeze``).  A full collection otherwise walks all of it again, ~20-40 ms each
    time, and the pages' allocations start one every 20-100 pages.  The library never
    calls it on its own: freezing is a decision about the whole process (objects frozen
    are never collected), so only the command-line batch paths take it."""
    import gc

    gc.collect()  # what is garbage now is not kept for ever
    gc.freeze()


def build_record(doc: Doc) -> dict:
    """The facts record of ../shared/eval/ANNOTATION.md from the Doc's layers."""
    page = doc.page
    record: dict = {"path": page.path, "url": page.url, "title": page.title, "published": doc.published}
    for name in ("dates", "amounts", "funders", "participants", "programmes", "projects", "places"):
        record[name] = doc.layer(name)
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
