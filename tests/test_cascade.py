"""trafilatura's cascade with its re:test expressions guarded (extract/cascade.py): the same
elements, the same main text, and trafilatura left as it was for everybody else."""
from __future__ import annotations

import random
import re
import re._constants as sre
import re._parser as sre_parse
import sys
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree, html

from extract import cascade
from extract.decode import decode_html
from extract.page import _extractor, _load_html, page_from_html

sys.path.insert(0, str(Path(__file__).resolve().parent / "layouts"))
import layouts  # noqa: E402

# tags trafilatura's expressions name (its own converted ones among them: list, item)
TAGS = ("div", "section", "article", "aside", "span", "p", "ul", "ol", "li", "list", "item",
        "details", "main", "nav", "header", "footer", "h1", "table", "a")
ATTRS = ("class", "id", "style", "role")


def _example(items, rng: random.Random) -> str:
    """A string the parsed pattern ``items`` matches, mostly (look-arounds are skipped)."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.IN:
            chars = [chr(v) for o, v in av if o is sre.LITERAL] + [chr(v[0]) for o, v in av if o is sre.RANGE]
            out.append(rng.choice(chars) if chars else rng.choice(" a"))
        elif op is sre.BRANCH:
            out.append(_example(rng.choice(av[1]), rng))
        elif op is sre.SUBPATTERN:
            out.append(_example(av[3], rng))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            out.append("".join(_example(av[2], rng) for _ in range(rng.randint(av[0], min(av[1], av[0] + 2)))))
        elif op is sre.CATEGORY or op is sre.ANY:
            out.append(rng.choice(" a"))
    return "".join(out)


def _vocabulary(expr: str, rng: random.Random) -> list[str]:
    """Strings that match the expression's patterns (several of each), the words of its
    other literals, and a few that match nothing: attribute values made of them."""
    words = set()
    for pattern in re.findall(r"re:test\([^,]+,\s*'([^']*)'", expr):
        parsed = list(sre_parse.parse(pattern))
        words.update(_example(parsed, rng) for _ in range(12))
    for literal in re.findall(r"'([^']*)'", expr):
        words.update(w for w in re.split(r"[^A-Za-z0-9_-]+", literal) if w)
    return sorted(words) + ["", " ", "x", "main", "content"]


def _random_tree(rng: random.Random, vocab: list[str], n: int = 120):
    root = etree.Element("body")
    nodes = [root]
    for _ in range(n):
        el = etree.SubElement(rng.choice(nodes), rng.choice(TAGS))
        for attr in ATTRS:
            if rng.random() < 0.45:
                parts = [rng.choice(vocab) for _ in range(rng.randint(0, 3))]
                value = rng.choice(("-", "_", " ", "")).join(parts)
                el.set(attr, rng.choice((value, value.upper(), value.title(), " " + value)))
        if el.tag == "a" and rng.random() < 0.7:
            el.set("href", "/strona")
        el.text = rng.choice(("", "Tekst", None))
        nodes.append(el)
    return html.fromstring(etree.tostring(root))


def _paths(tree, found) -> list[str]:
    where = tree.getroottree()
    return [where.getpath(e) if isinstance(e, etree._Element) else repr(e) for e in found]


def test_there_are_expressions_to_guard():
    """The cookie-banner test, the dearest of them (docs/benchmarks.md), is among them."""
    swapped = {getattr(s.holder, "__name__", None): s.key for s in cascade.swaps()}
    assert swapped.get("trafilatura.settings") == "BASIC_CLEAN_XPATH"
    assert len(cascade.swaps()) >= 10


@pytest.mark.parametrize("k", range(len(cascade.swaps())))
def test_a_guarded_expression_selects_what_trafilaturas_selects(k):
    swap = cascade.swaps()[k]
    assert "re:test" in swap.replacement.path and swap.replacement.path != swap.original.path
    rng = random.Random(k)
    vocab = _vocabulary(swap.original.path, rng)
    hits = 0
    for _ in range(40):
        tree = _random_tree(rng, vocab)
        want = _paths(tree, swap.original(tree))
        assert _paths(tree, swap.replacement(tree)) == want
        hits += len(want)
    assert hits, "the random trees never matched: the comparison says nothing"


def test_a_pattern_that_matches_the_empty_string_is_left_alone():
    tree = html.fromstring("<div><p>bez klasy</p><p class='x'>z klasą</p></div>")
    for expr in (".//p[re:test(@class, 'x?')]", ".//p[re:test(@class|@id, '^$|y')]"):
        assert cascade.guarded(expr) == expr
        xp = etree.XPath(expr, namespaces={"re": cascade.REGEXP_NS})
        assert len(xp(tree)) >= 1  # the element with no class is selected: no guard may hide it
    expr = ".//p[re:test(@id|@class, 'comment-?list', 'i')]"
    assert cascade.guarded(expr) == ".//p[((@id or @class) and re:test(@id|@class, 'comment-?list', 'i'))]"


def _pages() -> list[bytes]:
    return [layouts.page(layout, a) for layout in layouts.LAYOUTS for a in layouts.ARTICLES]


def test_the_main_text_is_trafilaturas_own():
    import trafilatura

    for body in _pages():
        tree = _load_html(decode_html(body)[0])
        ours = cascade.bare_extraction(deepcopy(tree), _extractor())
        theirs = trafilatura.bare_extraction(deepcopy(tree), options=_extractor())
        assert ours.text == theirs.text


def test_trafilatura_is_left_as_it_was_for_its_other_callers():
    pages = _pages()
    page_from_html(pages[0])
    assert not cascade.active()
    assert cascade.trafilatura_as_shipped()
    # and from threads at once: the same pages, the same results as one after another
    serial = [page_from_html(b).text for b in pages]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda b: page_from_html(b).text, pages)) == serial
    assert not cascade.active()
    assert cascade.trafilatura_as_shipped()


def test_an_expression_it_cannot_compile_again_stays_trafilaturas(monkeypatch):
    """An expression with namespace prefixes of its own (which the rewrite does not know)
    keeps running as trafilatura wrote it; a plain one beside it is guarded."""
    import types

    module = types.ModuleType("trafilatura._samorzad_test")
    module.OWN_PREFIX = etree.XPath(".//*[f:x and re:test(@class, 'baner')]",
                                    namespaces={"re": cascade.REGEXP_NS, "f": "urn:samorzad:test"})
    module.PLAIN = [etree.XPath(".//*[re:test(@class, 'baner')]", namespaces={"re": cascade.REGEXP_NS})]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    cascade.swaps.cache_clear()
    try:
        mine = [s for s in cascade.swaps() if s.holder is module or s.holder is module.PLAIN]
        assert [s.holder for s in mine] == [module.PLAIN]
    finally:
        cascade.swaps.cache_clear()
