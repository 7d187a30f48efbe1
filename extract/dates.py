"""Dates of activities and the publication date of a page.

A small grammar for Polish running text (dateparser and htmldate get it wrong), written
as data in ``extract/data/dates.toml``: one named ``[[rule]]`` per kind of expression
(day ranges and lists, ranges across months and years, numeric forms and ranges, month +
year, month ranges and lists, seasons, quarters and halves, relative years "br.",
"b/roku", "ub.r.", years "w roku 2016", "w latach 2016-2018"), built from the vocabulary
there (month names in every case, spelling and abbreviation, roman months).  This module
compiles the rules, tries each only where it can start, and decides what a match means.

Year resolution for dates written without one, decided once for the whole module (the
"reference" is the publication date, else the month the page's address names):
- relative years ("w listopadzie br.") resolve against the reference; without one,
  against the year of the last precise date (with its month) before the mention; a bare
  year ("w 2013 roku") is mostly history and gives none.  A "today" banner never gives
  the year, even when its weekday is mojibake.  No year found: the date is left out.
- days without a year ("W dniach 4-5 lutego") take the year the page writes the same day
  with elsewhere ("3 października 2013 r."); else that of a precise date written just
  before them; else the year that puts them closest to the reference; else the nearest
  explicit year (before the mention; after it only a date with its month: a later bare
  year is mostly history; the title next); else the one year the page names outside any
  date ("Regions 2018").  Months named alone ("we wrześniu") take only the first three.
- single bare years are not emitted by default (see ``find_dates``), except those of
  rules marked ``listed`` ("w roku 2016"); a bare year is dropped when a more precise
  date of the same year is on the page.

Not activity dates: the page's own metadata lines (publication / modification date,
"today is ..." banners, a notice's "Kielce, dnia ..." heading), timestamps ("05.05.2024,
07:52"), comment bylines, dates citing legal acts ("ustawy z dnia 8 marca 1990 r."),
street names ("ul. 3 Maja"), planning periods ("na lata 2014-2020"), deadlines ("do 22
kwietnia", "do końca sierpnia 2024"), days whose year was cut off ("28 czerwca 20" at the
end of an excerpt), days more than _FUTURE_YEARS after the publication date (site banners
over old articles), and anything outside ``page.zones``.

The publication date (``find_published``): a cue-labelled date anywhere (a creation date
only when nothing else is labelled), then the day in the page's address, then the date
lines of the head and foot of the text (see there).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from extract.decode import repair_mojibake
from extract.lexicon import fold, month_words
from extract.matcher import Matcher
from extract.text import in_zones

_DATA = Path(__file__).parent / "data" / "dates.toml"

# how far into the text a bare date line still counts as the page's own date: up to the
# first prose line (long menus come first on plain-text pages), at most this many lines
_HEAD_LINES = 60
_PROSE_LINE = 120   # characters: a line this long is running text


@dataclass(frozen=True)
class _Hit:
    """One date expression found in the text."""

    start: int          # offsets of the evidence
    end: int
    first: tuple        # (year|None, month|None, day|None); year None = to resolve
    last: tuple
    rule: str
    rel: int | None = None   # relative-year offset when written as "br." etc.
    days: tuple = ()         # a list of separate days of one month ("4, 11 i 18 maja")


@dataclass(frozen=True)
class _Rule:
    """One [[rule]] of dates.toml: a named pattern and what its matches mean."""

    name: str
    rx: re.Pattern
    start: str               # where a match can begin: day, year, month, cue (see _grammar)
    kind: str = "date"       # "year" / "year_range": years without a month
    backwards: bool = False  # a range may run across the new year ("28 grudnia - 3 stycznia")
    day_list: bool = False   # "4 i 12 lutego": days that do not follow each other are separate
    capital_name: bool = False  # "3 Maja" with no year is a name, not a date
    anchored: bool = False   # a year only from the publication or a precise date just before
    listed: bool = False     # a bare year it finds is listed ("w roku 2016")


def _alt(words) -> str:
    """A regex alternation of literal words, longest first (so "lutego" beats "lut")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar() -> dict:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words = month_words()
    month_of, abbrev_of, rel_of = words.month_of, words.abbrev_of, words.relative

    # a one-character lookahead first: cheap to reject, so the scan over text stays fast
    firsts = "".join(sorted({f[0] for f in month_of}))
    M = rf"(?=[{firsts}])(?<!\w)(?:{_alt(month_of)})(?!\w)"
    MA = rf"(?:{M}|(?<!\w)(?:{_alt(abbrev_of)}))"
    D = r"(?=\d)(?<![\d.,/])(?:[12]\d|3[01]|0?[1-9])(?!\d|,\d)"
    D2 = r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?!\d|,\d)"   # second day, after a joiner
    Y = r"(?:19[5-9]\d|20\d\d)(?![\d/]|[.-]\d)"
    YEAR_WORD = rf"(?:{_alt(data['year_words']['after'])})(?!\w)"
    YW = rf"(?:\s*{YEAR_WORD})?"
    REL = rf"(?:{_alt(rel_of)})(?:(?<=\.)|(?!\w))"
    joiners = data["range"]["joiners"]
    dashes = "".join(re.escape(j) for j in data["range"]["dashes"])
    DASH = rf"\s*[{dashes}]\s*"
    SEP = (rf"(?:{DASH}|\s*[{''.join(re.escape(j) for j in joiners if not j.isalpha())}]\s*"
           rf"|\s+(?:{_alt(j for j in joiners if j.isalpha())})\s+)")
    N2 = r"(?:0?[1-9]|1[0-2])"
    ROMAN = _alt(data["roman"])
    TAIL = rf"(?:,?\s+(?P<y>{Y}){YW}|\s+(?P<rel>{REL}))?"   # "13 stycznia, 2026" too
    flags = re.I
    blocks = {
        "D": D, "D2": D2, "M": M, "MA": MA, "Y": Y, "YX": r"(?:19[5-9]\d|20\d\d)", "YW": YW,
        "YEAR_WORD": YEAR_WORD, "REL": REL, "DASH": DASH, "SEP": SEP, "N2": N2, "ROMAN": ROMAN,
        "TAIL": TAIL, "DASHES": dashes, "YEAR_RANGE_CUE": _alt(data["year_range"]["cues"]).replace("\\ ", "\\s+"),
        "DAYCUE": _alt(data["numeric_day"]["cues"]),
        # "21-go do 23 października", "15-19. czerwca": an ordinal ending or dot after a day
        "ORD": r"(?:\.|-?(?:go|ego))?",
        "MS": rf"(?<!\w)(?:{_alt(data['stacked']['months'])})(?!\w)",
        "SEASON": rf"(?:{_alt(data['seasons']['words'])})(?!\w)",
        # "I kwartale", "drugim  półroczu": written with any run of spaces
        "PART": rf"(?:{_alt(data['year_parts']).replace(chr(92) + ' ', chr(92) + 's+')})(?!\w)",
    }
    # where a match of a rule may begin, by its `start`: written in front of its pattern, so
    # the pattern engine's prefilter tries it only there (a day: a run of 1-2 digits, a year:
    # of 4, a month name, a cue word; "w", "we", "od" always stand before white space there)
    cue_words = _alt([*data["numeric_day"]["cues"], *data["seasons"]["words"]])
    starts = {
        "day": r"(?<!\d)(?=\d\d?(?!\d))",
        "year": r"(?<!\d)(?=\d{4}(?!\d))",
        "month": rf"(?<!\w)(?=(?i:{_alt(month_of)})(?!\w))",
        "cue": rf"(?<!\w)(?=(?i:(?:w|we|od)\s|rok|lat|przełom|okres|realiz|{cue_words}))",
    }
    rules = []
    for rule in data["rule"]:
        template = rule["pattern"]
        if rule["start"] not in starts:
            raise ValueError(f"dates: rule {rule['name']}: start must be one of {', '.join(starts)}")
        pattern = starts[rule["start"]] + re.sub(r"\{([A-Z][A-Z0-9_]*)\}", lambda m: blocks[m.group(1)], template)
        rules.append(_Rule(rule["name"], re.compile(pattern, 0 if rule.get("case") else flags),
                           rule["start"], rule.get("kind", "date"), rule.get("backwards", False),
                           rule.get("day_list", False), rule.get("capital_name", False),
                           rule.get("anchored", False), rule.get("listed", False)))
    meta = data["metadata"]
    weekday = _alt(meta["weekdays"])
    day_word = rf"(?:{_alt(meta['day_words'])})(?:(?<=\.)|(?!\w))"
    return {
        "rules": rules,
        "matcher": Matcher((r.name, r.rx) for r in rules),
        "capital_names": {r.name for r in rules if r.capital_name},
        "anchored": {r.name for r in rules if r.anchored},
        "url_days": [re.compile(p) for p in data["url"]["days"]],
        "url_months": [re.compile(p) for p in data["url"]["months"]],
        "parts": data["year_parts"],
        "month_of": month_of,
        "abbrev_of": abbrev_of,
        "rel_of": rel_of,
        "roman": data["roman"],
        "periods": set(data["periods"]["years"]),
        "period_cue": re.compile(rf"(?:{_alt(data['periods']['cues'])})\s*$", flags),
        # the label row of a metadata table: "Data publikacji / aktualizacji | Autor"
        # ("data" alone is too vague here: "Data spotkania" labels an event)
        "pub_label": re.compile(
            rf"^\s*(?:{_alt(c for c in meta['published_cues'] if c != 'data')})(?!\w)"
            rf"(?:\s*(?:[/|:\t]|\s{{2}})[^\d\n]{{0,100}})?\s*$", flags),
        # a cue with a colon closing a metadata line: "Informację opublikował: Jan Nowak
        # Data opublikowania: 05.02.2021" ("data" alone is too vague in running text)
        "pub_tail": re.compile(
            rf"(?<!\w)(?:{_alt(c for c in meta['published_cues'] if c != 'data')})\s*:\s*"
            rf"(?:(?:{weekday})\s*,?\s*)?$", flags),
        "pub_head": re.compile(
            rf"^\s*(?:{_alt(meta['published_cues'])})\s*[:\-–]?\s*(?:(?:{day_word})\s*:?\s*)?"
            rf"(?:(?:{weekday})\s*,?\s*)?$", flags),
        # "Opublikował: Anna Kowalska, dnia": who published, then the date
        "publisher": re.compile(
            rf"^\s*(?:{_alt(meta['publisher_cues'])})(?!\w)\s*:?[^\d\n]{{0,80}}?[\s,]*"
            rf"(?:(?:{day_word})\s*:?\s*)?$", flags),
        "created": re.compile(rf"(?<!\w)(?:{_alt(meta['creation_cues'])})(?!\w)", flags),
        # another metadata label opens the line, or labels the date right before it
        "other_head": re.compile(
            rf"^\s*(?:{_alt(meta['other_cues'])})\s*[:\-–]?\s*$"
            rf"|(?:{_alt(meta['other_cues'])})[^.!?]{{0,30}}[:(]\s*$",
            flags),
        "byline": re.compile(rf"^\s*(?:{_alt(meta['byline_cues'])})(?:(?<=[.:])|(?!\w))", flags),
        "comment": re.compile(rf"(?<!\w)(?:{_alt(meta['comment_cues'])})[\s,:]*$", flags),
        # the longest cue of each: where a match of the two patterns above can start
        "other_len": max(map(len, meta["other_cues"])),
        "comment_len": max(map(len, meta["comment_cues"])),
        "weekday": re.compile(rf"(?<!\w)(?:{weekday})(?!\w)", flags),
        "weekday_after": re.compile(rf"\s*,?\s*(?:{weekday})\s*", flags),
        # banners get glued to menu words in extracted text ("BIPŚroda, 22.3.2023")
        "weekday_glued": re.compile(
            rf"(?:{_alt(w for w in meta['weekdays'] if not w.endswith('.'))})(?!\w)"
            rf"|(?<!\w)(?:{weekday})(?!\w)", flags),
        # a clock time right after a date, no "godz.": a machine timestamp
        "clock": re.compile(r"^\s*,?\s*\d{1,2}:\d{2}"),
        # a legal act's date: "z dnia"/"z dniem"/"z" right before, the act named shortly before
        "legal_cue": re.compile(r"(?<!\w)z(?:\s+(?:dnia|dniem))?\s*$", flags),
        "legal": re.compile(rf"(?:{_alt(data['legal']['stems'])})", flags),
        "street": re.compile(rf"(?<!\w)(?:{_alt(data['streets']['before'])})\s*$", flags),
        "deadline": re.compile(rf"(?<!\w)(?:{'|'.join(data['deadline']['before'])})\s*$", flags),
    }


