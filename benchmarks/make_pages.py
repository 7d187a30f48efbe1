"""Generate a few hundred varied municipal-news HTML pages for the facts benchmark.

Article paragraphs and titles come from the project's own gold HTML pages
(tests/gold/pages); each generated page draws a random title and 2-8 paragraphs from
that pool and wraps them in one of several site layouts with random amounts of
boilerplate (menus, cookie banner, breadcrumbs, "latest news" lists, reader comments,
EU-funds footers, inline scripts). Deterministic for a given seed.

    python benchmarks/make_pages.py --out /tmp/bench_pages --n 300
"""
from __future__ import annotations

import argparse
import html
import random
from pathlib import Path

from lxml import html as lxml_html

GOLD_PAGES = Path(__file__).resolve().parent.parent / "tests" / "gold" / "pages"

MENU = ["Strona główna", "Aktualności", "Urząd", "Rada Gminy", "Sołectwa", "Oświata", "Kultura", "Sport",
        "Turystyka", "Ogłoszenia", "Przetargi", "BIP", "Kontakt", "Projekty UE", "Dla mieszkańca"]
HEADLINES = ["Harmonogram odbioru odpadów na {m} {y}", "Sesja Rady Gminy – {d} {m} {y}",
             "Zebranie wiejskie w sołectwie Wola", "Utrudnienia w ruchu na ul. Kościelnej",
             "Nabór wniosków do budżetu obywatelskiego {y}", "Koncert noworoczny w GOK",
             "Delegacja z partnerskiej gminy z Litwy – {d} {m}", "Ostrzeżenie meteorologiczne",
             "Stypendia sportowe – nabór", "Dożynki gminne {y} – podziękowania"]
COMMENTS = ["Kiedy w końcu naprawią drogę do Zalesia?", "Gratulacje dla wójta, tak trzymać!",
            "A ile to kosztowało mieszkańców?", "Byłem na podobnym wyjeździe w {y}, polecam.",
            "Szkoda, że nikt nie informuje o tym wcześniej."]
FOOTERS = ["Projekt współfinansowany ze środków Europejskiego Funduszu Rozwoju Regionalnego w ramach "
           "Regionalnego Programu Operacyjnego na lata 2014-2020. Wartość projektu: {v} zł.",
           "Fundusze Europejskie – Program Regionalny. Rzeczpospolita Polska. Unia Europejska.",
           "Zadanie dofinansowane ze środków Rządowego Funduszu Inwestycji Lokalnych kwotą {v} zł."]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
          "października", "listopada", "grudnia"]


def article_pool(pages_dir: Path = GOLD_PAGES) -> tuple[list[str], list[str]]:
    """(titles, paragraphs) of the gold HTML pages' articles."""
    titles: list[str] = []
    paras: list[str] = []
    for path in sorted(pages_dir.glob("*.html")):
        tree = lxml_html.fromstring(path.read_bytes())
        titles += [h.text_content().strip() for h in tree.xpath("//article//h1")]
        paras += [p.text_content().strip() for p in tree.xpath("//article//div[@class='content']//p")]
    if not paras:
        raise SystemExit(f"no article paragraphs found in {pages_dir}")
    return titles, [p for p in paras if len(p) > 40]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(d=rng.randint(1, 28), m=rng.choice(MONTHS), y=rng.randint(2012, 2024),
                           v=f"{rng.randint(100, 9000)} {rng.randint(0, 999):03d},00")


def make_page(rng: random.Random, titles: list[str], paras: list[str], whole: bool = False) -> str:
    """A page of 2-8 paragraphs drawn from ``paras`` (``whole``: all of them, in order)."""
    e = html.escape
    title = rng.choice(titles)
    chosen = paras if whole else rng.sample(paras, rng.randint(2, min(8, len(paras))))
    body = "".join(f"<p>{e(p)}</p>" for p in chosen)
    menu = "".join(f"<li><a href='/m{i}'>{e(m)}</a></li>" for i, m in enumerate(rng.sample(MENU, rng.randint(5, 12))))
    side = "".join(f"<li><a href='/n{i}'>{e(_fill(h, rng))}</a></li>"
                   for i, h in enumerate(rng.sample(HEADLINES, rng.randint(0, 6))))
    comments = "".join(f"<li class='comment'><b>Gość{i}</b> <span>{rng.randint(1, 28)}.0{rng.randint(1, 9)}.2023</span>"
                       f"<p>{e(_fill(rng.choice(COMMENTS), rng))}</p></li>" for i in range(rng.randint(0, 6)))
    scripts = "".join(f"<script>var cfg{i} = {{'id': {rng.randint(1, 99999)}, 'track': true}};</script>"
                      for i in range(rng.randint(0, 4)))
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2012, 2024)}"
    layout = rng.randrange(3)
    if layout == 0:
        main = f"<main><article><h1>{e(title)}</h1><p class='date'>Opublikowano: {date}</p>{body}</article></main>"
    elif layout == 1:
        main = (f"<div id='content'><div class='breadcrumbs'>Strona główna › Aktualności</div>"
                f"<div class='news-item'><h2 class='title'>{e(title)}</h2><div class='meta'>{date}</div>"
                f"<div class='text'>{body}</div></div></div>")
    else:
        main = (f"<div class='container'><div class='row'><div class='col-md-8'><h1>{e(title)}</h1>"
                f"<time>{date}</time>{body}<div class='share'>Udostępnij: Facebook X E-mail</div></div>"
                f"<div class='col-md-4'><h3>Najnowsze aktualności</h3><ul>{side}</ul></div></div></div>")
        side = ""
    return ("<!DOCTYPE html><html lang='pl'><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title>{scripts}</head><body>"
            "<div class='cookies'>Ta strona używa plików cookies. Akceptuję</div>"
            f"<header><nav><ul>{menu}</ul></nav></header>{main}"
            + (f"<aside><h3>Najnowsze aktualności</h3><ul>{side}</ul></aside>" if side else "")
            + (f"<section class='comments'><h3>Komentarze</h3><ol>{comments}</ol></section>" if comments else "")
            + f"<footer><p>{e(_fill(rng.choice(FOOTERS), rng))}</p><p>© Urząd Gminy</p></footer></body></html>")


