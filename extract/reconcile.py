"""Reconcile: where two annotators read one stretch of text two ways, decide.

Programme vs project: a name the page states as its own initiative ("X to jeden z
programów", a title over "Projekt jest ...") is a project, not the way its money comes;
a funding programme is not also a project (but a programme an organisation runs,
"częścią programu Study Tours to Poland", is both).  Reads the layers "programmes",
"programme_mentions", "projects" and "stated_names"; rewrites the first three.
"""
from __future__ import annotations

from extract.programmes import INITIATIVE_RULES
from extract.projects import STATED_RULES, _prefixed, _same

# programme rules that give way to a name the page states as an initiative of its own
GIVE_WAY = ("funding_programme_after_cue", "initiative_programme")


def annotate(doc) -> None:
    programmes, mentions = doc.layer("programmes"), doc.layer("programme_mentions")
    if any(it["rule"] in GIVE_WAY for it in programmes):
        # "Szkoła X to jeden z programów ..., ze środków Programu „Szkoła X”": the page's own
        # initiative is a project, not the way its money comes
        stated = [sp.attrs["name"] for sp in doc.layer("stated_names")]
        programmes = _not_stated(programmes, stated)
        mentions = _not_stated(mentions, stated)
    doc.layers["programmes"] = programmes
    doc.layers["programme_mentions"] = mentions
    doc.layers["projects"] = _not_programmes(doc.layer("projects"), programmes, mentions)


def _not_stated(items: list[dict], stated: list[str]) -> list[dict]:
    return [it for it in items if it["rule"] not in GIVE_WAY or not any(_same(it["name"], n) for n in stated)]


def _not_programmes(projects: list[dict], programmes: list[dict], mentions: list[dict]) -> list[dict]:
    """The projects that are not one of the funding programmes."""
    paying = [p for p in programmes if p["rule"] not in INITIATIVE_RULES]
    names = [p["name"] for p in paying] + [p["text"] for p in paying]
    spans = [(p["start"], p["end"]) for p in paying]
    # other mentions of them: a project that is mostly one of them ("programu „Polskiej
    # Pomocy”"), not one that holds one ("Wydarzenie Roczne INTERREG")
    mentioned = [(p["start"], p["end"]) for p in mentions if p["rule"] not in INITIATIVE_RULES]
    return [it for it in projects
            if it["rule"] in STATED_RULES  # the programme gave way to it
            or (not any(_same(it["name"], n) or _prefixed(it["name"], n) for n in names)
                and not any(a < it["end"] and it["start"] < b for a, b in spans)
                and not any(2 * (min(b, it["end"]) - max(a, it["start"])) > it["end"] - it["start"]
                            for a, b in mentioned))]
