"""Municipal news pages in the three layouts Polish municipal CMSes use, written for tests.

Fictional communes, fictional projects; every text here was written for the project.
Each article is rendered three times:

* ``html5``:  semantic HTML5 (<header>, <nav>, <main>, <article>, <aside>, <footer>);
* ``divy``:   nested <div>s told apart only by class names, no semantic tags, no <h1>;
* ``tabele``: an old table layout: menu, article and sidebar in <td>s of one table, the
  footer in the last row, <br> instead of paragraphs, windows-1250 on one page.

Every page carries the same kinds of boilerplate: cookie banner, menu, breadcrumbs,
share/print line, author and view-counter lines, "Najnowsze aktualności" and "Zobacz
także" lists, an EU-funds banner, reader comments and the office's footer.
``ARTICLES`` hold what a reader must find in the page text; ``BOILERPLATE`` what must not
be there.  ``write_site`` writes all pages (plus a listing per layout) for
tests/site/server.py.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))
import sitegen  # noqa: E402

LAYOUTS = ("html5", "divy", "tabele")


@dataclass
class Article(sitegen.Article):
    """An article of the site of tests/site, with a list it introduces."""
    items: list[str] = field(default_factory=list)
    intro: str = ""  # the sentence introducing the list
    after_items: list[str] = field(default_factory=list)  # paragraphs after the list

    def sentences(self) -> list[str]:
        """Every sentence of the article: a reader must find each in the page text (the
        headline is the page's title, checked there)."""
        return [*self.paragraphs, *([self.intro] if self.intro else []), *self.items,
                *self.after_items]


ARTICLES = [
    Article(
        "partnerstwo-z-gmina-velke-kostolany", "Partnerstwo z gminą Veľké Kostoľany", "2025-02-11",
        ["Wójt Gminy Jodłowa Góra Tadeusz Wrona i starosta gminy Veľké Kostoľany Ján Hlavatý "
         "podpisali 10 lutego 2025 r. porozumienie o współpracy partnerskiej.",
         "Obie gminy od trzech lat wymieniały się doświadczeniami w gospodarce wodnej i w "
         "prowadzeniu świetlic wiejskich.",
         "Porozumienie przewiduje coroczne wizyty radnych, wspólne obozy dla młodzieży oraz "
         "wymianę zespołów ludowych podczas dożynek.",
         "Pierwszym wspólnym przedsięwzięciem będzie projekt „Woda dla dwóch dolin” o wartości "
         "480 000 euro, złożony w programie Interreg Polska–Słowacja."]),
    Article(
        "wizyta-studyjna-z-ukrainy", "Wizyta studyjna samorządowców z obwodu wołyńskiego",
        "2025-03-04",
        ["W dniach 3–5 marca 2025 r. gościliśmy dwunastu samorządowców z obwodu wołyńskiego w "
         "ramach projektu „Sąsiedzi w samorządzie”.",
         "Projekt realizuje Fundacja Lokalnych Inicjatyw we współpracy z Gminą Jodłowa Góra, a "
         "finansuje go Ministerstwo Spraw Zagranicznych z programu Polska pomoc rozwojowa."],
        intro="W programie wizyty znalazły się:",
        items=["spotkanie z radnymi i sołtysami gminy,",
               "zwiedzanie oczyszczalni ścieków w Dąbrówce,",
               "warsztaty o budżecie obywatelskim,",
               "wizyta w Szkole Podstawowej w Jodłowej Górze."],
        after_items=["Goście zapowiedzieli, że jesienią zaproszą naszych radnych do Łucka.",
                     "Zapraszamy do obejrzenia galerii zdjęć z wizyty."]),
    Article(
        "konferencja-o-energii", "Konferencja o energii odnawialnej w gminach pogranicza",
        "2025-04-22",
        ["Ponad stu uczestników wzięło udział w konferencji „Energia pogranicza”, którą 15 "
         "kwietnia 2025 r. zorganizował Związek Gmin Karpackich.",
         "Eksperci z Polski, Słowacji i Węgier omawiali spółdzielnie energetyczne oraz wspólne "
         "zakupy paneli fotowoltaicznych dla szkół i remiz.",
         "Burmistrz Miskolca Ferenc Szabó przedstawił, jak węgierskie gminy rozliczają energię "
         "z biogazowni.",
         "Konferencję dofinansowano ze środków Unii Europejskiej w ramach programu Interreg "
         "Europa Środkowa."]),
    Article(
        "mlodziez-na-litwie", "Młodzież z Jodłowej Góry na warsztatach w Olicie", "2025-05-19",
        ["Dwudziestu uczniów naszej szkoły spędziło tydzień w litewskim mieście Olita na "
         "warsztatach teatralnych z rówieśnikami z Litwy i Łotwy.",
         "Wymianę sfinansowano z programu Erasmus+ w ramach projektu „Scena bez granic” "
         "prowadzonego przez Stowarzyszenie Przyjaciół Szkoły.",
         "Uczniowie przygotowali wspólny spektakl po polsku, litewsku i angielsku.",
         "Pokaz spektaklu odbędzie się 6 czerwca 2025 r. w Gminnym Ośrodku Kultury."],
        encoding="windows-1250"),
]

OTHER_TITLES = ["Harmonogram odbioru odpadów wielkogabarytowych",
                "Nabór wniosków o dotację na wymianę pieców",
                "Zebranie wiejskie w sołectwie Dąbrówka"]
COOKIES = ("Nasz serwis wykorzystuje pliki cookies. Korzystanie z witryny bez zmiany ustawień "
           "przeglądarki oznacza, że będą one zapisywane w urządzeniu.")
MENU = ["Strona główna", "Urząd Gminy", "Rada Gminy", "Zamówienia publiczne", "Turystyka",
        "Oświata", "Kontakt"]
EU_BANNER = ("Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego "
             "Funduszu Rozwoju Regionalnego. Fundusze Europejskie dla Podkarpacia.")
FOOTER = ["Urząd Gminy Jodłowa Góra", "ul. Szkolna 3, 38-120 Jodłowa Góra",
          "tel. 17 000 12 34, e-mail: urzad@jodlowagora.example.pl",
          "Deklaracja dostępności", "© 2025 Gmina Jodłowa Góra. Wszelkie prawa zastrzeżone."]
COMMENTS = [("Krzysiek", "Super, że dzieciaki mogą tak wyjechać, oby więcej takich wyjazdów."),
            ("Mieszkanka", "A chodnik przy szkole dalej dziurawy, o tym też warto napisać.")]
SHARE = ["Udostępnij", "Drukuj", "Wyślij znajomemu"]


def boilerplate() -> list[str]:
    """Lines no page text may hold (each is a whole line of some page's chrome)."""
    lines = [COOKIES, "Najnowsze aktualności", "Zobacz także", *OTHER_TITLES, EU_BANNER,
             *FOOTER, *SHARE, "Komentarze (2)", "Dodaj komentarz", "Autor: Anna Kowalczyk",
             "Odsłony: 1342", "Jesteś tutaj: Strona główna » Aktualności",
             *(text for _, text in COMMENTS), *(f"{who} napisał:" for who, _ in COMMENTS)]
    return lines + [m for m in MENU if m != "Strona główna"]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pl_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


def _body(a: Article, para: str, sep: str, listing) -> str:
    """The article's paragraphs, each in the ``para`` format, and its list as ``listing``
    renders the introducing sentence and the items."""
    blocks = [para.format(_esc(p)) for p in a.paragraphs]
    if a.items:
        blocks.append(listing(_esc(a.intro), [_esc(i) for i in a.items]))
        blocks += [para.format(_esc(p)) for p in a.after_items]
    return sep.join(blocks)


def _html5(a: Article) -> str:
    menu = "".join(f'<li><a href="/html5/{i}.html">{_esc(m)}</a></li>' for i, m in enumerate(MENU))
    body = _body(a, "<p>{}</p>", "", lambda intro, items: f"<p>{intro}</p><ul>"
                 + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    others = "".join(f'<li><a href="/html5/{i}-inne.html">{_esc(t)}</a></li>' for i, t in enumerate(OTHER_TITLES))
    comments = "".join(f'<article class="comment"><p class="who">{who} napisał:</p><p>{_esc(t)}</p></article>'
                       for who, t in COMMENTS)
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>{_esc(a.title)} | Gmina Jodłowa Góra</title>
<meta property="og:title" content="{_esc(a.title)}">
<script>window.dataLayer = []; function gtag(){{dataLayer.push(arguments);}} gtag('config', 'G-XXXX');</script>
<style>.cookie {{ position: fixed; }} body {{ font-family: sans-serif; }}</style></head>
<body>
<div class="cookie" role="dialog"><p>{COOKIES}</p><button>Akceptuję</button></div>
<header><a class="logo" href="/">Gmina Jodłowa Góra</a><nav aria-label="Menu główne"><ul>{menu}</ul></nav></header>
<nav class="breadcrumbs">Jesteś tutaj: Strona główna » Aktualności</nav>
<main>
<article>
<header><h1>{_esc(a.title)}</h1>
<p class="meta"><time datetime="{a.date}">{_pl_date(a.date)}</time></p>
<p class="author">Autor: Anna Kowalczyk</p><p class="views">Odsłony: 1342</p></header>
{body}
<footer class="share"><ul><li><a href="#">Udostępnij</a></li><li><a href="#">Drukuj</a></li><li><a href="#">Wyślij znajomemu</a></li></ul></footer>
</article>
<section class="related"><h2>Zobacz także</h2><ul>{others}</ul></section>
<section class="comments"><h2>Komentarze (2)</h2>{comments}<form><label>Dodaj komentarz</label><textarea></textarea></form></section>
</main>
<aside><h2>Najnowsze aktualności</h2><ul>{others}</ul></aside>
<footer class="site"><div class="eu"><img src="/ue.png" alt="Logo UE"><p>{EU_BANNER}</p></div>
{''.join(f"<p>{_esc(f)}</p>" for f in FOOTER)}</footer>
</body></html>
"""


def _divy(a: Article) -> str:
    menu = "".join(f'<div class="menu-item"><a href="/divy/{i}.html">{_esc(m)}</a></div>' for i, m in enumerate(MENU))
    body = _body(a, '<div class="akapit">{}</div>', "", lambda intro, items: f'<div class="akapit">{intro}<br>'
                 + "<br>".join(f"- {i}" for i in items) + "</div>")
    others = "".join(f'<div class="news-link"><a href="/divy/{i}-inne.html">{_esc(t)}</a></div>'
                     for i, t in enumerate(OTHER_TITLES))
    comments = "".join(f'<div class="kom"><div class="kom-autor">{who} napisał:</div>'
                       f'<div class="kom-tresc">{_esc(t)}</div></div>' for who, t in COMMENTS)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Gmina Jodłowa Góra - {_esc(a.title)}</title></head>
<body><div id="wrapper">
<div id="cookies-info"><div class="txt">{COOKIES}</div><div class="btn">Akceptuję</div></div>
<div id="top"><div class="logo">Gmina Jodłowa Góra</div><div class="menu-glowne">{menu}</div></div>
<div class="sciezka">Jesteś tutaj: Strona główna » Aktualności</div>
<div id="srodek"><div class="kolumna-lewa"><div class="box-aktualnosci"><div class="box-naglowek">Najnowsze aktualności</div>{others}</div></div>
<div class="kolumna-tresc"><div class="wpis">
<div class="wpis-tytul">{_esc(a.title)}</div>
<div class="wpis-data">{_pl_date(a.date)}</div>
<div class="wpis-tresc">{body}</div>
<div class="wpis-info"><div>Autor: Anna Kowalczyk</div><div>Odsłony: 1342</div></div>
<div class="narzedzia"><a href="#">Udostępnij</a> <a href="#">Drukuj</a> <a href="#">Wyślij znajomemu</a></div>
</div>
<div class="zobacz"><div class="zobacz-naglowek">Zobacz także</div>{others}</div>
<div class="komentarze"><div class="kom-naglowek">Komentarze (2)</div>{comments}<div class="kom-dodaj">Dodaj komentarz</div></div>
</div></div>
<div id="stopka"><div class="unia">{EU_BANNER}</div>{''.join(f'<div class="adres">{_esc(f)}</div>' for f in FOOTER)}</div>
</div></body></html>
"""


def _tabele(a: Article) -> str:
    menu = "<br>".join(f'<a href="/tabele/{i}.html">{_esc(m)}</a>' for i, m in enumerate(MENU))
    body = _body(a, "{}", "<br><br>", lambda intro, items: f"{intro}<br>" + "<br>".join(f"- {i}" for i in items))
    others = "<br>".join(f'<a href="/tabele/{i}-inne.html">{_esc(t)}</a>' for i, t in enumerate(OTHER_TITLES))
    comments = "".join(f'<tr><td class="kom"><b>{who} napisał:</b><br>{_esc(t)}</td></tr>' for who, t in COMMENTS)
    charset = a.encoding
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>Gmina Jodłowa Góra :: Aktualności</title></head>
<body bgcolor="#ffffff">
<table width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="3" class="naglowek"><font size="5">Gmina Jodłowa Góra</font><br><font size="1">{COOKIES}</font> <a href="#">Akceptuję</a></td></tr>
<tr><td colspan="3" class="sciezka">Jesteś tutaj: Strona główna » Aktualności</td></tr>
<tr>
<td width="180" valign="top" class="lewa">{menu}</td>
<td valign="top" class="srodek">
<font size="4"><b>{_esc(a.title)}</b></font><br>
<font size="1">{_pl_date(a.date)}</font><br><br>
{body}
<br><br><font size="1">Autor: Anna Kowalczyk<br>Odsłony: 1342</font><br>
<a href="#">Udostępnij</a> | <a href="#">Drukuj</a> | <a href="#">Wyślij znajomemu</a>
<br><br><b>Zobacz także</b><br>{others}
<br><br><table width="100%" class="komentarze"><tr><td><b>Komentarze (2)</b></td></tr>{comments}
<tr><td><a href="#">Dodaj komentarz</a></td></tr></table>
</td>
<td width="200" valign="top" class="prawa"><b>Najnowsze aktualności</b><br>{others}</td>
</tr>
<tr><td colspan="3" class="stopka"><font size="1">{EU_BANNER}</font><br>{'<br>'.join(_esc(f) for f in FOOTER)}</td></tr>
</table></body></html>
"""


RENDER = {"html5": _html5, "divy": _divy, "tabele": _tabele}


def page(layout: str, a: Article) -> bytes:
    """One article page; the table layout writes each article in its own encoding."""
    encoding = a.encoding if layout == "tabele" else "utf-8"
    return RENDER[layout](a).encode(encoding)


def path(layout: str, a: Article) -> str:
    return f"/{layout}/{a.date[:4]}/{a.slug}.html"


ALLOW = r"/(html5|divy|tabele)/\d{4}/[\w-]+\.html$"


def write_site(root: Path) -> dict[str, tuple[str, Article]]:
    """Every article in every layout plus a listing per layout; {url path: (layout, article)}."""
    pages = {}
    for layout in LAYOUTS:
        links = []
        for a in ARTICLES:
            p = path(layout, a)
            target = root / p.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page(layout, a))
            pages[p] = (layout, a)
            links.append(f'<li><a href="{p}">{_esc(a.title)}</a></li>')
        listing = root / layout / "index.html"
        listing.write_text(f'<html><head><meta charset="utf-8"><title>Aktualności</title></head><body>'
                           f'<h1>Aktualności</h1><ul>{"".join(links)}</ul></body></html>', encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nCrawl-delay: 0\n", encoding="utf-8")
    return pages


def sources_toml(base: str) -> str:
    starts = ", ".join(f'"{base}/{layout}/"' for layout in LAYOUTS)
    return "\n".join(["[[source]]", 'id = "jodlowa-gora"', 'name = "Gmina Jodłowa Góra (test)"',
                      'kind = "commune"', f"start_urls = [{starts}]", f"allow = ['{ALLOW}']"]) + "\n"