# ---------------------------------------------------------------- parsing hits

def _month(g: dict, word: str | None) -> int | None:
    if not word:
        return None
    w = fold(word)
    if w.isdigit():
        return int(w)
    # a badge's bare "lip" reads as "lip."
    return g["month_of"].get(w) or g["abbrev_of"].get(w) or g["abbrev_of"].get(w + ".") \
        or g["roman"].get(word)


def _year(m: re.Match, name: str) -> int | None:
    return int(m.group(name)) if m.groupdict().get(name) else None


def _hit(g: dict, rule: _Rule, m: re.Match) -> _Hit | None:
    """One regex match -> a hit with (year, month, day) ends, or None when invalid."""
    gd = m.groupdict()
    y = _year(m, "y")
    rel = g["rel_of"].get(fold(gd["rel"])) if gd.get("rel") else None
    if rule.kind != "date":
        y1 = _year(m, "y1")
        if rule.kind == "year":
            y = y or y1
            return _Hit(m.start(), m.end(), (y, None, None), (y, None, None),
                        rule.name if rule.listed else "year")
        if y1 >= y:
            return None
        return _Hit(m.start(), m.end(), (y1, None, None), (y, None, None), rule.name)
    m1 = _month(g, gd.get("m1"))
    m2 = _month(g, gd.get("m2")) or m1
    if gd.get("part"):                     # "w I kwartale 2020 r.": the quarter's months
        m1, m2 = g["parts"][" ".join(gd["part"].lower().split())]
    if gd.get("mx"):                       # "12.05-13.05": both months written
        m1, m2 = int(gd["mx"]), m1
    m1 = m1 or m2                          # "23-27.05.2022": the month is written once
    d1 = int(gd["d1"]) if gd.get("d1") else None
    d2 = int(gd["d2"]) if gd.get("d2") else d1
    y1 = _year(m, "y1") or y
    if y is None and y1 is not None:       # "od 30 września 2019 do 6 października"
        y = y1 + 1 if (m1, d1 or 0) > (m2, d2 or 0) else y1
    for mm, dd in ((m1, d1), (m2, d2)):
        if dd and not _valid_day(dd, mm):
            return None
    if y1 is not None and y is not None and y1 > y:
        return None                        # "01.02.2016-30.11.2015": no range
    if y1 == y and (m1, d1 or 0) > (m2, d2 or 0):
        # only a range across the new year may run backwards: "28 grudnia - 3 stycznia"
        if not rule.backwards or gd.get("y1"):
            return None
        y1 = y - 1 if y is not None else None
    if rule.day_list and "/" in m.group() and d2 != (d1 or 0) + 1:
        return None                        # "15/16 czerwca" is a night; "3/12" a number
    if rule.day_list and not re.search(r"[-–—‐‑‒−/]|\b(?:do|a)\b", m.group()):
        days = tuple(int(d) for d in re.findall(r"\d+", _text_before(m, "m1")))
        if list(days) != list(range(days[0], days[0] + len(days))):
            # "4 i 12 lutego", "4, 11 i 18 maja": separate days, not a range
            return _Hit(m.start(), m.end(), (y1, m1, d1), (y, m2, d2), "day_list", rel, days)
    return _Hit(m.start(), m.end(), (y1, m1, d1), (y, m2, d2), rule.name, rel)


