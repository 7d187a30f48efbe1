"""trafilatura's extraction cascade as page.py runs it: trafilatura's own functions on the
project's tree, with its EXSLT regular-expression tests guarded.

trafilatura finds boilerplate with XPath expressions that test id and class values with
the EXSLT function ``re:test`` (``BASIC_CLEAN_XPATH``'s cookie banners, the comment lists,
``OVERALL_DISCARD_XPATH``...).  lxml runs every ``re:test`` call in Python, for every
element the expression reaches, whether or not the element has the attribute: about a
third of trafilatura's time (docs/benchmarks.md).  An element without the attribute hands
the test an empty string, which a pattern that cannot match "" never matches, so

    re:test(@id|@class, 'P')   becomes   ((@id or @class) and re:test(@id|@class, 'P'))

and selects the same elements in the same order: XPath's ``and`` stops at a false left
side inside libxml2, so Python is called only for the elements that have one of the
attributes.  A test whose pattern can match "" (or that is not written in this form) is
left as it is.  (A guard on the literals a pattern needs, ``contains(...)``, was measured
too: slower than the callback once ``translate`` is needed for case, no faster without.)

``bare_extraction`` runs ``trafilatura.bare_extraction`` with the guarded expressions in
place of its module-level ones and puts the originals back when the last caller leaves:
a program that also calls trafilatura itself (benchmarks/bench_facts.py does, to compare)
runs trafilatura's expressions unchanged.  While a thread is inside, another thread's
trafilatura call meets the guarded ones, which select the same elements.
"""
from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

REGEXP_NS = "http://exslt.org/regular-expressions"

# re:test(<attribute or union of attributes>, '<pattern>'[, '<flags>']): the form
# trafilatura writes (XPath 1.0 string literals cannot hold their own quote character)
_RE_TEST = re.compile(r"re:test\(\s*(@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)")


def guarded(expr: str) -> str:
    """``expr`` with every ``re:test`` of attributes behind a test that one of them exists."""
    return _RE_TEST.sub(_guard, expr)


def _guard(m: re.Match) -> str:
    attrs = [a.strip() for a in m.group(1).split("|")]
    try:
        matches_empty = re.search(m.group(2), "", re.I if "i" in (m.group(3) or "") else 0) is not None
    except re.error:
        return m.group(0)  # lxml would refuse it as well: leave it to say so
    if matches_empty:  # then an element without the attribute passes the test
        return m.group(0)
    return f"(({' or '.join(attrs)}) and {m.group(0)})"


_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_PREFIX = re.compile(r"(?<![\w.:-])([A-Za-z_][\w.-]*):(?!:)")  # "re:test", not "self::div"


def _prefixes(expr: str) -> set[str]:
    """The namespace prefixes an XPath expression names (outside its string literals)."""
    return set(_PREFIX.findall(_LITERAL.sub("''", expr)))


@dataclass(frozen=True)
class _Swap:
    """One module-level place that holds an expression: a module attribute or a list item."""

    holder: object  # a module, or a list of expressions
    key: str | int
    original: object
    replacement: object

    def current(self):
        return self.holder[self.key] if isinstance(self.holder, list) else getattr(self.holder, self.key)

    def put(self, value) -> None:
        if isinstance(self.holder, list):
            self.holder[self.key] = value
        else:
            setattr(self.holder, self.key, value)


@lru_cache(maxsize=1)
def swaps() -> tuple[_Swap, ...]:
    """Every module-level XPath of trafilatura that tests with ``re:test``, and its guarded
    replacement, compiled once.  A list of expressions is shared by the modules that
    import it, so its items are swapped in place; a single expression is imported under
    its name into several modules, each of which gets the replacement."""
    import trafilatura  # noqa: F401  (loads the modules whose expressions are swapped)
    from lxml import etree

    compiled: dict[int, object] = {}

    def replacement(xp):
        if id(xp) not in compiled:
            expr, new = guarded(xp.path), None
            # (an expression with namespace prefixes of its own, which an XPath object does
            # not tell, stays as trafilatura compiled it)
            if expr != xp.path and _prefixes(xp.path) <= {"re"}:
                new = etree.XPath(expr, namespaces={"re": REGEXP_NS})
            compiled[id(xp)] = new
        return compiled[id(xp)]

    out: list[_Swap] = []
    seen_lists: set[int] = set()
    for name in sorted(n for n in sys.modules if n == "trafilatura" or n.startswith("trafilatura.")):
        module = sys.modules[name]
        for key, value in sorted(vars(module).items()):
            if isinstance(value, etree.XPath) and "re:test" in value.path:
                new = replacement(value)
                if new is not None:
                    out.append(_Swap(module, key, value, new))
            elif isinstance(value, list) and id(value) not in seen_lists and value \
                    and all(isinstance(x, etree.XPath) for x in value):
                seen_lists.add(id(value))
                for i, xp in enumerate(value):
                    new = replacement(xp) if "re:test" in xp.path else None
                    if new is not None:
                        out.append(_Swap(value, i, xp, new))
    return tuple(out)


_lock = threading.Lock()
_inside = 0  # threads now inside bare_extraction


def bare_extraction(tree, options):
    """``trafilatura.bare_extraction(tree, options=options)``, its re:test expressions guarded."""
    global _inside
    from trafilatura import bare_extraction as trafilatura_bare_extraction

    with _lock:
        # worked out under the lock: a first call made while another thread is inside would
        # read the guarded expressions as trafilatura's own
        todo = swaps()
        _inside += 1
        if _inside == 1:
            for s in todo:
                s.put(s.replacement)
    try:
        return trafilatura_bare_extraction(tree, options=options)
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                for s in todo:
                    s.put(s.original)


def active() -> bool:
    """Are the guarded expressions in place now (some thread inside ``bare_extraction``)?"""
    return _inside > 0


def trafilatura_as_shipped() -> bool:
    """Does trafilatura hold its own expressions now (what a plain caller of it runs)?"""
    return all(s.current() is s.original for s in swaps())