# --- full site chrome ---------------------------------------------------------------
# A municipal CMS page carries far more than its article: a mega-menu of the office's
# departments, an accessibility/BIP toolbar, a search form, a calendar widget, "latest
# news" teasers, quick links, partner logos, a footer with contacts, inline CSS and JS.
# Real Polish pages of trafilatura's evaluation set weigh 44-675 KB (median 154 KB);
# the chrome below gives pages of about 33-60 KB (median about 47 KB), on the light
# side of that on purpose, so the facts/trafilatura ratio is not flattered.
SECTIONS = ["Urząd", "Rada Gminy", "Mieszkańcy", "Gospodarka", "Oświata", "Kultura i sport", "Turystyka",
            "Ochrona środowiska", "Projekty", "Ogłoszenia", "Bezpieczeństwo", "Kontakt"]
SUBPAGES = ["Struktura organizacyjna", "Regulamin", "Kierownictwo", "Wydziały i referaty", "Jednostki organizacyjne",
            "Sesje", "Komisje", "Uchwały", "Interpelacje", "Transmisje", "Druki do pobrania", "Podatki i opłaty",
            "Odpady komunalne", "Dowody osobiste", "Meldunki", "Stypendia", "Szkoły", "Przedszkola", "Biblioteka",
            "Ośrodek Kultury", "Obiekty sportowe", "Szlaki rowerowe", "Noclegi", "Zabytki", "Ścieżki edukacyjne",
            "Program usuwania azbestu", "Jakość powietrza", "Fundusze zewnętrzne", "Zamówienia publiczne", "Praca"]
CSS = ("body{margin:0;font-family:Arial,sans-serif}.menu>li{display:inline-block;position:relative}"
       ".menu ul{display:none;position:absolute}.menu li:hover ul{display:block}.news-teaser{margin:8px 0}"
       ".calendar td{width:14%;text-align:center}.footer-col{float:left;width:25%}.wcag button{border:0}")
JS = ("window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());"
      "gtag('config','G-{id}');jQuery(function($){{$('.menu li').hover(function(){{$(this).find('ul').stop()"
      ".slideDown(150);}},function(){{$(this).find('ul').stop().slideUp(150);}});$('.slider').slick({{autoplay:true,"
      "dots:true,arrows:false,speed:{speed}}});$('#font-plus').on('click',function(){{var s=parseInt($('body')"
      ".css('font-size'));$('body').css('font-size',(s+1)+'px');}});}});")


