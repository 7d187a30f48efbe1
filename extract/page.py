"""Stage 1: a page as text.  HTML or plain page text -> Page.

All character offsets in the facts record point into ``Page.text``.  ``zones`` mark the
spans of the text that are the article itself: extractors look only inside them, so
menus, cookie notices, related-news lists, footers and reader comments give no facts.

The same line classifier (``content_zones``) runs on plain page text and on the text
trafilatura extracts from HTML, so both paths drop the same kinds of noise:

1. every line is classified: prose (sentence-like), short (headings, menu labels,
   agenda lines), noise (cue patterns of ``data/noise.toml``: cookie/RODO notices,
   share/print buttons, contact blocks, "today is ..." banners), or a marker (reader
   comments / copyright: all after it is noise; "Zobacz też": a related-news list);
2. the article is the largest cluster of prose, plus (in a block trafilatura chose) any
   other cluster of real paragraphs (split by cue-noise lines and menus, not by headings
   or data);
   it runs from the heading just above its first sentence (or a data table there) to its
   last sentence, minus noise lines and runs of link-like lines (a run whose lines mostly
   hold numbers is a schedule or results table, not a menu);
3. after the last sentence the article's lists, tables and agendas stay and, in a
   chosen block, everything up to the first cue of the page's footer (noise, comments,
   a copyright line with no more prose after it than before); in a whole page's text
   only a closing line.

In a chosen block a line that is noise only by its shape (a title-case list item, a
sentence saying "cookie-cutter") stays where the article's lines surround it, the lines
between the page's own heading and the first sentence stay, and a block that is mostly
not sentences (a listing, a catalogue, a price table) keeps all but its cue noise.  On a
page with a <pre>, runs of indented lines (preformatted text: trafilatura keeps its
indentation) are data, neither menus nor the page's end.

HTML is decoded (``decode.py``), parsed once with lxml; scripts and styles leave the tree
and layout tables (a cell holding an article's worth of text) become divs, data tables
(short cells, or rows of one width) stay tables; trafilatura reads that tree with its
fallbacks on (its own cascade, its re:test expressions guarded: ``cascade.py``); a lead it
left out is put back; title and publication date come from the page's metadata and visible heading (an
<h1>, or in layouts without one the element holding the <title>'s article part).
Quality against plain trafilatura: ``benchmarks/bench_maintext.py``, figures in
docs/benchmarks.md.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

from extract import cascade
from extract.decode import decode_html
from extract.matcher import Matcher

_NOISE = Path(__file__).parent / "data" / "noise.toml"


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD of the page itself
    url: str | None = None
    path: str | None = None
    encoding: str | None = None
    # spans of ``text`` that are main content; extractors look only inside them.
    # Left out (None) it means the whole text; an explicit [] means "nothing is content".
    zones: list[tuple[int, int]] = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.zones is None:
            self.zones = [(0, len(self.text))]


# --------------------------------------------------------------------------- cue data

@dataclass(frozen=True)
class _Cues:
    whole_line: re.Pattern
    strong: Matcher
    weak: Matcher
    comments: re.Pattern
    related: re.Pattern
    banner: Matcher
    agenda: re.Pattern
    teaser_end: re.Pattern
    page_end: re.Pattern


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = tomllib.loads(_NOISE.read_text(encoding="utf-8"))

    def alt(key: str) -> re.Pattern | Matcher:
        if key in _SEARCHED:  # one rule per pattern: one big alternation is many times slower
            return Matcher(((key, p) for p in data[key]), re.I)
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.I)

    return _Cues(**{key: alt(key) for key in _Cues.__dataclass_fields__})


_SEARCHED = ("strong", "weak", "banner")  # searched anywhere in a line, not matched at its start


# ------------------------------------------------------------------ line classification

_WORD = re.compile(r"[^\W\d_]+")
_SENT_END = re.compile(r"[.!?…][\"'”»)]*$")
# a sentence boundary inside a line: a word of 3+ letters, a full stop, a capital
_SENT_INSIDE = re.compile(r"[^\W\d_]{3}[.!?][\"'”»)]?\s+[\"„]?[A-ZĄĆĘŁŃÓŚŹŻ]")
_DATE_ONLY = re.compile(
    r"^(\w+,?\s+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(\s*(r\.|roku))?(,?\s+(godz\.\s*)?\d{1,2}:\d{2})?$"
    r"|^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$", re.I)
# "Dziś jest środa, 8 listopada 2023" / "poniedziałek, 6 maja 2024 05:02": the page's clock
_TODAY_BANNER = re.compile(
    r"^(dzisiaj|dziś|dzis)\b|^(poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)\b", re.I)
# an author's initials or a photo credit closing a paragraph: "... Wolności. (red)"
_SIGNATURE = re.compile(r"(\s*\((red|red\.|[a-ząćęłńóśźż]{1,4}|[A-ZŁŚŻ]{1,3})\))?(\s*(fot|foto|zdj)\.?:?\s[^.]{0,60})?$")
_LABEL = re.compile(r"^[\w ]{2,30}:\s*\S")  # "Kategoria: Aktualności", "Odsłony: 12"
_BULLET = re.compile(r"^[\s•·●▪►»>*–—-]+")
_ITEM = re.compile(r"^([•·●▪►*–—-]|\d{1,2}[.)]|[a-z]\))\s+\S|.*[,;]$")

# kinds of line
PROSE, SHORT, NOISE, COMMENT, RELATED, BANNER, BLANK, TEASER_END, PAGE_END = (
    "prose", "short", "noise", "comment", "related", "banner", "blank", "teaser_end", "page_end")


@dataclass(frozen=True)
class _Line:
    start: int  # offsets of the stripped line in the text
    end: int
    kind: str
    agenda: bool = False
    listy: bool = False  # short, capitalised, no sentence end: a candidate menu/link item
    item: bool = False  # an item of the article's own list: bulleted, or ending in "," / ";"
    intro: bool = False  # ends with ":" (introduces a list: "W spotkaniu udział wzięli:")
    row: bool = False  # a row of a data table ("| Termin | Miejsce |")
    digit: bool = False  # holds a number: a date, an amount, a score
    price: bool = False  # names a price ("From $29.00", "179 zł")
    phrase: bool = False  # three or more words, mostly lower-case: part of a sentence, not a label
    # noise by its shape alone (a bar of capitalised labels, a contact-like line) or a long
    # sentence naming a notice word ("cookie-cutter", "copyright law"): an article's own
    # line when it stands among the article's lines ("bar", "contact" or "sentence"; "" if not)
    doubt: str = ""
    indented: bool = False  # starts with spaces (preformatted text)


def _is_prose(line: str, words: list[str]) -> bool:
    """Sentence-like text: enough words, mostly lower case, sentence punctuation.

    Headlines and link labels have no final full stop, so without one a line needs to be
    long to count (wrapped paragraphs are; a list of other articles' titles is not).
    """
    n = len(words)
    if n < 4:
        return False
    lower = _lower_share(words)
    if _SENT_END.search(line):  # names weigh heavy in Polish news sentences: few lower-case words
        return (n >= 5 and lower >= 0.15) or (n >= 4 and lower >= 0.5)
    if _SENT_INSIDE.search(line) and n >= 10 and lower >= 0.4:
        return True
    return (n >= 16 and lower >= 0.5) or (n >= 24 and lower >= 0.35)


# scripts without letter case (Arabic, Hebrew, Indic, Thai, Chinese, Japanese, Korean):
# case tells nothing there, and in some a sentence is one long "word"
_CASELESS = re.compile(r"[\u0590-\u06ff\u0900-\u0dff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff"
                       r"\uac00-\ud7af\ufb1d-\ufdff\ufe70-\ufeff]")
_CASELESS_SENTENCE = 20  # characters of such script in a line: a sentence, not a label


def _caseless_prose(line: str) -> bool:
    return len(_CASELESS.findall(line)) >= _CASELESS_SENTENCE if _CASELESS.search(line) else False


_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s")  # "1) ...", "2. ...": the article's own numbered list
_FUNCTION_WORDS = frozenset("W Z I NA DO SIĘ DLA OD PO ZA O ORAZ A U PRZY PRZEZ JEST ZE WE".split())


def _lower_share(words: list[str]) -> float:
    return sum(1 for w in words if w[0].islower()) / len(words) if words else 0.0


def _is_bar(words: list[str], line: str) -> bool:
    """One long line of capitalised link labels with no punctuation ("ePUAP Facebook BIP ...")."""
    if len(words) < 6 or re.search(r"[.!?,;:]", line) or _CASELESS.search(line):
        return False
    if line.isupper() and any(w in _FUNCTION_WORDS for w in words):
        return False  # an all-caps headline ("RADNI UCZĄ SIĘ W POWIECIE"), not link labels
    caps = sum(1 for w in words if not w[0].islower())
    return caps / len(words) >= 0.7


_SYMBOLS_ONLY = re.compile(r"^[\W_]*$")  # separators, bullets, icons: no digit, no letter
_TABLE_ROW = re.compile(r"^\|.*\|$")
_NOTICE_WORDS = 80  # a cookie/copyright notice is short; a longer line is a paragraph that mentions one
_DOUBT_WORDS = 20  # a sentence this long naming a notice word may be the article's ("cookie-cutter")


def _classify(line: str, cues: _Cues) -> tuple[str, bool, bool, bool, str]:
    """(kind, agenda, listy, item, doubt) of one stripped, non-empty line."""
    item = bool(_ITEM.match(line))
    core = _BULLET.sub("", line).strip().rstrip(":").strip()
    if core.endswith(")") or "fot" in core or "zdj" in core:
        core = _SIGNATURE.sub("", core) or core
    words = _WORD.findall(core)
    if cues.teaser_end.fullmatch(core):
        return TEASER_END, False, False, item, ""
    if cues.comments.fullmatch(core) or cues.comments.match(core) and "komentarza" in core.lower():
        return COMMENT, False, False, item, ""
    if len(words) <= _NOTICE_WORDS // 4 and cues.page_end.fullmatch(core):
        return PAGE_END, False, False, item, ""  # like a comments marker: nothing after it is content
    if _TABLE_ROW.match(core) and not cues.strong.search(core):
        return SHORT, False, False, item, ""  # a row of a data table ("| 2. | LG Staufen | 53,84 |")
    if len(words) <= 8 and cues.related.fullmatch(core):
        return RELATED, False, False, item, ""
    if cues.whole_line.fullmatch(core):
        return NOISE, False, False, item, ""
    if len(words) <= _NOTICE_WORDS and cues.strong.search(core):
        sentence = len(words) >= _DOUBT_WORDS and _is_prose(core, words)
        return NOISE, False, False, item, "sentence" if sentence else ""
    if _DATE_ONLY.match(core) or (_TODAY_BANNER.match(core) and len(words) <= 6):
        return NOISE, False, False, item, ""
    if not words:  # a year, a score, a figure are data; separators and icons are not
        return (NOISE if _SYMBOLS_ONLY.match(core) else SHORT), False, False, item, ""
    agenda = len(words) <= 8 and bool(cues.agenda.match(core.lstrip("| ")))
    prose = _is_prose(core, words) or _caseless_prose(core)
    contact = (not prose or len(words) < 15) and len(words) <= _NOTICE_WORDS and cues.weak.search(core)
    # a numbered item or a line introducing a list ("Tour dates:") is no bar of link labels
    if contact or (not prose and not _NUMBERED.match(line) and not line.endswith(":")
                   and _is_bar(words, core)):
        return NOISE, False, False, item, "contact" if contact else "bar"
    if prose and len(words) <= 40 and cues.banner.search(core):
        return BANNER, False, False, item, ""
    if prose or (line.endswith(":") and len(words) >= 3 and _lower_share(words) >= 0.5):
        return PROSE, False, False, item, ""  # a sentence, or one introducing the article's own list
    # menu labels and headlines are capitalised and unbulleted; a table row
    # ("| 6 grudnia | Warsztaty | Opole |") is data, not a link label
    listy = (not agenda and not item and len(words) <= 10 and not _SENT_END.search(core)
             and "|" not in core and (core[:1].isupper() or core[:1].isdigit()))
    return SHORT, agenda, listy, item, ""


def _is_phrase(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= 3 and _lower_share(words) >= 0.5


def _lines(text: str, pre: bool = False) -> list[_Line]:
    cues = _cues()
    out = []
    pos = 0
    for raw in text.split("\n"):
        at, pos = pos, pos + len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            if out and out[-1].kind != BLANK:
                out.append(_Line(at, at, BLANK))
            continue
        start = at + (len(raw) - len(raw.lstrip()))
        kind, agenda, listy, item, doubt = _classify(stripped, cues)
        out.append(_Line(start, start + len(stripped), kind, agenda, listy, item,
                         intro=stripped.endswith(":"), row=bool(_TABLE_ROW.match(stripped)),
                         digit=bool(_DIGIT.search(stripped)), price=bool(_PRICE.search(stripped)),
                         phrase=_is_phrase(stripped),
                         doubt=doubt, indented=raw.startswith(_INDENT)))
    if pre:
        _mark_preformatted(out)
    return _join_wrapped(text, out, cues)


def _mark_preformatted(lines: list[_Line]) -> None:
    """Lines of preformatted text (code, a config listing, a man page) on a page that has
    some: trafilatura keeps the indentation of a <pre>'s lines, and they come in runs.
    An indented line next to another one is data, neither a menu label nor a line of
    noise by its shape or its date (a listing's "Copyright 2005 ..." line is the
    document's, not the page's end)."""
    solid = [i for i, ln in enumerate(lines) if ln.kind != BLANK]
    for a, b in zip(solid, solid[1:]):
        if lines[a].indented and lines[b].indented:
            for i in (a, b):  # cue words ("Tweet") and separators stay noise
                if lines[i].listy or lines[i].kind == PAGE_END \
                        or lines[i].kind == NOISE and (lines[i].digit or lines[i].doubt):
                    lines[i] = replace(lines[i], kind=SHORT, listy=False, doubt="")


_INDENT = "  "  # two spaces: trafilatura keeps the indentation of preformatted text

_WRAP_WORDS = 4  # words a hard-wrapped paragraph's first line has at least
_OPEN_END = re.compile(r"[^.!?…:;\"”»)]$")  # a line that stops mid-sentence


def _join_wrapped(text: str, lines: list[_Line], cues: _Cues) -> list[_Line]:
    """A paragraph hard-wrapped into lines (<br> inside a sentence, old CMSes, pasted
    text) reads as short fragments; a line that stops mid-sentence followed by one that
    goes on in lower case is one paragraph with it, and if that is prose, so are its
    short fragments."""
    i = 0
    while i < len(lines) - 1:
        j = i
        while j + 1 < len(lines) and lines[j + 1].kind != BLANK and lines[j].kind != BLANK \
                and _OPEN_END.search(text[lines[j].start:lines[j].end]) \
                and text[lines[j + 1].start:lines[j + 1].start + 1].islower():
            j += 1
        if j > i and len(_WORD.findall(text[lines[i].start:lines[i].end])) < _WRAP_WORDS:
            i += 1  # a label ("Tags") followed by lower-case words is no sentence cut short
            continue
        if j > i and _classify(" ".join(text[ln.start:ln.end] for ln in lines[i:j + 1]), cues)[0] == PROSE:
            for k in range(i, j + 1):
                if lines[k].kind == SHORT:
                    lines[k] = replace(lines[k], kind=PROSE, listy=False)
        i = j + 1
    return lines


# ------------------------------------------------------------------------ zone finding

_MIN_LINK_RUN = 4  # this many short capitalised lines in a row are a link list
_PRICED_RUN = 2  # prices in or between a run of short lines: names and prices of items
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d(?:[.,]\d\d)?\s?(?:zł|PLN|EUR|USD|GBP|€|£)(?!\w)")
_MAX_LIST = 30  # lines of a list after the article's last sentence, at most
_RESUME_CHARS = 300  # a paragraph this long after a related-news heading is no teaser


def _mark_related(lines: list[_Line]) -> list[str]:
    """Kinds after related-news sections are resolved: their titles and teasers -> noise.

    A related heading opens a noise section; it closes when the article's prose comes
    back: two prose paragraphs in a row, or one long one (teasers are one short paragraph).
    """
    kinds = [ln.kind for ln in lines]
    i = 0
    while i < len(lines):
        if kinds[i] != RELATED:
            i += 1
            continue
        kinds[i] = NOISE
        j = i + 1
        while j < len(lines):
            if kinds[j] in (RELATED, COMMENT, PAGE_END):
                break
            if kinds[j] == PROSE and _prose_resumes(lines, kinds, j):
                break
            if kinds[j] != BLANK:
                kinds[j] = NOISE
            j += 1
        i = j
    return kinds


def _prose_resumes(lines: list[_Line], kinds: list[str], j: int) -> bool:
    chars = lines[j].end - lines[j].start
    if chars >= _RESUME_CHARS:
        return True
    nxt = next((k for k in kinds[j + 1:] if k != BLANK), None)
    return nxt == PROSE


def _mark_link_runs(lines: list[_Line], kinds: list[str], keep: int | None, selected: bool = False) -> None:
    """Runs of >= 4 short link-like lines are link lists (menus, "see also" titles).

    Known menu labels ("Aktualności", "Kontakt") before or inside a run count towards
    it, those after it do not (a gallery/footer cue after an agenda is no menu).  Agenda
    lines, prose and the title line ``keep`` break a run; in a chosen block so does a
    sentence that is noise only for naming a notice word.
    """
    run: list[int] = []
    cued = pending = 0
    introduced = False  # the run follows "...:", a list the article itself introduces
    before: _Line | None = None  # the line right above the run, if no noise came between
    prev: _Line | None = None
    last_prose = max((i for i, k in enumerate(kinds) if k == PROSE), default=-1)
    for i, ln in enumerate(lines + [_Line(0, 0, PROSE)]):
        k = kinds[i] if i < len(lines) else PROSE
        if k == BLANK:
            continue
        if k == SHORT and ln.listy and i != keep:
            if not run:
                introduced = prev is not None and prev.intro and pending == 0
                before = prev if pending == 0 else None
            run.append(i)
            cued, pending = cued + pending, 0
            prev = ln
            continue
        if k == NOISE and not (selected and ln.doubt == "sentence"):
            pending += 1
            prev = ln
            continue
        after = ln if i < len(lines) else None
        if len(run) + cued >= _MIN_LINK_RUN and len(run) >= 2 and not introduced \
                and not _data_run(lines, run) \
                and not (selected and _own_list(lines, run, before, after, cued + pending, i < last_prose)):
            for r in run:
                kinds[r] = NOISE
        run, cued, pending, prev = [], 0, 0, ln


def _data_run(lines: list[_Line], run: list[int]) -> bool:
    """A run whose lines mostly hold numbers is a schedule or results (or names and
    prices in turn), and one naming two prices a product grid or a price table: menus
    name no prices."""
    return 2 * sum(lines[r].digit for r in run) >= len(run) \
        or sum(lines[r].price for r in run) >= _PRICED_RUN


def _content_line(ln: _Line | None) -> bool:
    """A sentence, or a longer line of the article that is neither a label nor a table row."""
    return ln is not None and (ln.kind == PROSE or ln.kind == SHORT and not ln.row and not ln.listy)


def _own_list(lines: list[_Line], run: list[int], before: _Line | None, after: _Line | None,
              cued: int, inside: bool) -> bool:
    """A run of a chosen block whose items read as phrases of a sentence ("Access to all
    live classes", "New factions, enemies, and wildlife"), not as labels or names, is the
    article's own list when the article introduces it ("Membership includes:") and goes
    on right after it, or when it stands inside the article: the article's lines right
    above and below it (``_content_line``), no menu cue among it, and prose further down
    (``inside``).  Menus are labels; sentence-case link lists ("Follow us on Twitter")
    stand after the last sentence."""
    if after is None or 2 * sum(lines[r].phrase for r in run) < len(run):
        return False
    if lines[run[0]].intro and after.kind in (PROSE, SHORT):
        return True
    return not cued and inside and _content_line(before) and _content_line(after)


_TITLE_REACH = 6  # the title is among this many lines above the first sentence


def _title_index(lines: list[_Line], kinds: list[str], first: int, text: str) -> int | None:
    """The heading just before the first prose line: a short line, not a meta/date line."""
    seen = 0
    for i in range(first - 1, -1, -1):
        if kinds[i] == BLANK:
            continue
        seen += 1
        if seen > _TITLE_REACH or kinds[i] not in (NOISE, SHORT):
            return None
        line = text[lines[i].start:lines[i].end]
        if kinds[i] == NOISE:
            if seen <= _HEADLINE_REACH and _is_headline_bar(line):
                return i
            continue
        # one word is a menu label or section name, not an article title; a bulleted
        # line is a breadcrumb or category list ("- Aktualności strona główna")
        if len(_WORD.findall(line)) < 2 or lines[i].item or lines[i].row \
                or _between_meta(lines, kinds, i, text):
            continue
        return i
    return None


_HEADLINE_REACH = 2  # a capitalised headline is the title only right above the article
_HEADLINE_JOINERS = frozenset("w we z ze o i oraz na do dla od po przez pod nad "
                              "and of the in for to on with at by from a an".split())
_CRUMB = re.compile(r"[»›>|/•·]")


def _is_headline_bar(line: str) -> bool:
    """A headline in title case ("XXVIII Zgromadzenie Ogólne Związku Powiatów w Opolu")
    looks like a bar of link labels to _is_bar; right above the article, with a lower-case
    joining word between its capitalised ones and no cue of a menu, it is the title."""
    words = _WORD.findall(line)
    if not 6 <= len(words) <= 16 or _CRUMB.search(line) or not _is_bar(words, line):
        return False
    cues = _cues()
    if cues.whole_line.fullmatch(line) or cues.strong.search(line) or cues.weak.search(line):
        return False
    return any(w in _HEADLINE_JOINERS for w in words)


def _between_meta(lines: list[_Line], kinds: list[str], i: int, text: str) -> bool:
    """An author's name between "Opublikowano: ..." and "Odsłony: ..." is not a title."""
    if len(_WORD.findall(text[lines[i].start:lines[i].end])) > 3:
        return False

    def neighbour(step: int) -> bool:
        j = i + step
        while 0 <= j < len(lines) and kinds[j] == BLANK:
            j += step
        if not 0 <= j < len(lines):
            return False
        return kinds[j] == NOISE and bool(_LABEL.match(text[lines[j].start:lines[j].end]))
    return neighbour(-1) and neighbour(1)


def _analyse(text: str, selected: bool = False, heads: frozenset[str] = frozenset(), pre: bool = False
             ) -> tuple[list[tuple[int, int]], int | None, list[_Line]]:
    """(zones, index of the title line or None, lines) of a page's text.

    ``selected``: the text is a main-content block already chosen from the page (by
    trafilatura): other paragraph regions and whatever follows the last sentence up to
    the first footer cue belong to the article, and so do its lines between the page's
    heading (a line whose text is in ``heads``) and the first sentence.  A whole page's
    text keeps only its largest region and what surely closes it.  ``pre``: the page has
    preformatted text, whose indented lines are data (``_mark_preformatted``)."""
    lines = _lines(text, pre)
    kinds = _mark_related(lines)
    if PROSE not in kinds:  # a "see also" heading swallowed every sentence: it was wrong
        kinds = [ln.kind for ln in lines]
    prose = [i for i, k in enumerate(kinds) if k == PROSE]
    # reader comments: from the first marker after the article began, all is noise
    if prose:
        cut = next((i for i in range(prose[0], len(lines)) if kinds[i] == COMMENT
                    or kinds[i] == PAGE_END and not (selected and _more_prose_after(lines, kinds, i))), None)
        if cut is not None:
            kinds[cut:] = [NOISE if k != BLANK else BLANK for k in kinds[cut:]]
    if prose:
        _cut_teasers(lines, kinds, prose[0])
    kinds = [NOISE if k in (COMMENT, RELATED, TEASER_END, PAGE_END) else k for k in kinds]
    prose = [i for i, k in enumerate(kinds) if k == PROSE]
    if selected and _item_page(lines, kinds):
        # a listing, a catalogue, a price table: trafilatura chose a block of items, not an
        # article, and a short item is no menu label there; only cue noise leaves
        keep = [i for i, k in enumerate(kinds) if k in (PROSE, SHORT, BANNER)
                or k == NOISE and lines[i].kind == NOISE and lines[i].doubt]
        return _spans(lines, keep), _title_index(lines, kinds, prose[0], text) if prose else None, lines
    if not prose:  # no article prose at all: keep what is not noise
        _mark_link_runs(lines, kinds, None)
        keep = [i for i, k in enumerate(kinds) if k in (SHORT, BANNER)]
        return _spans(lines, keep), None, lines
    runs = list(kinds)
    _mark_link_runs(lines, runs, None, selected)  # menus split page regions; the title is found later
    first, last = _article_span(lines, runs if selected else kinds, prose, selected)
    title = _title_index(lines, kinds, first, text)
    _mark_link_runs(lines, kinds, title, selected)
    first = _table_above(lines, kinds, first)
    # a funding statement right after the article (at most one button line between) is
    # the article's own; banners further down, after menus and addresses, are the footer's
    j, between = last + 1, 0
    while j < len(lines) and kinds[j] in (BLANK, BANNER, NOISE) and between <= 1:
        if kinds[j] == BANNER:
            last, between = j, 0
        between += kinds[j] == NOISE
        j += 1
    keep = [i for i in range(first, last + 1) if kinds[i] in (PROSE, SHORT, BANNER)
            or kinds[i] == NOISE and (_subheading(lines, kinds, i, text)
                                      or selected and _among_article(lines, kinds, i))]
    if title is not None:
        keep.insert(0, title)
    keep += _below_heading(lines, kinds, first, text, heads)
    keep += _agenda_tail(lines, kinds, last, selected)
    return _spans(lines, keep), title, lines


_ITEM_PAGE = 0.3  # share of a chosen block's characters in sentences below which it is a list of items


def _item_page(lines: list[_Line], kinds: list[str]) -> bool:
    """Little of the block is sentences: a page of items (products, links, prices)."""
    total = sum(ln.end - ln.start for ln in lines)
    return sum(ln.end - ln.start for ln, k in zip(lines, kinds) if k == PROSE) < _ITEM_PAGE * total


_OWN_AFTER = 0.5  # prose after a copyright line, against the prose before it, to be the article's


def _more_prose_after(lines: list[_Line], kinds: list[str], i: int) -> bool:
    """A copyright line inside a chosen block with more prose after it than before it
    (up to the next such cue) is the article's own ("© 2003 J. Doe" under a headline, a
    standard's "Copyright Notice"), not the page's last line.  So is one the article's
    paragraphs go on right after, with at least half as much prose as came before (a
    figure's credit, "Copyright Aetna, Inc., 1992. Used with permission")."""
    def chars(rng) -> int:
        return sum(lines[j].end - lines[j].start for j in rng if kinds[j] == PROSE)

    end, seen = len(lines), False  # up to the next such cue (a notice may take two lines)
    for j in range(i + 1, len(lines)):
        if seen and kinds[j] in (COMMENT, PAGE_END):
            end = j
            break
        seen = seen or kinds[j] == PROSE
    nxt = next((j for j in range(i + 1, len(lines)) if kinds[j] != BLANK), None)
    share = _OWN_AFTER if nxt is not None and kinds[nxt] == PROSE else 1.0
    return chars(range(i + 1, end)) > max(_OWN_REGION, share * chars(range(i)))


def _below_heading(lines: list[_Line], kinds: list[str], first: int, text: str, heads: frozenset[str]
                   ) -> list[int]:
    """Lines between the page's own heading and the article's first sentence (a subtitle,
    a schedule, formulas, a product's facts) that are neither noise nor menu runs."""
    top = next((i for i in range(first) if kinds[i] != BLANK and lines[i].end - lines[i].start < 300
                and _norm(text[lines[i].start:lines[i].end]) in heads), None) if heads else None
    return [] if top is None else [i for i in range(top + 1, first) if kinds[i] in (PROSE, SHORT)]


def _among_article(lines: list[_Line], kinds: list[str], i: int) -> bool:
    """A doubtful noise line (see ``_Line.doubt``) with the article's lines on both sides,
    past any doubtful neighbours, is the article's: a title-case subheading or list item
    ("- Performance Tuning PostgreSQL by Frank Wiles"), a sentence saying "cookie-cutter".
    Menus, related-news lists and cue notices are not doubtful and part the article."""
    def side(step: int) -> bool:
        j = i + step
        while 0 <= j < len(lines) and (kinds[j] == BLANK or kinds[j] == NOISE and lines[j].doubt):
            j += step
        return 0 <= j < len(lines) and kinds[j] in (PROSE, SHORT)

    return lines[i].doubt and lines[i].kind == NOISE and side(-1) and side(1)


def _subheading(lines: list[_Line], kinds: list[str], i: int, text: str) -> bool:
    """A title-case line between two paragraphs of the article ("Satechi 72W USB-C Car
    Charger") looks like a bar of link labels, but a menu never stands between two
    sentences of one article: with no cue of chrome in it, it is a subheading."""
    def neighbour(step: int) -> str | None:
        j = i + step
        while 0 <= j < len(lines) and kinds[j] == BLANK:
            j += step
        return kinds[j] if 0 <= j < len(lines) else None

    if neighbour(-1) != PROSE or neighbour(1) != PROSE:
        return False
    line = text[lines[i].start:lines[i].end]
    cues = _cues()
    return 3 <= len(_WORD.findall(line)) <= 16 and not (
        cues.whole_line.fullmatch(line) or cues.strong.search(line) or cues.weak.search(line))


def _table_above(lines: list[_Line], kinds: list[str], first: int) -> int:
    """The article starts at a data table right above its first sentence (a product's or
    event's facts), as it goes on through one right after its last."""
    for i in range(first - 1, -1, -1):
        if kinds[i] == BLANK:
            continue
        if kinds[i] != SHORT or not lines[i].row:
            break
        first = i
    return first


_OWN_REGION = 250  # characters of prose: more than a site slogan or a single teaser
_MAX_GAP = 5  # noise or link-like lines between two paragraphs of one article, at most


def _article_span(lines: list[_Line], kinds: list[str], prose: list[int], selected: bool
                  ) -> tuple[int, int]:
    """First and last prose line of the article: the largest cluster of prose.

    Paragraphs separated by more than a few menu/noise lines belong to different page
    regions (a site slogan above the menu, a teaser below the footer); the article is
    the region with the most prose.
    """
    clusters: list[list[int]] = [[prose[0]]]
    for a, b in zip(prose, prose[1:]):
        # in a block trafilatura chose, headings, short data lines and lines that only
        # look like noise (title-case list items) do not part regions
        gap = sum(1 for i in range(a + 1, b) if kinds[i] == NOISE and not (selected and lines[i].doubt)
                  or (not selected and kinds[i] == SHORT and lines[i].listy))
        if gap > _MAX_GAP:
            clusters.append([])
        clusters[-1].append(b)
    size = [sum(lines[i].end - lines[i].start for i in c) for c in clusters]
    # the largest region is the article; another region of real paragraphs (not a slogan
    # or one teaser) is the article's too: trafilatura already chose the page's main block
    own = [c for c, n in zip(clusters, size) if (selected and n >= _OWN_REGION) or n == max(size)]
    return own[0][0], own[-1][-1]


def _cut_teasers(lines: list[_Line], kinds: list[str], first: int) -> None:
    """A list of other articles without a heading, each teaser closed by "Czytaj więcej".

    With two such closers after the article began, everything from the first teaser's
    title (the nearest link-like line before the first closer) on is noise.
    """
    ends = [i for i in range(first, len(lines)) if kinds[i] == TEASER_END]
    if len(ends) < 2:
        return
    cut = ends[0]
    for i in range(ends[0] - 1, first, -1):
        if kinds[i] == SHORT and lines[i].listy:
            cut = i
            break
        if kinds[i] == PROSE and lines[i].end - lines[i].start > 400:
            break  # reached the article's own long paragraphs: no title found
    kinds[cut:] = [k if k == BLANK else NOISE for k in kinds[cut:]]


def _agenda_tail(lines: list[_Line], kinds: list[str], last: int, selected: bool) -> list[int]:
    """Lines after the article's last prose that still belong to it.

    The article's own list (after "...:" or bulleted/comma-ended items) and an agenda
    ("Grudzień 2014 / KRAKÓW / KONFERENCJA") stay; anything else after the last prose
    is the page's footer.  In a chosen block a title-case heading between two bulleted
    lists (a list article's next list) stays too; one right after a sentence does not
    (a "More from this series" heading over links).
    """
    def kept(i: int) -> bool:  # in a chosen block, a bulleted title-case line is a list item too
        return kinds[i] in (SHORT, PROSE) or selected and kinds[i] == lines[i].kind == NOISE \
            and (lines[i].item and lines[i].doubt or lines[i].doubt == "bar" and heads_list(i))

    def heads_list(i: int) -> bool:  # a title-case heading between two bulleted lists
        def item(j: int | None) -> bool:
            return j is not None and lines[j].item and kinds[j] in (SHORT, PROSE)
        return item(next((j for j in range(i - 1, -1, -1) if kinds[j] != BLANK), None)) \
            and item(next((j for j in range(i + 1, len(lines)) if kinds[j] != BLANK), None))

    items: list[int] = []
    intro = lines[last].intro
    for i in range(last + 1, min(len(lines), last + 1 + _MAX_LIST)):
        if kinds[i] == BLANK:
            if not all(lines[j].item for j in items):
                break  # an unbulleted list introduced by "...:" ends at its first gap
            continue
        if not kept(i) or not (lines[i].item or intro):
            break
        items.append(i)
    if items:
        return items + _agenda_tail(lines, kinds, items[-1], selected)
    tail: list[int] = []
    for i in range(last + 1, len(lines)):
        if kinds[i] == BLANK:
            continue
        if not kept(i):
            break  # the first cue of footer/gallery/banner ends the article
        tail.append(i)
    if selected or sum(1 for i in tail if lines[i].agenda) >= 2:
        return tail
    # in a whole page's text only a short closing line ("Zapraszamy!") surely belongs
    return tail[:1] if tail and kinds[tail[0]] == SHORT and not lines[tail[0]].listy else []


def _spans(lines: list[_Line], keep: list[int]) -> list[tuple[int, int]]:
    """Kept lines as zones: adjacent lines (no blank line between) form one zone."""
    zones: list[tuple[int, int]] = []
    prev = None
    for i in sorted(set(keep)):
        ln = lines[i]
        if prev is not None and zones and all(lines[j].kind != BLANK for j in range(prev + 1, i)) \
                and i - prev == 1:
            zones[-1] = (zones[-1][0], ln.end)
        else:
            zones.append((ln.start, ln.end))
        prev = i
    return zones


def content_zones(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are article content (see the module docstring)."""
    return _analyse(text)[0]


# ------------------------------------------------------------------------------ pages

def page_from_text(text: str, *, url: str | None = None, path: str | None = None) -> Page:
    """Plain page text with its noise still in; ``text`` is kept exactly as given."""
    zones, title_i, lines = _analyse(text)
    title = None
    if title_i is not None:
        title = text[lines[title_i].start:lines[title_i].end]
    return Page(text=text, title=title, url=url, path=path, zones=zones)


@lru_cache(maxsize=None)
def _compiled_xpath(expr: str):
    from lxml import etree

    return etree.XPath(expr)


def _xpath(el, expr: str) -> list:
    """``el.xpath(expr)`` with the expression compiled once, not on every page."""
    return _compiled_xpath(expr)(el)


@lru_cache(maxsize=1)
def _extractor():
    """trafilatura's options, built once: building them parses its config file each time."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=False, precision=False, comments=False,
                     tables=True, links=False, images=False, with_metadata=False)


@lru_cache(maxsize=1)
def _html_parser():
    """trafilatura's HTML parser (same options, same element classes), but with the
    element classes looked up in C.

    lxml.html finds the Python class of an element (HtmlElement, FormElement, ...) with a
    Python method called each time an element is handed to Python; trafilatura's
    cascade (readability walks every element several times) hands over thousands per
    page, and those calls were ~4 % of the page step.  A namespace-registry lookup gives
    the same classes by tag name without calling Python (the HTML parser lower-cases tag
    names, which lxml.html's lookup does for itself)."""
    from lxml import etree
    from lxml import html as lxml_html

    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    by_tag = lookup.get_namespace(None)
    for tag, cls in lxml_html.HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = cls
    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(lookup)
    return parser


def _load_html(html: str):
    """``trafilatura.utils.load_html(html)`` for a decoded page, step by step the same
    (repair, parse the string, else its UTF-8 bytes; a page with no <html> that parses to
    fewer than two elements is none), with ``_html_parser``."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    parser = _html_parser()
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, as_bytes = None, False
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # a string with an encoding declaration: lxml wants bytes
        as_bytes = True
    except Exception:  # lxml could not parse it at all (trafilatura logs and goes on)
        pass
    if as_bytes or tree is None or len(tree) < 1:
        try:
            tree = fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
        except Exception:
            tree = None
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def page_from_html(body: bytes | str, *, headers: dict | None = None, url: str | None = None,
                   path: str | None = None) -> Page:
    """An HTML page: decoded, parsed once, main text by trafilatura, noise lines dropped."""
    if isinstance(body, bytes):
        html, encoding = decode_html(body, headers)
    else:
        html, encoding = body, None
    # (not html.strip(): a copy of the page to test its first characters)
    tree = _load_html(html) if html and not html.isspace() else None
    if tree is None:
        return Page(text="", url=url, path=path, encoding=encoding, zones=[])
    source, head = _Source(html), _Head(tree)
    heading = _heading(tree, source, head)  # looked up once: both the title and the lead need it
    title = _html_title(head, heading)
    published = _html_published(tree, source, head)
    _strip_code(tree)
    _untable_layout(tree)
    doc = cascade.bare_extraction(tree, _extractor())  # trafilatura's, its re:test guarded
    text = (doc.text if doc is not None else "") or ""
    if len(text.strip()) < _SHORT_EXTRACT:  # little or nothing found: try the biggest text block
        backup = _fallback_text(tree)
        if _content_chars(backup) > _content_chars(text):
            text = backup
    text, near = _with_head(tree, text.strip(), heading)
    published = published or _near_heading_date(near)
    heads = frozenset({_norm(title or ""), _norm(heading.text_content()) if heading is not None else ""} - {""})
    # a page with preformatted text (<pre>): its indented lines are data
    pre = source.names("<pre") and next(tree.iter("pre"), None) is not None
    zones, title_i, lines = _analyse(text, selected=True, heads=heads, pre=pre)
    if title_i is not None and (title is None or len(_WORD.findall(title)) < 2):
        # no title, or only a section name ("Aktualności") left of the <title>
        title = text[lines[title_i].start:lines[title_i].end]
    title = title or head.title
    line = _heading_line(text, zones, lines, heads)
    text, zones = _keep_content(text, zones, lines, line)
    return Page(text=text, title=title, published=published, url=url, path=path,
                encoding=encoding, zones=zones)


_DIGIT = re.compile(r"\d")
_CODE_TAGS = ("script", "style", "template")  # <noscript> often holds the text itself


def _heading_line(text: str, zones: list[tuple[int, int]], lines: list[_Line], heads: frozenset[str]
                  ) -> _Line | None:
    """The article's own heading (the page's <h1> or title) above the zones: it is content
    wherever it stands (a title-case headline reads like a bar of links, and a credit or
    date line between it and the first sentence hides it from ``_title_index``)."""
    start = zones[0][0] if zones else len(text)
    for ln in lines:
        if ln.end > start:
            break
        if ln.kind != BLANK and ln.end - ln.start < 300 and _norm(text[ln.start:ln.end]) in heads:
            return ln
    return None


def _strip_code(tree) -> None:
    """Scripts and styles leave the tree (their tails stay): read as a "lead" or by the
    fallback, code would become page text.  JSON-LD stays: trafilatura takes an
    ``articleBody`` from it when the markup hides the article."""
    for el in list(tree.iter(*_CODE_TAGS)):
        if el.get("type", "").lower() == "application/ld+json":
            continue
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
_SHORT_EXTRACT = 300  # characters; a shorter trafilatura result is checked against the fallback


def _content_chars(text: str) -> int:
    return sum(b - a for a, b in content_zones(text)) if text else 0


def _keep_content(text: str, zones: list[tuple[int, int]], lines: list[_Line], head: _Line | None = None
                  ) -> tuple[str, list[tuple[int, int]]]:
    """The text of an HTML page is ours to shape: noise lines leave it altogether.

    Kept: the zones, the article's heading line ``head`` (a zone too), and before it (or
    the zones) the lines with a digit in them that are not site chrome (an "Opublikowano:
    12.03.2023" line still tells the publication date).
    """
    if head is not None:
        zones = [(head.start, head.end), *zones]
    if not zones:
        return "", []
    cues = _cues()
    parts = [text[ln.start:ln.end] for ln in lines
             if ln.kind != BLANK and ln.end <= zones[0][0] and _DIGIT.search(text[ln.start:ln.end])
             and not cues.strong.search(text[ln.start:ln.end])]
    pos = sum(len(p) + 1 for p in parts)
    out = []
    for a, b in zones:
        parts.append(text[a:b])
        out.append((pos, pos + b - a))
        pos += b - a + 1
    return "\n".join(parts), out


# ----------------------------------------------------------------------- HTML helpers

_LEAF_BLOCKS = ("p", "div", "span", "strong", "b", "em", "blockquote", "section", "h2", "h3", "h4")
_MAX_LEADS = 1


_SPACES = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def _with_head(tree, text: str, heading) -> tuple[str, list[str]]:
    """Put the article's heading and lead back in front of trafilatura's text.

    Trafilatura keeps the body container; the visible heading and a lead paragraph
    standing between it and the body ("(Kłobuck) Burmistrz ... została wybrana ...") are
    often left out, and they carry facts (places and projects named only in a headline).
    Only prose blocks found in document order between the heading and the first
    extracted line are added.

    Also returns the short lines next to the heading ("24.11.2022 | Autor: ..."): the
    article's own date line, when the page has no date metadata.
    """
    first = _norm(text.split("\n", 1)[0])[:40]
    if heading is None:
        return text, []
    near = [_norm(el.text_content()) for el in islice(heading.itersiblings(preceding=True), 2)]
    head = _norm(heading.text_content())
    if not first or not head or head.startswith(first) or first.startswith(head[:40]) or _has_line(text, head):
        # trafilatura kept the heading itself: the date line is what follows it
        near += [_norm(el.text_content()) for el in islice(heading.itersiblings(), 2)]
        return text, near
    cues, leads, flat = _cues(), [], None
    holds_first = _normalised_search(first)
    for el in _after(heading, _LEAF_BLOCKS + ("h1",)):
        raw = el.text_content()
        if holds_first(raw):
            if len(el) == 0 or not any(holds_first(c.text_content()) for c in el):
                break  # reached the first line trafilatura kept
            continue  # a container of the body: look inside
        block = _norm(raw)
        if any(c.tag in _LEAF_BLOCKS for c in el) or _noisy(el) or _in_caption(el):
            continue
        if len(near) < 6 and len(block) <= 120:
            near.append(block)
        # a block trafilatura kept further down (or a summary of it) is no lead: adding it
        # would repeat the article; a run of link titles ("Most popular: 1 ... 2 ...") is none
        if _classify(block, cues)[0] != PROSE or block in leads:
            continue
        flat = _norm(text) if flat is None else flat
        if not _repeats(block, flat) and _link_share(el, block) <= _MAX_LEAD_LINKS:
            if _other_pages(el, block):
                break  # the first paragraph after the heading is page furniture: no lead
            leads.append(block)
            if len(leads) >= _MAX_LEADS:
                break
    else:
        return text, []  # never reached the extracted text: the heading is somewhere else
    return "\n".join([head, *leads, text]), near


def _normalised_search(needle: str):
    """A test ``needle in _norm(s)`` for a whitespace-normalised ``needle`` that does not
    normalise ``s``: the containers of an article hold all of its text, and normalising
    it for every one of them was most of the cost of finding the lead.  The needle's
    words with whitespace runs between them (a trailing space: one before more text)."""
    words = needle.rstrip(" ").split(" ")
    pattern = r"\s+".join(map(re.escape, words)) + (r"\s+(?=\S)" if needle.endswith(" ") else "")
    return re.compile(pattern).search


def _has_line(text: str, line: str) -> bool:
    """Is ``line`` (whitespace-normalised) one of the lines of ``text``, normalised?
    Normalising only shortens a line, and one equal to ``line`` holds its first word:
    only such lines are normalised (a regex pass over every line of a long text)."""
    word = line.split(" ", 1)[0]
    return any(_norm(ln) == line for ln in text.split("\n") if len(ln) >= len(line) and word in ln)


def _after(el, tags: tuple[str, ...]):
    """The elements with one of ``tags`` that follow ``el`` in document order (not those
    inside it): the following siblings of it and of each of its ancestors, each with its
    descendants.  (Walking the whole tree up to ``el`` first costs a page's every element.)"""
    node = el
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter(*tags)
        node = node.getparent()


_MAX_LEAD_LINKS = 0.3  # share of a lead's text that may be link text
_CUT_SHORT = re.compile(r"\w(?:\.\.\.|…)")  # "Lucknow goes blue for chief minister's birthd..."
_SUMMARY_SHARE = 0.5  # word triples of a "lead" found in the text: a summary of the article


_LINK_TITLE_WORDS = 12  # words of a block inside a link, at most, to be another page's title


def _other_pages(el, block: str) -> bool:
    """A sentence-like block that is no lead: a short one inside a link (a "next article"
    card: another page's title; a long quote that happens to be linked is a lead), one
    holding a table (data, written further down by trafilatura with " | " between its
    cells), or a run of titles cut short ("... chief minister's birthd...")."""
    return next(el.iterancestors("a"), None) is not None and len(_WORD.findall(block)) <= _LINK_TITLE_WORDS \
        or el.find(".//table") is not None or len(_CUT_SHORT.findall(block)) >= 2


def _link_share(el, block: str) -> float:
    return sum(len(_norm(a.text_content())) for a in el.iter("a")) / max(1, len(block))


def _repeats(block: str, flat: str) -> bool:
    """The block is in the text, or most of its word triples are (a standfirst that
    says the first paragraph again in other words)."""
    if block in flat:
        return True
    words = block.lower().split()
    triples = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    if not triples:
        return False
    low = flat.lower()
    return sum(t in low for t in triples) >= _SUMMARY_SHARE * len(triples)


_CAPTION_ATTR = re.compile(r"caption|credit|photo|image|img|picture|foto|zdj|podpis|galer|media", re.I)


def _in_caption(el) -> bool:
    """A photo's caption or credit is no lead, however sentence-like: in <figure>, named
    so by its class, or standing next to the picture in one box."""
    for node in [el, *list(el.iterancestors())[:3]]:
        if node.tag in ("figure", "figcaption") \
                or _CAPTION_ATTR.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    parent = el.getparent()
    return parent is not None and any(child.tag == "img" for child in parent)


def _near_heading_date(lines: list[str]) -> str | None:
    """A date line next to the article's heading is its publication date ("today is ..."
    banners sit in the page header, far from the heading, and name the weekday)."""
    from extract.dates import find_published

    for line in lines:
        if not line or len(line) > 120 or not _DIGIT.search(line) or _TODAY_BANNER.match(line) \
                or "komentarz" in line.lower():
            continue
        iso = _iso_date(line) or find_published(line)
        if iso and len(iso) == 10:
            return iso
    return None


class _Source:
    """A page's HTML source, asked whether a look-up in its tree can find anything.

    Each XPath look-up walks the whole tree (~1,000 elements on a real page); one for a
    tag or an attribute that the source never spells cannot match, and a substring test
    of the source is many times cheaper.  Tag and attribute names reach the tree only as
    written (the parser lower-cases ASCII letters); a word of an attribute value or a
    text may also be spelled with numeric character references ("&#100;ate"; no named
    reference stands for a letter), so a page that spells a letter so is always looked
    up.  The tests run on the UTF-8 bytes with ASCII letters lower-cased: a quarter of
    the cost of ``str.lower()`` on a page of Polish text, and the same answers for the
    ASCII words asked about."""

    # a numeric character reference to an ASCII letter (decimal 65-90, 97-122; hex 41-5A, 61-7A)
    _LETTER_REF = re.compile(rb"&#(?:0*(?:6[5-9]|[78]\d|9[07-9]|1[01]\d|12[0-2])(?!\d)"
                             rb"|[xX]0*(?:[46][1-9a-fA-F]|[57][0-9aA])(?![0-9a-fA-F]))")

    def __init__(self, html: str):
        self.html = html
        self._low = html.encode("utf-8", "surrogatepass").lower()
        self._refs: bool | None = None
        self._names: dict[str, bool] = {}

    def names(self, name: str) -> bool:
        """Can the tree hold a tag or attribute of this name?  (``name`` in lower case;
        "<time" asks for a tag.)  Each name tested once: a test reads the whole source."""
        found = self._names.get(name)
        if found is None:
            found = self._names[name] = name.encode() in self._low
        return found

    def spells(self, word: str) -> bool:
        """Can an attribute value or a text hold ``word`` (ASCII letters, lower case)?"""
        assert word.isascii() and word.isalpha() and word.islower(), word
        if word.encode() in self._low:
            return True
        if self._refs is None:  # (the pattern opens with "&#": re skips to those, 3x faster than `in`)
            self._refs = self._LETTER_REF.search(self._low) is not None
        return self._refs


class _Head:
    """The page's <title> and the <meta> contents its title, heading and date are read
    from, found in one walk of the tree: each XPath look-up walks all of it, and the
    title was looked up three or four times per page.  Each value is the first non-empty
    one in document order, its white space collapsed."""

    def __init__(self, tree):
        titles: list = []
        self.metas: list = []  # every <meta>, in document order
        for el in tree.iter("title", "meta"):
            (titles if el.tag == "title" else self.metas).append(el)
        self.title = _first_value(el.text_content() for el in titles)
        self.site = _first_value(self.contents({"property": {"og:site_name"}}))
        self.og_title = _first_value(self.contents({"property": {"og:title"},
                                                    "name": {"og:title", "twitter:title"}}))

    def contents(self, wanted: dict[str, set[str]], any_case: dict[str, set[str]] | None = None) -> list[str]:
        """The content of every <meta> (in document order) with one of the attribute values
        (attribute -> values); of ``any_case``, whatever the ASCII case of the value."""
        def named(meta, names_of: dict[str, set[str]], fold: bool) -> bool:
            for attr, names in names_of.items():
                value = meta.get(attr)
                if value is not None and (value.translate(_ASCII_LOWER) if fold else value) in names:
                    return True
            return False

        return [meta.get("content") for meta in self.metas if meta.get("content") is not None
                and (named(meta, wanted, False) or any_case is not None and named(meta, any_case, True))]


def _first_value(values) -> str | None:
    for value in values:
        value = (value or "").strip()
        if value:
            return re.sub(r"\s+", " ", value)
    return None


def _heading(tree, source: _Source, head: _Head):
    """The article's visible heading element: h1 in the article, or the page's only h1
    unless that one is the site's name (a logo: it is part of <title> but not its
    article part)."""
    h1s = _xpath(tree, "//h1")
    if source.names("itemprop"):
        found = _xpath(tree, "//article//h1|//main//h1|//*[@itemprop='headline']")
    else:  # no element can be an itemprop headline: the h1s inside <article> or <main>
        found = [h1 for h1 in h1s if next(h1.iterancestors("article", "main"), None) is not None]
    if found:
        return found[0]
    if len(h1s) != 1 or _is_site_name(_norm(h1s[0].text_content()), head):
        return _titled_element(tree, head)
    beside = _named_beside(tree, h1s[0], head)
    return h1s[0] if beside is None else beside


_EDGE_SEP = re.compile(r"^[\s:|»›·•/–—-]+|[\s:|»›·•/–—-]+$")
_ARTICLE_WORDS = 3  # words of the rest of a <title>, at least, to be an article's name


def _named_beside(tree, h1, head: _Head):
    """A blog's <h1> is often its own name ("Seth's Blog"), the <title> being that name
    and the post's ("Seth's Blog: It's easier to love a brand ..."): when the rest of the
    title is longer than the <h1>, names no site, and stands in the page as an element's
    whole text, that element is the article's heading and the <h1> is the logo."""
    title, name = head.title, _norm(h1.text_content())
    rest = _title_rest(_norm(title), name) if title and name else None
    words = len(_WORD.findall(rest or ""))
    if words < _ARTICLE_WORDS or words <= len(_WORD.findall(name)) or _SITE_WORDS.search(rest) \
            or _cues().whole_line.fullmatch(rest):
        return None
    for el in _compiled_xpath("//body//*[normalize-space(.)=$t]")(tree, t=rest):
        if el.tag in _TITLED + ("h5", "h6") and not _noisy(el):
            return el
    return None


def _title_rest(title: str, name: str) -> str | None:
    """What a <title> holds beside ``name`` standing at its start or end, past a separator
    ("Gmina Nowa" in "Gmina Nowa Wieś" has none: a word goes on)."""
    if title.lower().startswith(name.lower()):
        rest, edge = title[len(name):], title[len(name):len(name) + 1]
    elif title.lower().endswith(name.lower()):
        rest, edge = title[:-len(name)], title[-len(name) - 1:-len(name)]
    else:
        return None
    return _EDGE_SEP.sub("", rest) if _EDGE_SEP.match(edge) else None


_TITLED = _LEAF_BLOCKS + ("td", "h2", "font", "a")


def _titled_element(tree, head: _Head):
    """No usable <h1> (div-only and table layouts): the heading is the first element
    outside navigation whose whole text is the article part of the page's <title>."""
    title = head.title
    article = _strip_site(title, head.site) if title else None
    if not article or article == title or len(_WORD.findall(article)) < 3:
        return None  # no site part to tell the article's name from the site's
    for el in _compiled_xpath("//body//*[normalize-space(.)=$t]")(tree, t=article):
        if el.tag in _TITLED and not _noisy(el):
            return el
    return None


def _is_site_name(text: str, head: _Head) -> bool:
    title = head.title
    if not text or not title:
        return False
    article = _strip_site(title, head.site) or ""
    low = text.lower()
    return low in title.lower() and low not in article.lower()


_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
               "section", "article", "main", "br", "blockquote", "dd", "dt", "figcaption",
               "header", "footer", "nav", "aside", "ul", "ol", "table", "form", "time"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select",
              "button", "nav", "footer", "header", "aside", "form"}
_NOISE_ATTR = re.compile(r"comment|koment|cookie|footer|stopka|menu|nav|sidebar|banner|share|"
                         r"breadcrumb|related|powiazane|social|newsletter|reklama|advert", re.I)


_LAYOUT_CELL = 300  # characters of text in one cell: an article or a sidebar, not a datum
_LAYOUT_INSIDE = tuple("p div h1 h2 h3 h4 h5 h6 ul ol table article section blockquote form nav".split())


def _untable_layout(tree) -> None:
    """Tables used for page layout become divs (in place).

    Legacy municipal sites put menu, article and sidebar in the cells of one table;
    trafilatura would flatten such a table into a single " | "-joined row.  A table
    holding block elements (or cells full of <br>) and a whole article's worth of text in
    one cell (or another table) is layout; a data table whose short cells wrap their text
    in <div>/<p> (ingredients, results, product data) stays a table.
    """
    for table in list(tree.iter("table")):
        cells = _xpath(table, "./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        # the block elements inside (an XPath test of each descendant's name is ~25x slower)
        blocks = [el for el in table.iter(*_LAYOUT_INSIDE) if el is not table]
        layout = bool(blocks) or any(len(c.findall(".//br")) >= 3 for c in cells)
        nested = any(el.tag == "table" for el in blocks)
        if not layout or not (nested or any(len(c.text_content()) >= _LAYOUT_CELL for c in cells)) \
                or not nested and _regular_grid(table):
            continue
        for el in [table, *_xpath(table, "./thead|./tbody|./tfoot|./tr|./*/tr"), *cells]:
            el.tag = "div"
            for attr in ("width", "colspan", "rowspan", "valign", "align"):
                el.attrib.pop(attr, None)


_GRID_ROWS = 4  # rows of one width: a data table (a list of films, of results), not a layout


def _regular_grid(table) -> bool:
    """Most rows have the same number (2+) of cells: a data table, whatever its cells hold.
    A layout's rows differ (a header cell over menu | article | sidebar, a footer cell)."""
    widths = [len(_xpath(row, "./td|./th")) for row in _xpath(table, "./tr|./*/tr")]
    if len(widths) < _GRID_ROWS:
        return False
    width = max(set(widths), key=widths.count)
    return width >= 2 and widths.count(width) >= 0.8 * len(widths)


def _fallback_text(tree) -> str:
    """Trafilatura found little: the text of the block holding the most article prose.

    Readability-ish: every element scores the sentence-like text among its own pieces
    (its text, its paragraph children, the text between its <br>s); a footer full of
    addresses and links scores nothing, however long.  The best one (skipping navigation,
    comments and footers) gives the page text, one line per block element, and the noise
    classifier does the rest.
    """
    cues = _cues()
    best, best_score = None, 0
    for el in tree.iter("div", "article", "main", "section", "td", "body"):
        if _noisy(el):
            continue
        pieces = [el.text or ""]
        for child in el:
            if child.tag in ("p", "span") or child.tag == "div" and len(child) == 0:
                pieces.append(child.text_content() or "")
            pieces.append(child.tail or "")
        score = sum(len(t) for t in map(str.strip, pieces) if t and _classify(t, cues)[0] == PROSE)
        if score >= best_score and score:  # ties go to the deeper element
            best, best_score = el, score
    if best is None:
        body = tree.find(".//body")
        best = body if body is not None else tree
    parts: list[str] = []
    _collect(best, parts)
    text = "".join(parts)
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


def _noisy(el) -> bool:
    for node in [el, *el.iterancestors()]:
        if node.tag in _SKIP_TAGS:
            return True
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if attrs.strip() and _NOISE_ATTR.search(attrs):
            return True
    return False


def _collect(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    attrs = f"{el.get('class', '')} {el.get('id', '')}" if tag else ""
    if tag in _SKIP_TAGS or (attrs.strip() and _NOISE_ATTR.search(attrs)):
        if el.tail:
            parts.append(el.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text and tag:
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
    if block:
        parts.append("\n")
    if el.tail:
        parts.append(el.tail)


_TITLE_SEP = re.compile(r"\s+(?:[-–—|»:]{1,2}|::)\s+")
_SITE_WORDS = re.compile(r"\b(urząd|urzad|gmina|gminy|miasto|miasta|powiat|starostwo|portal|serwis|"
                         r"oficjalny|serwis|fundacja|związek|stowarzyszenie|bip|województwo|"
                         r"\w+\.(pl|eu|org|com|gov\.pl))\b", re.I)


def _html_title(head: _Head, heading) -> str | None:
    site, og = head.site, head.og_title
    if og:
        return _strip_site(og, site)
    # heading None: several h1s, or a logo h1: no article heading to trust
    h1 = _norm(heading.text_content()) if heading is not None else None
    if h1:
        return h1
    title = head.title
    return (_strip_site(title, site) or None) if title else None


def _strip_site(title: str, site: str | None) -> str | None:
    """Drop " - Site name" / "Site name :: Section ::" parts around a page title."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    cues = _cues()

    def is_site(part: str) -> bool:
        low = part.lower()
        if site and (low in site.lower() or site.lower() in low):
            return True
        return cues.whole_line.fullmatch(part) is not None or (
            len(part.split()) <= 6 and bool(_SITE_WORDS.search(part)))

    first, last = 0, len(parts) - 1
    while first < last and is_site(parts[first]):
        first += 1
    while last > first and is_site(parts[last]):
        last -= 1
    if first == 0 and last == len(parts) - 1:
        return title  # nothing to strip
    if is_site(parts[first]):
        return None  # nothing but site and section names: the page text has a better one
    begin = title.index(parts[first])
    end = title.rindex(parts[last]) + len(parts[last])
    return title[begin:end].strip()


# one pass over the tree for both attributes (a union of two paths walks it twice)
_ITEMPROP_PUBLISHED = "//*[@itemprop='datePublished']"

# <meta> elements whose content is the publication date, best first: each group is
# attribute -> the values it may have (the names of the second group in any ASCII case)
_META_PUBLISHED = {"property": {"article:published_time", "og:article:published_time", "og:published_time"},
                   "name": {"article:published_time"}}
_META_DATE = {"name": {"date", "pubdate", "publish-date", "publication_date", "created"}}
_META_DATE_ANY_CASE = {"name": {"dc.date.issued", "dc.date", "dcterms.created"}}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _published_candidates(tree, source: _Source, head: _Head):
    """Candidate dates of the page's metadata, group by group, best first (the <meta>s
    of the one walk of ``_Head``, their attributes read in Python)."""
    yield head.contents(_META_PUBLISHED)
    if source.names("itemprop"):  # @content and @datetime in document order
        yield [v for el in _xpath(tree, _ITEMPROP_PUBLISHED) for k, v in el.attrib.items()
               if k in ("content", "datetime")]
    yield head.contents(_META_DATE, _META_DATE_ANY_CASE)


_ISO = re.compile(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")


def _html_published(tree, source: _Source, head: _Head) -> str | None:
    """Publication date from the page's metadata, never from its visible "today" banner."""
    for found in _published_candidates(tree, source, head):
        for value in found:
            iso = _iso_date(value)
            if iso:
                return iso
    iso = _json_ld_date(tree) if source.spells("json") else None  # "application/ld+json"
    if iso:
        return iso
    # a <time datetime> of the article itself, not of comments, page banners or sidebars
    for el in _xpath(tree, "//time[@datetime]") if source.names("<time") else ():
        if _time_of_article(el):
            iso = _iso_date(el.get("datetime"))
            if iso:
                return iso
    return _visible_published(tree, source)


_PUB_CUE = re.compile(r"^(opublikowano|data (publikacji|dodania|wytworzenia|utworzenia|wprowadzenia)|"
                      r"dodano|utworzono|wprowadzono|data\s*:)", re.I)
# _PUB_CUE after any white space: a match of it on a text node is one on the node stripped
# (no string is stripped for the hundreds of elements a page's walk looks at)
_PUB_CUE_LEADING = re.compile(r"\s*" + _PUB_CUE.pattern.lstrip("^"), re.I)


def _opens_with_cue(el) -> bool:
    """Does the element's first text (its own, else its first child's text or tail), white
    space stripped, open with _PUB_CUE?"""
    text = el.text
    if not text or text.isspace():
        if not len(el):
            return False
        text = el[0].text
        if not text or text.isspace():
            text = el[0].tail
            if not text or text.isspace():
                return False
    return _PUB_CUE_LEADING.match(text) is not None


# what any _PUB_CUE match leaves in the page's source, entities included ("data&nbsp;:")
_PUB_WORD = re.compile(r"opublikowano|dodano|utworzono|wprowadzono|publikacji|dodania|wytworzenia|"
                       r"utworzenia|wprowadzenia|data(?:\s|&[#\w]+;)*:")


def _visible_published(tree, source: _Source) -> str | None:
    """A visible "Opublikowano: 18 listopada 2012" line of the article (not of a comment).

    Trafilatura drops such lines with the rest of the article's meta block, so they are
    read here, from the tree; the date itself is parsed by ``dates.find_published``.
    Only a page whose source holds a cue word (``_PUB_WORD``) is read so; that test of
    the whole source costs more than the walk below, so it is made at the first element
    that opens with a cue (on most pages none does).
    """
    from extract.dates import find_published

    cue_in_source = None
    for el in tree.iter("p", "div", "span", "dd", "li", "small", "em", "td"):
        # the cue opens the element: look at its first words before reading all its text
        # (an icon's empty element may stand before the label: "<span class=icon></span>
        # Opublikowano: ..." puts the label in the icon's tail)
        if not _opens_with_cue(el):
            continue
        if cue_in_source is None:
            cue_in_source = bool(_PUB_WORD.search(source.html.lower()))
        if not cue_in_source:
            return None  # a cue spelled only with character references is not read
        line = _norm(el.text_content())
        if len(line) > 100 or not _PUB_CUE.match(line) or "komentarz" in line.lower() \
                or not _time_of_article(el):
            continue
        iso = _iso_date(line) or find_published(line)  # numeric first: find_published is slow
        if iso and len(iso) == 10:
            return iso
    return None


_NOT_ARTICLE = re.compile(r"comment|koment|sidebar|widget|related|powiazane|najnowsze|"
                          r"recent|popular|calendar|kalendarz|footer|stopka|\btop", re.I)


def _time_of_article(el) -> bool:
    """A <time> inside the article's own header counts; one in comments, page header
    ("today is ..."), navigation or sidebars does not."""
    in_article = False
    for a in el.iterancestors():
        if a.tag in ("article", "main") or re.search(r"\b(post|entry|article|artykul|news|item-page)",
                                                     f"{a.get('class', '')} {a.get('id', '')}", re.I):
            in_article = True
        if _NOT_ARTICLE.search(f"{a.get('class', '')} {a.get('id', '')}"):
            return False
        if a.tag in ("nav", "aside") or (a.tag in ("header", "footer") and not in_article):
            return False
    return True


def _json_ld_date(tree) -> str | None:
    for script in _xpath(tree, "//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                iso = _iso_date(item.get("datePublished"))
                if iso:
                    return iso
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _iso_date(value) -> str | None:
    if not isinstance(value, str):
        return None
    m = _ISO.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY.search(value)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