def _text_before(m: re.Match, group: str) -> str:
    """The matched text up to the start of a group."""
    return m.group()[:m.start(group) - m.start()]


def _valid_day(day: int, month: int) -> bool:
    return 1 <= day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[_Hit, ...]:
    """Every date expression in text, earlier rules winning overlaps.

    Cached: find_published and find_dates scan the same page text one after the other."""
    g = _grammar()
    rules = g["rules"]
    taken: list[_Hit] = []
    for found in g["matcher"].matches(text):  # rule by rule, in rule order
        m = found.match
        if m.end() == m.start() or any(m.start() < h.end and h.start < m.end() for h in taken):
            continue
        hit = _hit(g, rules[found.rule], m)
        if hit is not None:
            taken.append(hit)
    return tuple(_merge_ranges(text, sorted(taken, key=lambda h: h.start)))


_RANGE_GLUE = re.compile(r"\s*(?:[-–—‐‑‒−]|do)\s*")
_RANGE_OPEN = re.compile(r"(?<!\w)od\s+$", re.I)


def _merge_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Two complete dates joined by a dash or "do" are one range: "1.03.2019 - 30.06.2020"."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev and prev.rel is None and h.rel is None
                and prev.first == prev.last and h.first == h.last
                and prev.first[0] is not None and h.first[0] is not None
                and len([x for x in prev.first if x]) == len([x for x in h.first if x])
                and prev.first < h.first
                and _RANGE_GLUE.fullmatch(text, prev.end, h.start)):
            m = _RANGE_OPEN.search(text, max(0, prev.start - 4), prev.start)
            start = m.start() if m else prev.start
            out[-1] = _Hit(start, h.end, prev.first, h.last, "range_" + h.rule)
            continue
        out.append(h)
    return out


# ---------------------------------------------------------------- context filters

def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def _is_single_day(h: _Hit) -> bool:
    return h.first == h.last and h.first[2] is not None


def _head_line_numbers(text: str) -> dict[int, int]:
    """Line start offset -> index among non-empty lines, for the head of the text: the
    lines before the article's first prose line (menus, title, date), plus that line."""
    out, n, pos = {}, 0, 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out[pos] = n
            n += 1
            if n > _HEAD_LINES or _is_prose_line(line.strip()):
                break
        pos += len(line)
    return out


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”»)]*$")


