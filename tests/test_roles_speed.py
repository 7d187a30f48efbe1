"""The fast paths of roles, projects and dates find exactly what the plain regex scans
find: one lower-cased case-sensitive pass instead of many IGNORECASE passes."""
import random
import re

from extract import dates, projects, roles
from extract.projects import FOLDS_APART, PLAIN_LOWER

TEXTS = [
    "Projekt współfinansowany ze środków Unii Europejskiej zorganizowała Gmina Kozy "
    "wspólnie z Fundacją Wspólna Europa, a partnerem było Stowarzyszenie Razem.",
    "SPOTKANIE ZORGANIZOWAŁ URZĄD MIASTA; W RAMACH PROGRAMU Dzięki Wsparciu Fundacji X.",
    "Delegację z Kijowa przyjął wójt,\u00a0który oprowadził gości po Urzędzie Gminy Zawoja.",
    "Warsztaty poprowadziła Anna Nowak z Fundacji Pracownia Rozwoju (prowadzący: Jan Lis).",
    "Dofinansowanie w kwocie 12 500,00 zł z budżetu Województwa otrzymała Gmina Baćkowice.",
    "Dzięki uprzejmości i wsparciu Ambasady RP gościliśmy w Sali Rycerskiej uczestników.",
    "Kısa wizyta: ſpotkanie w ramach projektu finansowanego przez İnstytut KİT.",
]


def _fuzz(n: int) -> list[str]:
    """Sentences glued from cue words in mixed case, names and punctuation."""
    words = ["finansowany", "przez", "ze", "środków", "W", "ramach", "wraz", "z", "Gmina",
             "Kozy", "zorganizowała", "partnerem", "jest", "oraz", "którego", ",", ";",
             "a", "także", "przy", "wsparciu", "finansowym", "ORGANIZATOREM", "był",
             "udział", "wzięli", "przedstawiciele", "odwiedzili", "Urząd", "\n", "  "]
    rnd = random.Random(5)
    out = []
    for _ in range(n):
        ws = [rnd.choice(words) for _ in range(rnd.randint(1, 14))]
        out.append(" ".join(w.upper() if rnd.random() < 0.2 else w for w in ws))
    return out


def _slow_cues(text, start, end):
    return sorted(roles._group_scans(text, start, end, range(len(roles._cue_patterns()))))


def test_cue_scanner_finds_what_every_group_finds():
    scanner, by_char, unscanned = roles._cue_scanner()
    assert by_char  # the cue groups of actors.toml are scanned, not all left to the slow path
    for text in TEXTS + _fuzz(1500):
        for start, end in ((0, len(text)), (3, max(3, len(text) - 4))):
            low = text[start:end].lower()
            fast = list(roles._scanned_cues(text, start, end, low, scanner, by_char))
            fast += roles._group_scans(text, start, end, unscanned)
            if not FOLDS_APART.search(text, start, end):
                assert sorted(fast) == _slow_cues(text, start, end), text


def test_a_zone_with_odd_letters_keeps_the_cues_ignorecase_finds():
    # "ſ" is "s" to IGNORECASE but not to lower(): such a zone is scanned group by group
    text = "Burmistrz ſpotkał się z delegacją z Gminy Kozy."
    assert FOLDS_APART.search(text)
    assert any(c.start == text.index("ſpotkał") for c in roles.find_cues(text, 0, len(text)))


def test_folds_apart_lists_every_letter_lower_cannot_stand_for():
    """Over every code point: a character IGNORECASE equates with a PLAIN_LOWER letter
    lowers to that letter, and lower() keeps length, \\w and \\s, unless FOLDS_APART."""
    every = "".join(map(chr, range(0x110000)))
    plain = re.compile("[" + "".join(sorted(PLAIN_LOWER)) + "]", re.I)
    for ch in plain.findall(every):
        assert ch.lower() in PLAIN_LOWER or FOLDS_APART.match(ch), repr(ch)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    for ch in every:
        low = ch.lower()
        if low == ch or FOLDS_APART.match(ch):
            continue
        assert len(low) == 1, repr(ch)
        assert bool(word.match(ch)) == bool(word.match(low)), repr(ch)
        assert bool(space.match(ch)) == bool(space.match(low)), repr(ch)


def test_project_cues_on_lowered_text_match_the_ignorecase_scan():
    r = projects.rules()
    assert r.cue_lower is not None
    sents = TEXTS + _fuzz(300) + ["Na KONFERENCJI „Samorząd” i w Projekcie pn. X oraz WIZYTA  STUDYJNA w Kijowie."]
    for sent in sents:
        assert projects._cue_spans(sent, r) == [m.span() for m in r.cue.finditer(sent)], sent


def test_titled_prefilter_never_hides_a_titled_name():
    r = projects.rules()
    for sent in TEXTS + ["Udział w Europejskim Kongresie Samorządów w Mikołajkach.",
                         "Gmina była gospodarzem III Forum Rozwoju Lokalnego."]:
        if r.titled.search(sent):
            assert r.any_head.search(sent)


def test_label_before_a_date_is_read_from_its_end_only():
    g = dates._grammar()
    pieces = ["Data spotkania", "napisał", "Napisała", "termin", ":", " ", "  ", "(", ",", ".",
              "Jan Kowalski", "x" * 35, "\t", "ą", "Komentarz"]
    rnd = random.Random(3)
    for _ in range(20000):
        before = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        expected = bool(g["other_head"].search(before) or g["comment"].search(before))
        assert dates._labelled(before, g) == expected, before


def test_dangling_end_is_read_from_the_end_only():
    pieces = ["projektu pn.", "PN.", "p. n.", "p.n.", "Pod nazwą", "pod tytułem", "o nazwie", ":",
              " ", "\n", "\t", "słowo", "apn.", " pt.", "x" * 20]
    rnd = random.Random(4)
    for _ in range(20000):
        sent = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 7)))
        assert projects._dangling(sent) == bool(projects._DANGLING.search(sent)), sent


def test_a_name_stated_before_its_cue_is_still_found():
    # to_cue is skipped in sentences without a cue noun; one with it still names the project
    text = "Aktywna Wieś to projekt realizowany przez gminę od trzech lat."
    found = projects._in_sentence(text, 0, len(text), projects.rules())
    assert [(it["name"], it["rule"]) for it in found] == [("Aktywna Wieś", "name_to_cue")]