def _chrome(rng: random.Random, e) -> tuple[str, str, str, str]:
    """(head extras, top of the page, sidebar, footer) of a full municipal site."""
    menu = "".join(
        f"<li><a href='/s{i}'>{e(sec)}</a><ul>"
        + "".join(f"<li><a href='/s{i}/p{j}'>{e(sub)}</a></li>" for j, sub in enumerate(rng.sample(SUBPAGES, rng.randint(10, 25))))
        + "</ul></li>" for i, sec in enumerate(SECTIONS))
    top = ("<div class='wcag'><button id='font-plus'>A+</button><button>A-</button><button>Kontrast</button>"
           "<a href='/bip'>BIP</a><a href='/epuap'>ePUAP</a><a href='/en'>EN</a><a href='/de'>DE</a></div>"
           "<form class='search' action='/szukaj'><label>Szukaj</label><input name='q'><button>Szukaj</button></form>"
           f"<nav><ul class='menu'>{menu}</ul></nav>"
           "<div class='slider'>" + "".join(f"<div><img src='/baner{i}.jpg' alt='Baner {i}'></div>" for i in range(rng.randint(3, 8))) + "</div>")
    days = "".join("<tr>" + "".join(f"<td><a href='/kalendarz/{w * 7 + d}'>{w * 7 + d + 1}</a></td>" if w * 7 + d < 30 else "<td></td>"
                                    for d in range(7)) + "</tr>" for w in range(5))
    teasers = "".join(f"<div class='news-teaser'><a href='/n{i}'><img src='/min{i}.jpg' alt=''></a><h4><a href='/n{i}'>"
                      f"{e(_fill(rng.choice(HEADLINES), rng))}</a></h4><span class='date'>{rng.randint(1, 28)}.{rng.randint(1, 12):02d}.2023</span>"
                      f"<p>{e(_fill(rng.choice(HEADLINES), rng))} – zapraszamy do zapoznania się ze szczegółami.</p></div>"
                      for i in range(rng.randint(8, 16)))
    quick = "".join(f"<li><a href='/q{i}'>{e(sub)}</a></li>" for i, sub in enumerate(rng.sample(SUBPAGES, rng.randint(8, 20))))
    logos = "".join(f"<a href='https://partner{i}.example'><img src='/logo{i}.png' alt='Partner {i}'></a>" for i in range(rng.randint(4, 12)))
    side = (f"<aside class='sidebar'><h3>Kalendarz wydarzeń</h3><table class='calendar'><tr>"
            + "".join(f"<th>{d}</th>" for d in ("Pn", "Wt", "Śr", "Cz", "Pt", "So", "Nd")) + f"</tr>{days}</table>"
            f"<h3>Aktualności</h3>{teasers}<h3>Na skróty</h3><ul>{quick}</ul><div class='partners'>{logos}</div></aside>")
    cols = "".join(f"<div class='footer-col'><h4>{e(sec)}</h4><ul>"
                   + "".join(f"<li><a href='/f{i}{j}'>{e(sub)}</a></li>" for j, sub in enumerate(rng.sample(SUBPAGES, 6)))
                   + "</ul></div>" for i, sec in enumerate(rng.sample(SECTIONS, 4)))
    icons = "".join(f"<a href='https://social{i}.example' class='icon'><svg viewBox='0 0 24 24'><path d='M{rng.randint(1, 9)} 2h{rng.randint(3, 9)}v{rng.randint(3, 9)}H7l-1 4h{rng.randint(2, 6)}v9h4v-9h3l1-4h-4V7a1 1 0 0 1 1-1h3z'/></svg></a>" for i in range(rng.randint(3, 8)))
    foot = (f"<div class='footer-cols'>{cols}</div><div class='social'>{icons}</div><address>Urząd Gminy, ul. Kościelna {rng.randint(1, 40)}, "
            f"tel. 12 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}, godziny pracy: pn-pt 7:30-15:30</address>"
            "<iframe src='https://maps.example/embed?q=urzad' title='Mapa dojazdu'></iframe>")
    head = (f"<style>{CSS * rng.randint(20, 70)}</style>"
            + "".join(f"<script>{JS.format(id=rng.randint(1000, 9999), speed=rng.randint(200, 900))}</script>"
                      for _ in range(rng.randint(10, 40))))
    return head, top, side, foot


def articles_from_texts(paths: list[Path]) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of plain-text pages (first line the title), e.g. the real-page
    corpus' local cache (``samorzad corpus fetch``): real article texts to wrap in chrome."""
    out = []
    for path in paths:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if len(lines) >= 2:
            out.append((lines[0], lines[1:]))
    return out


def generate_from_texts(paths: list[Path], seed: int = 7, chrome: str = "full") -> list[bytes]:
    """One page per text file: its own title and paragraphs (not a mix of articles) in a
    random layout with light or full chrome."""
    rng = random.Random(seed)
    make = make_full_page if chrome == "full" else make_page
    return [make(rng, [title], paras, whole=True).encode("utf-8") for title, paras in articles_from_texts(paths)]


def make_full_page(rng: random.Random, titles: list[str], paras: list[str], whole: bool = False) -> str:
    """One page of make_page() inside the chrome of a full municipal site."""
    page = make_page(rng, titles, paras, whole)
    head, top, side, foot = _chrome(rng, html.escape)
    page = page.replace("</head>", head + "</head>", 1).replace("<body>", f"<body><div id='top'>{top}</div>", 1)
    return page.replace("<footer>", side + "<footer>", 1).replace("</footer>", foot + "</footer>", 1)


def generate(n: int = 300, seed: int = 7, pages_dir: Path = GOLD_PAGES, chrome: str = "light") -> list[bytes]:
    """`n` HTML pages as UTF-8 bytes (what the archive hands to the facts step); ``chrome``
    is "light" (a few KB of boilerplate) or "full" (a municipal site's whole chrome)."""
    rng = random.Random(seed)
    titles, paras = article_pool(pages_dir)
    make = make_full_page if chrome == "full" else make_page
    return [make(rng, titles, paras).encode("utf-8") for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--chrome", choices=("light", "full"), default="light",
                    help="boilerplate around the article: a few KB, or a municipal site's whole chrome")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(generate(args.n, args.seed, chrome=args.chrome)):
        (args.out / f"page_{i:04d}.html").write_bytes(page)
    print(f"wrote {args.n} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