def _is_prose_line(line: str) -> bool:
    """A long line ending like a sentence is the article's running text.  A long line that
    does not (title, site banners and ticker glued into one line: "... od 20.03.2024r.
    Infolinia ...: +48 71 ...") is still site chrome: the head goes on below it."""
    return len(line) >= _PROSE_LINE and bool(_SENTENCE_END.search(line) or len(line) >= 3 * _PROSE_LINE)


def _pipe_byline(before: str) -> bool:
    """The date is the last field of a pipe-separated metadata line at the top: "Jan Nowak |
    Aktualności | 18-09-2019", "Aktualności / 18.09.2019".  Each field is short: no
    sentence is cut by the separators."""
    return bool(re.fullmatch(r"(?:[^|/•\n.!?]{1,60}[|/•]\s*)+", before.lstrip()))


_MACHINE_STAMP = re.compile(
    r"(?:(?:19|20)\d\d-\d\d-\d\d|\d\d\.\d\d\.(?:19|20)\d\d)[ T]\d\d:\d\d:\d\d\s*")
# "Warszawa, 25.03.2019 (ISBnews) – Polska otrzyma ...": a news agency's dateline
_AGENCY_PLACE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:[ -][A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)?,\s*")
_AGENCY_AFTER = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[–—-]\s")
# a source or author named before the date: one to four capitalised words
_SOURCE_NAME = re.compile(r"(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*\s+){1,4}")
# "14-04-2021 Informacja dla Rodziców ...": a numeric date opening the page's first line
_NUMERIC_OPENING = re.compile(r"\d\d?([-./])\d\d?\1(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d")


def _in_dated_list(text: str, ls: int, le: int) -> bool:
    """The line's neighbours open with a digit too: a programme ("12.03.2023 – warsztaty")."""
    prev = text[:ls].rstrip().rpartition("\n")[2].strip()
    nxt = text[le:].lstrip().partition("\n")[0].strip()
    return prev[:1].isdigit() or nxt[:1].isdigit()


def _first_prose_start(head: dict[int, int]) -> int | None:
    """Offset of the line that ends the head (the article's first prose line)."""
    return max(head, key=head.get) if head else None


