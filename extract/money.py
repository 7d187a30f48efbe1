"""Sums of money: "100 102,00 zł", "1,2 mln zł", "ok. 5 000 euro", "$3 mln" -> value + ISO 4217.

A number counts as money only with a currency word or sign next to it (so years, phone
numbers, percentages and head counts never do).  Currency words and multipliers are data
in ``extract/data/money.toml``.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from extract.lexicon import currency_words, fold
from extract.text import in_zones

_DATA = Path(__file__).parent / "data" / "money.toml"

# thousands are grouped by spaces (also no-break and thin spaces), dots or commas
_GROUP = "[ \u00a0\u202f\u2009.,]"
# "174 204, 58 zł": a stray space after the decimal comma happens in real pages (only
# after grouped thousands: "5, 10 lub 20 zł" is a list)
_NUM = (rf"(?=\d)(?<![\d.,])(?:\d{{1,3}}(?:{_GROUP}\d{{3}}(?!\d))+(?:,\s?\d{{1,2}}(?!\d))?"
        r"|\d+(?:[.,]\d+)?)")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _word(alt: str) -> str:
    """A word alternation that cannot end inside a longer word ("euro" not in "europejski")."""
    return rf"(?:{alt})(?:(?<=\W)|(?!\w))(?!-\w)"


@lru_cache(maxsize=1)
def _grammar() -> dict:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words = currency_words()
    currency_of, prefix_of, factor_of = words.currency_of, words.prefix_of, words.factor_of
    mult = rf"(?:\s*(?P<mult>{_word(_alt(factor_of))}))?"
    suffix = re.compile(
        rf"(?P<num>{_NUM})(?:,[-–]{{1,2}})?{mult}\s*(?P<cur>{_word(_alt(currency_of))})", re.I)
    prefix = re.compile(
        rf"(?=[{''.join(sorted({re.escape(w[0]) for w in prefix_of}))}])"   # cheap first check
        rf"(?<!\w)(?P<cur>{_word(_alt(prefix_of))})\s?(?P<num>{_NUM}){mult}", re.I)
    not_money = re.compile(rf"\s+(?:{_alt(data['not_money']['after'])})(?!\w)", re.I)
    return {"rules": [("suffix", suffix), ("prefix", prefix)], "currency_of": currency_of,
            "prefix_of": prefix_of, "factor_of": factor_of, "not_money": not_money}


def parse_number(num: str, multiplied: bool = False) -> float:
    """A written number as float: "100 102,00" -> 100102.0, "1,2" -> 1.2, "5.000" -> 5000.

    A lone separator before exactly three digits groups thousands ("5.000 EUR",
    "£2,500") unless a multiplier follows ("1,500 mln zł" is one and a half million)."""
    s = re.sub(r"[ \u00a0\u202f\u2009]", "", num)
    if "," in s and "." in s:               # the last separator is the decimal one
        dec = max(s.rfind(","), s.rfind("."))
        return float(re.sub(r"[.,]", "", s[:dec]) + "." + s[dec + 1:])
    sep = "," if "," in s else "."
    if s.count(sep) > 1 or (re.fullmatch(r"\d{1,3}[.,]\d{3}", s) and not multiplied):
        return float(s.replace(sep, ""))     # 1,500,000 / 5.000 / 1.500.000
    return float(s.replace(",", "."))


def annotate(doc) -> None:
    """Layer "amounts": every sum of money inside the content zones, each (value, currency) once."""
    doc.layers["amounts"] = find_amounts(doc.page)


def find_amounts(page) -> list[dict]:
    """Every sum of money inside the page's content zones, each (value, currency) once."""
    g = _grammar()
    text = page.text
    taken: list[tuple[int, int]] = []
    items, seen = [], set()
    for rule, rx in g["rules"]:
        for zs, ze in page.zones:
            for m in rx.finditer(text, zs, ze):
                s, e = m.start("num") if rule == "suffix" else m.start(), m.end()
                if any(s < te and ts < e for ts, te in taken) or not in_zones(s, e, page.zones):
                    continue
                if g["not_money"].match(text, m.end()):
                    continue                      # "5 złotych medali"
                table = g["currency_of"] if rule == "suffix" else g["prefix_of"]
                value = parse_number(m.group("num"), bool(m.group("mult")))
                if m.group("mult"):
                    value *= g["factor_of"][fold(m.group("mult"))]
                currency = table[fold(m.group("cur"))]
                taken.append((s, e))
                if value <= 0 or (value, currency) in seen:
                    continue
                seen.add((value, currency))
                items.append({"value": value, "currency": currency, "text": text[s:e],
                              "evidence": [s, e], "start": s, "end": e, "rule": rule})
    return sorted(items, key=lambda it: it["start"])