def _cms_byline(text: str, h: _Hit, ls: int, le: int, before: str, after: str,
                head: dict[int, int]) -> bool:
    """A one-day date in one of the forms small CMSes print the page's date in."""
    if _AGENCY_PLACE.fullmatch(before) and _AGENCY_AFTER.match(after):
        # "Warszawa, 25.03.2019 (ISBnews) – ...", at the top or opening the article
        return ls in head or ls == _first_prose_start(head)
    if ls not in head:
        return False
    written = text[h.start:h.end]
    if head[ls] == 0 and h.start == ls and _NUMERIC_OPENING.fullmatch(written) \
            and re.match(r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+[A-ZĄĆĘŁŃÓŚŹŻ0-9]", after):
        return True   # list pages of a BIP print the date before the title
    if _SOURCE_NAME.fullmatch(before) and not after.strip() and _NUMERIC_OPENING.fullmatch(written):
        return True   # "Gazeta Sołecka 2017-07-01": the source and its date under the title
    if h.start == ls and re.match(r"\s+[-–—|•·]\s", after) \
            and not _is_prose_line(text[ls:le].strip()) and not _in_dated_list(text, ls, le):
        return True   # "Kwiecień 12, 2019 - - AKTUALNOŚCI": date, separator, category
    # "Samorządowcy na Litwie 2015-06-09 13:03:19", "Region Pt. 04.08.2023 11:16:36": a
    # CMS timestamp with seconds after the title or a category is the page's date, even
    # with a weekday (an event's time is written "godz. 10:00", a clock has no seconds)
    return bool(before.strip()) and bool(_MACHINE_STAMP.fullmatch(text[h.start:le]))


# the place and "dnia" before the date heading a notice or letter, and what may follow it
_NOTICE_PLACE = re.compile(
    r"\s*[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+(?:[ -](?:nad |pod |n\. )?[A-ZĄĆĘŁŃÓŚŹŻ][\w-]+){0,2},\s*(?:dnia|dn\.)?\s*")
_NOTICE_END = re.compile(r"\s*(?:r\.?|roku)?\s*\.?\s*")
_CLOCK = r"(?:godz\.\s*)?\d{1,2}:\d{2}(?::\d{2})?"
_STAMP_BEFORE = re.compile(rf"\s*(?:{_CLOCK}\s*,?\s*)?")
_STAMP_AFTER = re.compile(rf"\s*,?\s*{_CLOCK}")
_SENTENCE_IN = re.compile(r"[.!?]\s+[A-ZĄĆĘŁŃÓŚŹŻ]")


def _stamp_byline(before: str, after: str) -> bool:
    """A CMS's timestamp opening a line at the top, then its byline or update note:
    "2023-04-25, 15:00  Jan Nowak/Redakcja", "15:35, 08.10.2024 JN Aktualizacja: 12:30,
    09.10.2024".  Without the clock a date line at the top may be an event's."""
    if not _STAMP_BEFORE.fullmatch(before):
        return False
    clock = _STAMP_AFTER.match(after)
    if not before.strip() and not clock:
        return False
    rest = after[clock.end():] if clock else after
    return len(rest) <= 100 and not _SENTENCE_IN.search(rest)


def _metadata_kind(text: str, h: _Hit, head: dict[int, int]) -> str | None:
    """'published', 'banner', 'dateline', 'meta' when the hit is the page's own metadata
    (see find_published), else None."""
    g = _grammar()
    ls, le = _line_bounds(text, h.start, h.end)
    before, after = text[ls:h.start], text[h.end:le]
    # the label nearest the date decides: "Opublikował: Jan Nowak Data publikacji: <date>"
    if _published_cue(text, ls, before):
        return "published" if _is_single_day(h) else "meta"
    if _labelled(before, g):
        return "meta"
    if ls in head and _is_single_day(h) and _NOTICE_PLACE.fullmatch(before) \
            and _NOTICE_END.fullmatch(after) and not g["weekday_glued"].search(repair_mojibake(before)):
        return "published"    # "Kielce, dnia 14 marca 2019 r.": a notice's or letter's date
    if g["byline"].match(before) and len(before) < 80:
        return "published" if _is_single_day(h) and ls in head else "meta"
    if ls in head and _is_single_day(h) and re.fullmatch(r"\s*", after) and _pipe_byline(before):
        return "published"
    if _is_single_day(h) and _cms_byline(text, h, ls, le, before, after, head):
        return "published"
    if ls in head and _is_single_day(h) and not before.strip() and g["weekday_after"].fullmatch(after):
        # "2003-06-27, Piątek" right above the article is its date; elsewhere at the top it
        # is the site's "today is ..." banner, like a weekday written first
        prose_at = head[_first_prose_start(head)]
        return "published" if 0 < prose_at - head[ls] <= _TITLE_GAP else "banner"
    if ls in head and _is_single_day(h) and _stamp_byline(before, after):
        return "published"
    timed = bool(g["clock"].match(after))
    # mojibake lines ("BIPÅšroda") hide the weekday: read the prefix repaired
    bare = repair_mojibake(before.strip(" ,\t[(•·*–-"))  # a bullet opens a date line too
    # nothing after the date but a clock time, or a byline after a separator
    only_time_after = re.fullmatch(
        r"[\])]?[\s,]*(?:(?:godz\.\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s+\d{1,7})?)?[\])]?\s*(?:[|•·]\s*.*)?",
        after)  # "23.5.2023 10:58 214": a view counter may follow the clock
    if ls in head and only_time_after and _is_single_day(h) and (
            not bare or g["weekday_glued"].search(bare)):
        # a bare date line at the top is the page's date; with a weekday and no cue it is
        # the site's "today is ..." banner (its year would misresolve "br.")
        return "banner" if bare else "published"
    if (only_time_after and timed and _is_single_day(h)
            and (not bare or g["weekday"].fullmatch(bare))):
        # a line of only [weekday,] date and clock time below the top: the article's own
        # date line (the "today" banner sits at the very top, among the menus).  Without
        # the clock it may be a day of an event's programme ("Sobota, 12.05.2023")
        return "dateline"
    if timed and _is_single_day(h):
        return "meta"      # timestamps ("05.05.2024, 07:52", "czw., 14 czerwca 2018 11:46")
    return None


@lru_cache(maxsize=8)
def _kinds(text: str) -> tuple[tuple[_Hit, str | None], ...]:
    """Every date expression of the text with its _metadata_kind.  Cached:
    find_published and find_dates ask for the same page one after the other."""
    head = _head_line_numbers(text)
    return tuple((h, _metadata_kind(text, h, head)) for h in _scan(text))


def _labelled(before: str, g: dict) -> bool:
    """``g["other_head"].search(before) or g["comment"].search(before)``, without trying
    every offset of a long line.  Both end at the end of ``before`` (a cue matches as many
    characters as it has): "other_head" at 0 ("^" branch) or at most its longest cue, 30
    characters and the "[:(]" before the trailing spaces; "comment" at most its longest cue
    before the trailing run of spaces, commas and colons."""
    if g["other_head"].match(before):
        return True
    if g["other_head"].search(before, max(0, len(before.rstrip()) - 31 - g["other_len"])):
        return True
    end = len(before)
    while end and (before[end - 1] in ",:" or before[end - 1].isspace()):
        end -= 1
    return bool(g["comment"].search(before, max(0, end - g["comment_len"])))


def _published_cue(text: str, ls: int, before: str) -> bool:
    """A publication cue labels the date: opening its line, closing the text before it on
    the line, or as the line (or table label row) above a line the date opens."""
    g = _grammar()
    if g["pub_head"].match(before) or (len(before) < 200 and g["pub_tail"].search(before)):
        return True
    if len(before) < 200 and g["publisher"].match(before):
        return True
    return not before.strip(" \t[(") and _cue_line_above(text, ls)


def _creation_label(text: str, ls: int, before: str) -> bool:
    """The cue labelling the date dates the document's making ("Data wytworzenia:")."""
    label = before if before.strip(" \t[(") else text[:ls].rstrip().rsplit("\n", 1)[-1]
    return bool(_grammar()["created"].search(label))


def _cue_line_above(text: str, ls: int) -> bool:
    """The previous non-empty line is a bare publication cue ("Data publikacji:") or the
    label row of a metadata table whose first column is the publication date."""
    prev = text[:ls].rstrip().rsplit("\n", 1)[-1]
    g = _grammar()
    return bool(prev.strip()) and bool(g["pub_head"].match(prev) or g["pub_label"].match(prev))


# ---------------------------------------------------------------- publication date

def url_date(url: str | None, *, month: bool = False) -> str | None:
    """The day a page's address names ("/2019/10/23/slug" -> "2019-10-23"), or with
    ``month`` its month when it names no day ("/2016/12/slug" -> "2016-12"); else None."""
    if not url:
        return None
    path = urlsplit(url).path
    g = _grammar()
    for rx in g["url_days"]:
        m = rx.search(path)
        if m and _valid_day(int(m["d"]), int(m["m"])):
            return f"{m['y']}-{m['m']}-{m['d']}"
    if month:
        for rx in g["url_months"]:
            m = rx.search(path)
            if m:
                return f"{m['y']}-{m['m']}"
    return None


def find_published(text: str, zones=None, title: str | None = None, url: str | None = None) -> str | None:
    """The page's own publication date, ISO YYYY-MM-DD, or None.

    In order: a cue anywhere ("Opublikowano:", "Data publikacji:", "... Data opublikowania:
    <date>", "Opublikował: Anna Kowalska, dnia <date>", or a cue line / metadata-table label
    row above a line the date opens; "Data wytworzenia:" only when no other cue dates the
    page); else the day in the page's address ("/2019/10/23/slug"); else a
    bare single-day date line among the first lines ("12 marca 2019 r." above the title; the
    head ends at the first long line ending like a sentence, so a title glued to site
    banners does not end it), the last field of a pipe byline there ("Jan Nowak | Wydarzenia
    | 18-09-2019"), or a date with its weekday after it right above the article ("2003-06-27,
    Piątek"; among the menus it is a banner), a CMS timestamp line ("2023-04-25, 15:00  Jan
    Nowak/Redakcja"), a notice's "Kielce, dnia <date>"; else the one line below the head
    holding only [weekday,] date and clock time ("Piątek, 23-11-2018 19:41:00" under the
    article), or a line holding only a date right under or closing the article; else a
    weekday date line at the top that sits by the title and shortly after
    the article's dates.  Other weekday lines at the top are "today is" banners; comment
    dates and ranges are never it.  ``zones`` is accepted for the contract but not used:
    these lines sit outside the content zones by nature."""
    head = _head_line_numbers(text)
    found = created = None
    datelines, banners, content = set(), [], []
    for h, kind in _kinds(text):
        if h.first[0] is None:
            continue
        ls, _ = _line_bounds(text, h.start, h.end)
        before = text[ls:h.start]
        if kind == "published" and _published_cue(text, ls, before):
            if not _creation_label(text, ls, before):
                return _iso(h.first)      # an explicit cue wins wherever it is
            created = created or _iso(h.first)
        if kind == "published" and found is None:
            found = _iso(h.first)
        if kind == "dateline":
            datelines.add(_iso(h.first))
        elif kind == "banner":
            banners.append((h, ls))
        elif kind is None and h.first[2] is not None:
            content.append(h.first)
    if created:
        return created                    # "Data wytworzenia:", when nothing dates publication
    if day := url_date(url):
        return day                        # no cue: the day in the address (the CMS wrote both)
    if found is None and not datelines and zones:
        found = _date_under_article(text, zones)
    if found is None and len(datelines) == 1:
        # one date line below the head (under the article, or under its title); several
        # are a list of timestamps (comments, other news), none of them the page's
        return datelines.pop()
    if found is None and len(banners) == 1 and (
            _dated_like_title_line(head, *banners[0], content) or _under_title(text, banners[0][1], title, head)):
        return _iso(banners[0][0].first)
    return found


_UNDER_ARTICLE_LINES = 3   # non-empty lines between the article's end and its date line


def _date_under_article(text: str, zones) -> str | None:
    """A line holding nothing but one day's date, right below the article's last content
    ("... a godzinę później jubileusz.\n\n16.08.2023\nTwój komentarz:") or closing it as its
    last line (a letter's date under its text): the page's date."""
    end = zones[-1][1]
    found = []
    for h, kind in _kinds(text):
        if kind not in (None, "meta") or not _is_single_day(h):
            continue
        ls, le = _line_bounds(text, h.start, h.end)
        if text[ls:le].strip() != text[h.start:h.end].strip():
            continue
        if h.start < end:
            if not text[le:end].strip() and zones[-1][0] <= h.start:
                found.append(h)       # the last line of the article
        elif len([ln for ln in text[end:ls].splitlines() if ln.strip()]) <= _UNDER_ARTICLE_LINES:
            found.append(h)
    return _iso(found[0].first) if len(found) == 1 else None


def _under_title(text: str, ls: int, title: str | None, head: dict[int, int]) -> bool:
    """The weekday date line comes right under the article's title: its byline, not the
    site's "today is ..." banner, which sits above the title among the menus."""
    above = text[:ls].rstrip()
    prev = above.rpartition("\n")[2]
    if not title or not title.strip():
        # no title found: the page's first line, when it reads like a headline and the
        # article's first sentence follows the date line at once
        return "\n" not in above and len(prev.split()) >= 4 and not _is_prose_line(prev.strip()) \
            and head.get(ls) == 1 and max(head.values(), default=-1) == 2
    return " ".join(prev.split()).casefold() == " ".join(title.split()).casefold()


_TITLE_GAP = 2          # non-empty lines between a date line and the article's first prose line
_REPORT_DAYS = 400      # a report is published within about a year after what it reports


def _dated_like_title_line(head: dict[int, int], h: _Hit, ls: int, content: list) -> bool:
    """A weekday date line at the top is the article's own date, not a "today" banner, when
    it sits by the title (the first prose line follows within _TITLE_GAP lines) and the
    article's dates lie shortly before it.  A banner shows the day of the visit: far from
    the article's dates, and separated from the article by menus."""
    prose_at = max(head.values(), default=-1)
    if ls not in head or prose_at - head[ls] > _TITLE_GAP or prose_at == head[ls]:
        return False
    gaps = [_days_between(c, h.first) for c in content if c[0] is not None]
    return bool(gaps) and all(0 <= gap <= _REPORT_DAYS for gap in gaps if gap != -1) \
        and any(gap >= 0 for gap in gaps)


# ---------------------------------------------------------------- activity dates

def _iso(parts: tuple) -> str:
    y, m, d = parts
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _context_year(pos: int, explicit: list[list[tuple[int, int]]], title: str | None) -> int | None:
    """The nearest explicit year before pos (else after it), tier by tier, the title last.

    Tiers: years written in content dates first, then years anywhere on the page (the
    zones may have cut off a heading like "4-5 lutego 2014 ROKU")."""
    for tier in explicit[:2]:
        before = [y for p, y, _ in tier if p < pos]
        if before:
            return before[-1]
        # after the mention only a date with a month counts: a bare year written later
        # ("od pierwszych wolnych wyborów w 1990 r.") is mostly history, not its year
        after = [y for p, y, precise in tier if p > pos and precise]
        if after:
            return after[0]
    m = re.search(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)", title or "")
    return int(m.group()) if m else None


_NEARBY = 300   # characters: a year written this close before still governs a bare day


def _nearby_year(pos: int, explicit, within: int | None = _NEARBY) -> int | None:
    """The year of a precise date (day or month) written just before pos: "12 maja 2021 r.
    ... a 14 maja" means 14 May 2021 even on a page published years later (``within``
    characters before, or anywhere before with None)."""
    near = [y for p, y, _ in explicit[-1] if (within is None or pos - within <= p) and p < pos]
    return near[-1] if near else None


def _nearest_year(md: tuple, published: str) -> int:
    """The year that puts a day/month without one closest to the publication date:
    a January event announced in November is next year's, a December one reported in
    January last year's."""
    py, pm, pd = (int(x) for x in published.split("-"))
    month, day = md[1], md[2] or 15
    return min((py - 1, py, py + 1),
               key=lambda y: abs((y * 372 + month * 31 + day) - (py * 372 + pm * 31 + pd)))


def _resolve(h: _Hit, reference: str | None, explicit, title, years: dict) -> tuple | None:
    """Fill the year of a hit written without one; None when it cannot be known.

    ``reference``: the publication day, else the month the page's address names;
    ``years``: "days" maps (month, day) to the year the page writes that day with,
    "only" is the one year the page's text names, if it names one."""
    if h.last[0] is not None:
        return h.first, h.last
    if h.rel is not None:
        # "br." is the year of the publication; without it, the year of the last precise
        # date before ("2 lipca 2009 r. ... w październiku bieżącego roku"); a bare year is
        # mostly history, no better than a guess ("w 2013 roku ... w październiku ub.r.")
        base = int(reference[:4]) if reference else _nearby_year(h.start, explicit, None)
        year = base + h.rel if base else None
    elif _same_day_year(h, years["days"]):
        # "Od 3 do 8 października ... 3 października 2013 r. wyruszyła": the day again, with its year
        year = _same_day_year(h, years["days"])
    elif _nearby_year(h.start, explicit):
        year = _nearby_year(h.start, explicit)
    elif reference:
        year = _nearest_year(h.last, reference)
    elif h.rule in _grammar()["anchored"]:
        year = None
    else:
        year = _context_year(h.start, explicit, title) or years["only"]
    if year is None:
        return None
    fy = year - 1 if (h.first[1], h.first[2] or 0) > (h.last[1], h.last[2] or 0) else year
    return (fy, *h.first[1:]), (year, *h.last[1:])


def _same_day_year(h: _Hit, days: dict) -> int | None:
    """The year of the same day written elsewhere on the page with one, the last end first
    (the end of the range is the one the year follows)."""
    for end in (h.last, h.first):
        if end[2] is not None and days.get(end[1:]):
            return days[end[1:]]
    return None


# a year standing in a name ("Regions 2018", "Dobre zarządzanie – 2024"), not in a range and
# not said as a year ("roku 1997", "1997 r.": history the date rules left alone)
_YEAR_NUMBER = re.compile(r"(?=[12])(?<![\d.,/–-])(?<!rok )(?<!roku )(?:19[5-9]\d|20\d\d)"
                          r"(?![\d.,/]\d|\d|\s*[-–]\s*\d|\s*r(?:\.|ok))", re.I)


def _page_years(text: str, zones, hits) -> dict:
    """What years the page writes: (month, day) -> year of its dated days (a day written
    with two different years counts for neither), and the one year its content names
    outside any date expression ("Regions 2018"), when it names exactly one and dates
    nothing else with a year ("roku 1997" is history, not the year of "8 kwietnia")."""
    days: dict = {}
    for h in hits:
        for end in (h.first, h.last):
            if end[0] is not None and end[2] is not None:
                days[end[1:]] = end[0] if days.get(end[1:], end[0]) == end[0] else 0
    if not hits or any(h.last[0] is not None for h in hits):
        return {"days": days, "only": None}    # nothing to resolve, or years to resolve it
    named = {m.group() for a, b in (zones or [(0, len(text))]) for m in _YEAR_NUMBER.finditer(text, a, b)}
    return {"days": days, "only": int(named.pop()) if len(named) == 1 else None}


# a number right after a day and month that is no 4-digit year: the page was cut inside the
# year, or it has 2 digits (century unknown): not resolved from context as if yearless
_TRUNCATED_YEAR = re.compile(r",?[ \t]+\d{1,3}(?:\s*$|[ \t]*(?:r\.|roku)(?!\w))")
_FUTURE_YEARS = 3   # a day this many years after the publication is a site banner, not a plan


def _sentence_before(pre: str) -> str:
    """The part of ``pre`` after its last sentence end (or line break)."""
    cut = max(pre.rfind(". "), pre.rfind("! "), pre.rfind("? "), pre.rfind("\n"))
    return pre[cut + 1:]


def _rejected(text: str, h: _Hit) -> bool:
    """Dates that are not activities whatever their context line."""
    g = _grammar()
    pre = text[max(0, h.start - 150):h.start]
    if g["legal_cue"].search(pre) and g["legal"].search(pre[-150:]):
        return True
    if h.first[2] is not None and g["street"].search(pre):
        return True
    if h.first == h.last and h.first[1] is not None and g["deadline"].search(_sentence_before(pre)):
        return True          # "zgłoszenia przyjmujemy do 22 kwietnia", "do końca sierpnia 2024": a deadline
    if h.rule in g["capital_names"] and h.last[0] is None and h.rel is None:
        word = re.search(r"[^\W\d_]+", text[h.start:h.end])
        if word and word.group()[:1].isupper() and not word.group().isupper():
            return True      # "3 Maja", "11 Listopada": a name, not a date in prose
    if h.last[0] is None and h.rel is None and _TRUNCATED_YEAR.match(text, h.end):
        return True          # "28 czerwca 20" cut off, or "28 czerwca 03 r.": the year is unknown
    if h.rule == "year_range":
        span = f"{h.first[0]}-{h.last[0]}"
        # "na lata 2014-2020", "Program ... 2007-2013": a planning period, not an activity
        if span in g["periods"] or g["period_cue"].search(pre) or re.search(r"(?<!\w)na\s+$", pre, re.I):
            return True
    return False


def annotate(doc) -> None:
    """``doc.published``: the page's own date (its metadata first, then the head of the
    text); layer "dates": dates of the reported activities (relative years resolve against
    the publication date)."""
    annotate_published(doc)
    doc.layers["dates"] = find_dates(doc.page, doc.published)


def annotate_published(doc) -> None:
    """``doc.published`` alone (a page not read for facts still has a publication date)."""
    page = doc.page
    doc.published = page.published or find_published(page.text, page.zones, page.title, page.url)


def find_dates(page, published: str | None, *, bare_years: bool = False) -> list[dict]:
    """Dates of the reported activities, inside the page's content zones.

    Single bare years ("od 2003 roku") are left out unless ``bare_years``: annotators treat
    them as optional (finding one earns nothing) while every one not listed costs
    precision.  Year ranges ("w latach 2016-2018") are always kept."""
    text = page.text
    if published and not re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", published):
        published = None     # not a full ISO day: resolve years from the text instead
    kinds = _kinds(text)
    listed = _dated_list_lines(text, [h for h, _ in kinds])
    hits = [h for h, kind in kinds if kind is None and in_zones(h.start, h.end, page.zones)
            and not _rejected(text, h) and h.start not in listed]
    # (position, year, precise): see _context_year for why precision matters
    explicit = [[(h.start, h.last[0], bool(h.last[1])) for h in hits if h.last[0] is not None],
                [(h.start, h.last[0], bool(h.last[1])) for h, kind in kinds
                 if h.last[0] is not None and kind in (None, "published", "dateline")],
                # (last, not a context tier) precise content dates, for _nearby_year
                [(h.start, h.last[0], True) for h in hits if h.last[0] is not None and h.last[1]]]
    # no publication day: the month of the page's address ("/2016/12/...") still dates it
    month = url_date(getattr(page, "url", None), month=True)
    reference = published or (f"{month}-15" if month and len(month) == 7 else None)
    years = _page_years(text, page.zones, hits)
    resolved = []
    for h in hits:
        ends = _resolve(h, reference, explicit, page.title, years)
        if ends is not None and not _far_after(ends[0], published):
            resolved.append((h, ends))
    items, seen = [], {}
    for h, ends in _join_until(text, resolved):
        keys = [(_iso(ends[0]), _iso(ends[1]))]
        if h.rule == "day_list":         # separate days written with one month
            month = keys[0][1][:7]
            keys = [(f"{month}-{d:02d}", f"{month}-{d:02d}") for d in h.days]
        for key in keys:
            _add_item(items, seen, key, text, h)
    if not bare_years:
        items = [it for it in items if it["rule"] != "year"]
    return _drop_restated_starts(_drop_covered_years(items))


_UNTIL = re.compile(r"(?<!\w)(?:aż\s+)?do\s+$", re.I)
_UNTIL_GAP_DAYS = 7      # "22 maja przyjechali ... przez trzy dni, do 24 maja": one visit
_UNTIL_GAP_CHARS = 200


def _join_until(text: str, resolved: list) -> list:
    """A day followed closely in the same paragraph by "do <day>" a few days later is one
    range ("W poniedziałek 22 maja przyjechali ... Przez trzy dni, do 24 maja").  A longer
    gap is more likely a deadline ("ogłoszono 12 maja, wnioski do 30 czerwca")."""
    out: list = []
    for h, ends in resolved:
        if out:
            p, pends = out[-1]
            if (p.first == p.last and h.first == h.last and p.first[2] and h.first[2]
                    and 0 < h.start - p.end <= _UNTIL_GAP_CHARS
                    and "\n" not in text[p.end:h.start]
                    and _UNTIL.search(text, max(0, h.start - 8), h.start)
                    and 0 < _days_between(pends[0], ends[0]) <= _UNTIL_GAP_DAYS):
                out[-1] = (_Hit(p.start, h.end, p.first, h.last, "until"), (pends[0], ends[1]))
                continue
        out.append((h, ends))
    return out


def _far_after(first: tuple, published: str | None) -> bool:
    """A precise day years after the publication date: a later site-wide banner or ticker
    ("Protest rolników od 20.03.2024r." over a 2014 article); plans that far ahead name a
    year or a month, not a day."""
    if not published or first[2] is None:
        return False
    return first[0] > int(published[:4]) + _FUTURE_YEARS


def _days_between(a: tuple, b: tuple) -> int:
    """Days from a to b; -1 when either is not a real day (29 February of a common year)."""
    try:
        return (date(*b) - date(*a)).days
    except ValueError:
        return -1


_LIST_MIN = 3          # this many dated list lines make a list of other news
_LIST_REST = re.compile(r"\s*(?:[|•·:]\s*)?[^\n]{0,100}")


def _dated_list_lines(text: str, hits) -> set[int]:
    """Starts of numeric dates that open (or make up) short lines of a list of other news
    ("12.03.2023 Sesja Rady Gminy" / "Sesja Rady Gminy\n12.03.2023"), when the page has at
    least _LIST_MIN of them: the zones may let such a block through."""
    found = []
    for h in hits:
        if h.rule not in ("numeric", "iso"):
            continue
        ls, le = _line_bounds(text, h.start, h.end)
        rest = text[h.end:le]
        if (not text[ls:h.start].strip() and _LIST_REST.fullmatch(rest)
                and not re.search(r"[.!?]\s+\S|[-–—]\s", rest)):
            found.append(h.start)
    return set(found) if len(found) >= _LIST_MIN else set()


def _add_item(items: list[dict], seen: dict, key: tuple, text: str, h: _Hit) -> None:
    """Append one date item, or only its evidence when (start, end) is already listed."""
    if key in seen:
        seen[key]["evidences"].append([h.start, h.end])
        return
    item = {"start": key[0], "end": key[1], "text": text[h.start:h.end],
            "evidence": [h.start, h.end], "rule": h.rule, "evidences": [[h.start, h.end]]}
    seen[key] = item
    items.append(item)


def _drop_restated_starts(items: list[dict]) -> list[dict]:
    """A day that opens a range of days the page gives restates when that activity began
    ("W dniach 09.08.2021-13.08.2021 odbył się wyjazd ... W poniedziałek 9 sierpnia 2021
    roku grupa wyjechała"): not an activity of its own.  A day inside the range names one
    part of it (a signing on the second day) and stays."""
    starts = {it["start"] for it in items if len(it["start"]) == 10 and it["end"] != it["start"]}
    return [it for it in items if it["start"] != it["end"] or it["start"] not in starts]


def _drop_covered_years(items: list[dict]) -> list[dict]:
    """A bare year adds nothing when a more precise date of that year is on the page."""
    precise = {it["start"][:4] for it in items if len(it["start"]) > 4}
    precise |= {it["end"][:4] for it in items if len(it["end"]) > 4}
    return [it for it in items if len(it["start"]) > 4 or it["start"] != it["end"]
            or it["start"] not in precise]
