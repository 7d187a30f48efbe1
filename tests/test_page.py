"""Bytes or page text -> Page: article text in zones, noise outside, metadata right."""
import json

import pytest

from extract.page import Page, content_zones, page_from_html, page_from_text


def zone_text(page: Page) -> str:
    return "\n".join(page.text[a:b] for a, b in page.zones)


def assert_valid_zones(page: Page) -> None:
    last = 0
    for a, b in page.zones:
        assert last <= a < b <= len(page.text)
        assert page.text[a:b] == page.text[a:b].strip()
        last = b


# ------------------------------------------------------------------ plain page text

MUNICIPAL_TEXT = """Przejdź do treści
Przejdź do menu
Kontrast
Czcionka
A A+ A++
Wyszukiwarka

Strona główna Gmina Urząd Turystyka Oświata Kultura Sport Inwestycje Ogłoszenia Kontakt

Nasza strona używa plików cookies. Korzystając z serwisu wyrażasz zgodę na ich zapisywanie zgodnie z ustawieniami przeglądarki.
Akceptuję

Dziś jest środa, 8 listopada 2023
Aktualności

12.10.2023
Wizyta studyjna wójtów z Gruzji

W dniach 9-11 października 2023 r. Gmina Zalesie Wielkie gościła delegację wójtów i radnych z regionu Kachetia w Gruzji. Wizyta była częścią projektu „Samorząd bliżej ludzi”, realizowanego przez Fundację Wspierania Wspólnot Lokalnych we współpracy z gminami partnerskimi.
Podziel się
Oceń

Goście poznali zasady działania rady gminy, odwiedzili Gminny Ośrodek Kultury oraz oczyszczalnię ścieków w Dębinie. Szczególnie interesowały ich konsultacje społeczne i budżet obywatelski.

Program wizyty

Pierwszego dnia wójt Jan Kowalski przedstawił strukturę urzędu. Drugiego dnia uczestnicy spotkali się z sołtysami i przedstawicielami kół gospodyń wiejskich.

Projekt jest finansowany ze środków Ministerstwa Spraw Zagranicznych w ramach programu „Polska pomoc rozwojowa 2023”. Wartość projektu wynosi 250 tys. złotych.
Tekst: Referat Promocji
Galeria zdjęć

Zobacz także
Remont świetlicy w Dębinie zakończony
Nowa świetlica posłuży mieszkańcom sołectwa już od grudnia, a jej wyposażenie kupiono ze środków gminy.
Dożynki gminne 2023
Koncert zespołu Młode Struny w GOK-u
Przebudowa drogi powiatowej w Lesie

Komentarze
Napisz komentarz
Autor komentarza: Kasia
Treść komentarza: Szkoda, że nikt nie pomyślał o chodniku do szkoły w Dębinie, czekamy na niego od 2015 roku!
Data dodania komentarza: 13.10.2023, 08:15

Urząd Gminy Zalesie Wielkie
ul. Długa 14
26-200 Zalesie Wielkie
tel. 44 755 12 34, fax 44 755 12 35
e-mail: urzad@zalesie.example.pl
Godziny pracy: poniedziałek - piątek 7:30 - 15:30
Projekt współfinansowany ze środków Unii Europejskiej w ramach Regionalnego Programu Operacyjnego Województwa Łódzkiego na lata 2014-2020.
Deklaracja dostępności
Biuletyn Informacji Publicznej
Copyright © 2023 Gmina Zalesie Wielkie. Wszelkie prawa zastrzeżone.
"""


def test_text_page_keeps_article_and_drops_noise():
    page = page_from_text(MUNICIPAL_TEXT, path="wizyta.txt")
    assert page.text == MUNICIPAL_TEXT and page.path == "wizyta.txt"
    assert_valid_zones(page)
    kept = zone_text(page)
    for content in ("W dniach 9-11 października 2023 r. Gmina Zalesie Wielkie gościła",
                    "Goście poznali zasady działania rady gminy",
                    "Program wizyty",
                    "Drugiego dnia uczestnicy spotkali się z sołtysami",
                    "finansowany ze środków Ministerstwa Spraw Zagranicznych"):
        assert content in kept
    for noise in ("Przejdź do", "Kontrast", "Turystyka", "cookies", "8 listopada 2023", "Podziel się",
                  "Oceń", "Galeria", "Zobacz także", "Remont świetlicy", "Nowa świetlica posłuży",
                  "Dożynki", "Komentarze", "chodniku do szkoły", "13.10.2023", "ul. Długa",
                  "26-200", "tel.", "e-mail", "Regionalnego Programu Operacyjnego",
                  "Deklaracja dostępności", "Biuletyn", "Copyright"):
        assert noise not in kept, noise


def test_text_page_title_and_no_published():
    page = page_from_text(MUNICIPAL_TEXT)
    assert page.title == "Wizyta studyjna wójtów z Gruzji"
    assert page.published is None  # found later by the orchestrator, from the text
    assert "Wizyta studyjna wójtów z Gruzji" in zone_text(page)
    assert "12.10.2023" not in zone_text(page)  # the publication date is not an activity


AGENDA_TEXT = """STRONA GŁÓWNA
AKTUALNOŚCI
Spotkanie partnerów projektu

Przedstawiciele pięciu powiatów podpisali porozumienie o wspólnym zarządzaniu transportem publicznym. Partnerzy przygotują wspólny plan i spotkają się kilka razy w ciągu roku.
W spotkaniu wzięli udział starostowie oraz dyrektorzy zarządów dróg.

Harmonogram spotkań

Marzec 2016
TARNÓW
WARSZTATY PLANISTYCZNE

Czerwiec 2016
NOWY SĄCZ / GORLICE
KONFERENCJA PODSUMOWUJĄCA

Galeria zdjęć
Mapa strony
Kontakt
"""


def test_agenda_after_the_article_is_content_footer_is_not():
    page = page_from_text(AGENDA_TEXT)
    kept = zone_text(page)
    assert "Marzec 2016" in kept and "TARNÓW" in kept and "KONFERENCJA PODSUMOWUJĄCA" in kept
    assert "Czerwiec 2016" in kept
    for noise in ("STRONA GŁÓWNA", "AKTUALNOŚCI", "Galeria", "Mapa strony", "Kontakt"):
        assert noise not in kept
    assert page.title == "Spotkanie partnerów projektu"


def test_link_list_after_the_article_is_noise():
    text = ("Konferencja samorządowa w Lublinie\n\n"
            "Ponad stu radnych z całego regionu dyskutowało w Lublinie o finansach gmin i powiatów. "
            "Konferencję zorganizował Związek Gmin Lubelszczyzny.\n\n"
            "Program Czyste Powietrze\nBudżet obywatelski 2024\nRewitalizacja Starego Miasta\n"
            "Karta Mieszkańca\nRekrutacja do przedszkoli\n")
    page = page_from_text(text)
    kept = zone_text(page)
    assert "Ponad stu radnych" in kept
    assert "Czyste Powietrze" not in kept and "Karta Mieszkańca" not in kept


def test_short_lines_inside_the_article_are_kept_menus_inside_are_not():
    text = ("Ponad stu radnych z całego regionu dyskutowało w Lublinie o finansach gmin i powiatów.\n"
            "Termin\n14 maja 2019 r.\n"
            "Ogłoszenia\nPrzetargi\nOferty pracy\nSesje Rady\n"
            "Konferencję zorganizował Związek Gmin Lubelszczyzny przy wsparciu Urzędu Marszałkowskiego.\n")
    kept = zone_text(page_from_text(text))
    assert "Termin" in kept and "14 maja 2019 r." in kept
    assert "Przetargi" not in kept and "Oferty pracy" not in kept and "Sesje Rady" not in kept


def test_eu_banner_is_content_inside_the_article_only():
    inside = ("Gmina rozpoczęła szkolenia dla urzędników z zakresu zamówień publicznych.\n"
              "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu "
              "Społecznego.\n"
              "W szkoleniach weźmie udział czterdziestu pracowników urzędów gmin z powiatu.\n")
    assert "Europejskiego Funduszu" in zone_text(page_from_text(inside))
    footer = ("Gmina rozpoczęła szkolenia dla urzędników z zakresu zamówień publicznych.\n"
              "W szkoleniach weźmie udział czterdziestu pracowników urzędów gmin z powiatu.\n\n"
              "Fundusze Europejskie\nRzeczpospolita Polska\nUnia Europejska\n"
              "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu "
              "Rozwoju Regionalnego.\n")
    assert "Europejskiego Funduszu" not in zone_text(page_from_text(footer))


def test_related_news_heading_before_the_article_hides_its_teasers():
    text = ("Najnowsze\n"
            "Nowe autobusy na liniach gminnych\n"
            "Od poniedziałku mieszkańcy pojadą nowymi autobusami kupionymi ze środków unijnych.\n"
            "Dzień Seniora w bibliotece\n\n"
            "Samorządowcy z Ukrainy w Rzeszowie\n\n"
            "Dwudziestu merów z obwodu lwowskiego przyjechało do Rzeszowa na tygodniowe szkolenie "
            "z zarządzania finansami miasta. Szkolenie prowadzą pracownicy urzędu miasta.\n"
            "Goście odwiedzą także urzędy gmin w powiecie rzeszowskim i spotkają się z radnymi. "
            "Program wizyty przygotowało Stowarzyszenie Gmin Podkarpacia.\n")
    page = page_from_text(text)
    kept = zone_text(page)
    assert "Dwudziestu merów" in kept and "Stowarzyszenie Gmin Podkarpacia" in kept
    assert "autobus" not in kept and "Seniora" not in kept


def test_comment_word_in_a_menu_does_not_cut_the_article():
    text = ("Aktualności\nKomentarze\nWywiady\n\n"
            "Radni z Niemiec odwiedzili gminę w ramach współpracy partnerskiej miast. Rozmawiano o "
            "gospodarce odpadami.\n\n"
            "Wizyta zakończyła się podpisaniem listu intencyjnego o dalszej współpracy obu gmin.\n")
    kept = zone_text(page_from_text(text))
    assert "listu intencyjnego" in kept and "Wywiady" not in kept


def test_noise_only_text_has_no_zones():
    text = "Strona główna\nAktualności\nKontakt\nDeklaracja dostępności\nCopyright 2024 Gmina\n"
    page = page_from_text(text)
    assert page.zones == [] and content_zones(text) == []


def test_zones_default_to_the_whole_text_only_when_not_given():
    assert Page(text="abc").zones == [(0, 3)]
    assert Page(text="abc", zones=[]).zones == []


# ------------------------------------------------------------------------------ HTML

def html_page(article: str, head: str = "", charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html><html lang="pl"><head><meta charset="{charset}">
<title>Wizyta partnerów z Litwy - Urząd Gminy Zielonka</title>{head}</head><body>
<div id="cookies">Ta strona używa plików cookies. Korzystając z serwisu wyrażasz zgodę na ich
zapisywanie. <button>Akceptuję</button></div>
<header><div class="dzis">Dziś jest wtorek, 21 listopada 2023</div>
<nav><ul><li><a href="/">Strona główna</a></li><li><a href="/gmina">Gmina</a></li>
<li><a href="/aktualnosci">Aktualności</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav></header>
<main><article>{article}
<div class="share">Podziel się: <a href="#">Facebook</a> <a href="#">Drukuj</a></div></article>
<aside class="related"><h3>Zobacz też</h3><ul>
<li><a href="/n/1">Remont drogi gminnej w Kątach zakończony</a>
<p>Wykonawca oddał do użytku odcinek drogi o długości 1,2 km, wyremontowany za 3 mln zł.</p></li>
<li><a href="/n/2">Koncert kolęd w kościele parafialnym</a></li>
<li><a href="/n/3">Sesja Rady Gminy 30 marca 2023 r.</a></li></ul></aside>
<section id="comments"><h3>Komentarze (2)</h3>
<div class="comment"><b>Marek</b> <time datetime="2023-03-20">20.03.2023</time>
<p>Świetna inicjatywa, oby więcej takich wizyt z partnerami z Czech w przyszłym roku.</p></div>
<div class="comment"><b>Ewa</b><p>A kiedy wreszcie remont chodnika na ulicy Polnej? Czekamy od lat!</p></div>
</section></main>
<footer><div class="ue">Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego
Funduszu Rozwoju Regionalnego. Fundusze Europejskie dla Mazowsza.</div>
<p>Urząd Gminy Zielonka, ul. Główna 5, 05-123 Zielonka, tel. 22 123 45 67</p>
<p><a href="#">Deklaracja dostępności</a> | <a href="#">Biuletyn Informacji Publicznej</a></p>
<p>© 2023 Gmina Zielonka. Wszelkie prawa zastrzeżone.</p></footer></body></html>"""


ARTICLE = """<h1>Wizyta partnerów z Litwy</h1>
<p>W dniach 8-10 marca 2023 r. gościliśmy delegację samorządowców z rejonu solecznickiego na Litwie.
Wizyta odbyła się w ramach projektu „Wspólne dziedzictwo pogranicza”, który gmina realizuje z partnerami.</p>
<p>Goście odwiedzili szkołę w Kątach i świetlicę wiejską. Wójt gminy Tomasz Nowicki przedstawił
zasady tworzenia budżetu obywatelskiego.</p>
<h2>Finansowanie</h2>
<p>Projekt jest dofinansowany ze środków Ministerstwa Spraw Zagranicznych w kwocie 85 000 zł.</p>"""

HTML_NOISE = ("cookies", "Dziś jest", "21 listopada", "Strona główna", "Podziel się", "Zobacz też",
              "Remont drogi", "3 mln zł", "Koncert", "Sesja Rady", "Komentarze", "Świetna inicjatywa",
              "chodnika", "Unii Europejskiej", "Fundusze Europejskie", "05-123", "tel.",
              "Deklaracja dostępności", "Biuletyn", "Wszelkie prawa")


def test_html_page_main_text_without_noise():
    head = '<meta property="article:published_time" content="2023-03-14T09:12:00+01:00">'
    page = page_from_html(html_page(ARTICLE, head).encode("utf-8"), url="http://gmina.test/a/7")
    assert page.url == "http://gmina.test/a/7" and page.encoding == "utf-8"
    assert_valid_zones(page)
    kept = zone_text(page)
    assert "W dniach 8-10 marca 2023 r. gościliśmy delegację" in kept
    assert "Wójt gminy Tomasz Nowicki" in kept
    assert "dofinansowany ze środków Ministerstwa Spraw Zagranicznych w kwocie 85 000 zł" in kept
    for noise in HTML_NOISE:
        assert noise not in kept, noise
    assert page.title == "Wizyta partnerów z Litwy"
    assert page.published == "2023-03-14"


def test_published_from_json_ld_and_never_from_banner_or_comments():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Gmina Zielonka"},
        {"@type": "NewsArticle", "headline": "Wizyta", "datePublished": "2023-03-13T10:00:00Z"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert page_from_html(html_page(ARTICLE, head)).published == "2023-03-13"
    # no metadata: the "today" banner and the comment's <time> must not be taken
    assert page_from_html(html_page(ARTICLE)).published is None
    with_time = ARTICLE + '<p class="data">Dodano: <time datetime="2023-03-12">12.03.2023</time></p>'
    assert page_from_html(html_page(with_time)).published == "2023-03-12"


def test_meta_name_date_and_dublin_core():
    for head in ('<meta name="DC.date" content="2021-06-30">', '<meta name="date" content="30.06.2021">'):
        assert page_from_html(html_page(ARTICLE, head)).published == "2021-06-30"


@pytest.mark.parametrize("head", [
    '<meta name="DCTERMS.Created" content="2021-06-30">',  # Dublin Core names in any case
    '<META NAME="pubdate" CONTENT="2021-06-30">',  # tags and attributes in capitals
    '<meta name="&#100;ate" content="2021-06-30">',  # a name spelled with a character reference
    '<meta property="article:published&lowbar;time" content="2021-06-30">',  # a named one
    '<meta name="date" content="2020-01-01"><meta property="og:published_time" content="2021-06-30">',
])
def test_published_from_metadata_however_it_is_written(head):
    # (the article:/og: published time is preferred to a plain "date" meta before it)
    assert page_from_html(html_page(ARTICLE, head)).published == "2021-06-30"


def test_published_from_an_itemprop_or_a_visible_cue_spelled_with_references():
    span = '<span itemprop="&#100;atePublished" content="2021-06-30"></span>'
    assert page_from_html(html_page(ARTICLE + span)).published == "2021-06-30"
    cue = '<p class="info">Opublikowano: 30.06.2021</p>'
    assert page_from_html(html_page(ARTICLE + cue)).published == "2021-06-30"


def test_title_from_title_tag_without_site_name():
    article = ARTICLE.replace("<h1>Wizyta partnerów z Litwy</h1>", "<h2>Wizyta partnerów z Litwy</h2>")
    assert page_from_html(html_page(article)).title == "Wizyta partnerów z Litwy"
    head = '<meta property="og:title" content="Litewscy samorządowcy w Zielonce | Gmina Zielonka">' \
           '<meta property="og:site_name" content="Gmina Zielonka">'
    assert page_from_html(html_page(ARTICLE, head)).title == "Litewscy samorządowcy w Zielonce"


LEGACY = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Starostwo Powiatowe w Borowie :: Aktualności :: Szkolenie dla sołtysów z Ukrainy</title></head>
<body><table width="100%"><tr><td class="lewa" width="200">
<a href="/">Strona główna</a><br><a href="/powiat">Powiat</a><br><a href="/rada">Rada Powiatu</a><br>
<a href="/ogloszenia">Ogłoszenia</a><br><a href="/przetargi">Przetargi</a><br>
<b>Najnowsze</b><br><a href="/n/5">Zmiana organizacji ruchu na ulicy Kolejowej</a><br>
<a href="/n/6">Dyżury radców prawnych w grudniu</a><br><a href="/n/7">Konkurs plastyczny rozstrzygnięty</a><br>
</td><td class="srodek">
<div class="data">czwartek, 23 listopada 2023</div>
<h2>Szkolenie dla sołtysów z Ukrainy</h2>
<div>W dniach 12-16 października 2015 roku Starostwo Powiatowe w Borowie gościło grupę dwudziestu
sołtysów i radnych z obwodu żytomierskiego. Szkolenie zorganizowano wspólnie z Fundacją Rozwoju
Demokracji Lokalnej w ramach programu „Polska pomoc rozwojowa 2015”.</div>
<div>Uczestnicy poznali zasady działania funduszu sołeckiego, odwiedzili świetlice w Łąkach i Źródłach
oraz spotkali się z wójtem gminy Ślęża. Całkowity koszt przedsięwzięcia wyniósł 120 tys. zł.</div>
<div>Na zakończenie goście otrzymali certyfikaty. Dziękujemy gminom za gościnność i życzliwość.</div>
<br><a href="javascript:print()">Drukuj</a> | <a href="/">Powrót</a>
<div class="kom"><b>Komentarze</b><br>Autor komentarza: Zenek<br>Treść komentarza: Ciekawe ile to
kosztowało podatników, pewnie więcej niż 200 tys. zł, a drogi dalej dziurawe.<br>
Data dodania komentarza: 24.10.2015, 12:00</div>
</td></tr></table>
<div class="stopka">Starostwo Powiatowe w Borowie, ul. Źródlana 3, 55-100 Borów, tel. 71 555 66 77<br>
Copyright 2015 Starostwo Powiatowe w Borowie</div></body></html>"""


def test_legacy_windows_1250_layout_table_page():
    page = page_from_html(LEGACY.encode("cp1250"), headers={"content-type": "text/html; charset=ISO-8859-1"})
    assert page.encoding == "cp1250"
    assert_valid_zones(page)
    kept = zone_text(page)
    assert "Starostwo Powiatowe w Borowie gościło grupę dwudziestu" in kept
    assert "świetlice w Łąkach i Źródłach" in kept and "wójtem gminy Ślęża" in kept
    assert "żytomierskiego" in kept and "120 tys. zł" in kept
    for noise in ("Przetargi", "Zmiana organizacji ruchu", "Dyżury", "23 listopada", "Drukuj",
                  "Komentarze", "Zenek", "200 tys. zł", "Źródlana", "Copyright"):
        assert noise not in kept, noise
    assert page.title == "Szkolenie dla sołtysów z Ukrainy"
    assert page.published is None


def test_page_where_trafilatura_finds_nothing_falls_back_to_the_text_block():
    html = ("<html><body><div class='menu'><a href='/'>Start</a> <a href='/k'>Kontakt</a></div>"
            "<div id='tresc'>Rada Gminy przyjęła uchwałę o współpracy z miastem partnerskim "
            "Stryj.</div></body></html>")
    page = page_from_html(html)
    assert "uchwałę o współpracy z miastem partnerskim Stryj" in zone_text(page)
    assert "Kontakt" not in zone_text(page)


@pytest.mark.parametrize("body", [b"", b"   ", "<html></html>", "\u2003\n\xa0"])
def test_empty_html_gives_an_empty_page(body):
    page = page_from_html(body)
    assert page.text == "" and page.zones == []


# ---------------------------------------------------------- typical CMS page layouts
WORDPRESS = """<!DOCTYPE html><html lang="pl-PL"><head><meta charset="UTF-8">
<title>Radni z Saksonii z wizytą w Lubaniu &#8211; Stowarzyszenie Gmin Pogranicza</title>
<meta property="og:title" content="Radni z Saksonii z wizytą w Lubaniu" />
<meta property="og:site_name" content="Stowarzyszenie Gmin Pogranicza" />
</head><body class="post-template-default single">
<div id="page"><header id="masthead"><p class="site-title"><a href="/">Stowarzyszenie Gmin Pogranicza</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a>O nas</a></li><li><a>Projekty</a></li><li><a>Aktualności</a></li><li><a>Do pobrania</a></li><li><a>Kontakt</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-512" class="post-512 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Radni z Saksonii z wizytą w Lubaniu</h1>
<div class="entry-meta"><span class="posted-on">Opublikowano <a><time class="entry-date published" datetime="2019-06-04T08:00:00+02:00">4 czerwca 2019</time><time class="updated" datetime="2019-06-05T10:00:00+02:00">5 czerwca 2019</time></a></span> <span class="byline">przez <a>redakcja</a></span></div></header>
<div class="entry-content">
<p>W dniach 27&#8211;29 maja 2019 r. gościliśmy w Lubaniu dwunastoosobową grupę radnych z gmin powiatu Görlitz w Saksonii. Spotkanie zorganizowało Stowarzyszenie Gmin Pogranicza wspólnie z Urzędem Miasta Lubań.</p>
<p>Rozmawiano o wspólnych inwestycjach drogowych i o transgranicznej komunikacji autobusowej. Niemieccy goście zwiedzili także nowo otwarte centrum przesiadkowe.</p>
<p><strong>Zobacz też:</strong> <a href="/2019/04/spotkanie">Spotkanie burmistrzów w Zgorzelcu</a></p>
<p>Wizyta była możliwa dzięki dofinansowaniu z Funduszu Małych Projektów w ramach Programu Współpracy INTERREG Polska – Saksonia 2014–2020. Koszt wizyty wyniósł 9 800 euro.</p>
<p><img src="/logo-ue.png" alt="Unia Europejska - Europejski Fundusz Rozwoju Regionalnego"></p>
<div class="sharedaddy"><h3 class="sd-title">Udostępnij to:</h3><ul><li><a>Facebook</a></li><li><a>Twitter</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Kategorie: <a>Aktualności</a>, <a>Współpraca</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a>Poprzedni wpis: Walne zebranie członków Stowarzyszenia</a></div><div class="nav-next"><a>Następny wpis: Festyn rodzinny w Sulikowie</a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 komentarze</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Krzysztof</b> <time datetime="2019-06-06T12:00:00+02:00">6 czerwca 2019 o 12:00</time></footer>
<div class="comment-content"><p>Bardzo dobra inicjatywa. Szkoda, że w Leśnej nikt nie pomyślał o podobnym spotkaniu z radnymi z Czech w 2018 roku.</p></div></article></li>
<li class="comment"><article class="comment-body"><div class="comment-content"><p>Za 9 800 euro to można było wyremontować przystanek.</p></div></article></li></ol>
<div id="respond"><h3>Dodaj komentarz</h3><form><p>Twój adres e-mail nie zostanie opublikowany.</p><textarea></textarea></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Najnowsze wpisy</h2><ul><li><a>Walne zebranie członków Stowarzyszenia</a></li><li><a>Festyn rodzinny w Sulikowie</a></li><li><a>Konkurs na logo Euroregionu</a></li></ul></section>
<section class="widget"><h2 class="widget-title">Archiwa</h2><ul><li><a>czerwiec 2019</a></li><li><a>maj 2019</a></li></ul></section></aside>
</div><footer id="colophon"><div class="site-info">Stowarzyszenie Gmin Pogranicza, ul. Graniczna 1, 59-800 Lubań | tel. 75 111 22 33 | © 2019 Wszelkie prawa zastrzeżone</div>
<div class="ue-logos"><img alt="Fundusze Europejskie"><img alt="Rzeczpospolita Polska"><img alt="Unia Europejska"> Projekt współfinansowany ze środków Europejskiego Funduszu Rozwoju Regionalnego w ramach Programu Interreg.</div></footer></div></body></html>"""

JOOMLA = """<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html; charset=utf-8" />
<title>Związek Gmin Ziemi Opolskiej - Forum sekretarzy gmin</title>
<meta name="description" content="Forum sekretarzy gmin" />
</head><body><div id="wrapper"><div id="top"><div class="dzis">Dzisiaj jest: środa, 15 listopada 2023</div><div class="search"><form><input value="szukaj..."></form></div></div>
<div id="menu"><ul class="menu"><li><a>Start</a></li><li><a>O Związku</a></li><li><a>Członkowie</a></li><li><a>Projekty</a></li><li><a>Szkolenia</a></li><li><a>Kontakt</a></li></ul></div>
<div id="main"><div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">Forum sekretarzy gmin</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Szczegóły</dt>
<dd class="category-name">Kategoria: <a itemprop="genre">Aktualności</a></dd>
<dd class="published"><time datetime="2012-11-18T11:00:00+01:00" itemprop="datePublished">Opublikowano: niedziela, 18, listopad 2012 11:00</time></dd>
<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:1836" />Odsłony: 1836</dd></dl>
<div itemprop="articleBody"><p>Związek Gmin Ziemi Opolskiej zaprasza sekretarzy gmin na doroczne forum, które odbędzie się 6-7 grudnia br. w Opolu. Tematem tegorocznego spotkania będzie elektroniczny obieg dokumentów w urzędach.</p>
<p>Forum jest częścią projektu „Nowoczesny urząd gminy”, realizowanego w partnerstwie z Politechniką Opolską i współfinansowanego ze środków Europejskiego Funduszu Społecznego w ramach Programu Operacyjnego Kapitał Ludzki.</p>
<table><tr><th>Dzień</th><th>Temat</th><th>Prowadzący</th></tr><tr><td>6 grudnia</td><td>Elektroniczny obieg dokumentów</td><td>dr Anna Zielińska</td></tr><tr><td>7 grudnia</td><td>Archiwizacja akt w gminie</td><td>Piotr Wrona</td></tr></table>
<p>Udział w forum jest bezpłatny. Zgłoszenia przyjmujemy do 30 listopada.</p></div>
<ul class="pager pagenav"><li class="previous"><a>&lt; Wstecz</a></li><li class="next"><a>Dalej &gt;</a></li></ul>
</div></div>
<div id="right"><div class="moduletable"><h3>Najczęściej czytane</h3><ul class="mostread"><li><a>Walne Zgromadzenie Związku</a></li><li><a>Szkolenie z RODO dla pracowników urzędów</a></li><li><a>Nabór wniosków w konkursie grantowym</a></li></ul></div></div>
<div id="footer"><p>Związek Gmin Ziemi Opolskiej, ul. Piastowska 1, 45-001 Opole, tel. 77 123 00 00, e-mail: biuro@zgzo.example.pl</p><p>Copyright &copy; 2012 Związek Gmin Ziemi Opolskiej</p></div></div></body></html>"""

PORTAL = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Burmistrz w programie mentorskim | Kurier Powiatowy</title>
<meta property="og:title" content="Burmistrz w programie mentorskim"><meta property="og:site_name" content="Kurier Powiatowy">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Burmistrz w programie mentorskim","datePublished":"2024-04-02T07:15:00+02:00","dateModified":"2024-04-03T09:00:00+02:00"}</script>
</head><body><div class="topbar">poniedziałek, 6 maja 2024 05:02 <a>Zaloguj</a></div>
<div class="ad">Reklama</div>
<div class="container"><div class="row"><div class="col-md-8">
<h1>BURMISTRZ W PROGRAMIE MENTORSKIM</h1>
<div class="lead">(Kłobuck) Burmistrz Kłobucka Anna Nowak została wybrana do programu mentorskiego dla samorządowców prowadzonego przez Fundację Rozwoju Lokalnego.</div>
<div class="text"><p>Program potrwa dwanaście miesięcy. Uczestnicy będą spotykać się z doświadczonymi wójtami i burmistrzami, którzy doradzą im w sprawach zarządzania gminą i współpracy z organizacjami pozarządowymi.</p>
<div class="ad">Reklama</div>
<p>- To ogromna szansa, żeby uczyć się od najlepszych - mówi burmistrz Anna Nowak. Wśród piętnastu uczestników znaleźli się także radni z Częstochowy i Lublińca.</p>
<p>Program finansuje Polsko-Amerykańska Fundacja Wolności. (red)</p></div>
<div class="tags">Tagi: <a>samorząd</a> <a>Kłobuck</a></div>
<div class="share"><a>Podziel się</a> <a>Oceń</a></div>
<div class="comments-box"><h4>Napisz komentarz</h4><div>Komentarze</div>
<div class="c-item">Autor komentarza: Janusz Treść komentarza: Gratulacje dla pani burmistrz, oby skorzystała na tym cała gmina i mieszkańcy Zagórza. Data dodania komentarza: 03.04.2024, 10:15</div>
<div class="c-item">Autor komentarza: Ola Treść komentarza: A drogi w Kamyku jak były dziurawe tak są. Data dodania komentarza: 02.04.2024, 21:00</div></div>
</div><div class="col-md-4"><div class="box"><h3>Najnowsze</h3>
<div class="n-item"><a>Remont mostu w Krzepicach potrwa do jesieni</a><span>05.05.2024</span></div>
<div class="n-item"><a>Majówka w Powiecie Kłobuckim z rekordową frekwencją</a><span>04.05.2024</span></div>
<div class="n-item"><a>Wybory sołtysów w gminie Opatów rozstrzygnięte</a><span>03.05.2024</span></div></div></div></div></div>
<div class="footer">Kurier Powiatowy, ul. Zamkowa 2, 42-100 Kłobuck. Wszelkie prawa zastrzeżone. Polityka prywatności. Ta strona używa plików cookies.</div></body></html>"""


def test_wordpress_post_keeps_heading_drops_inline_see_also_sidebar_and_comments():
    page = page_from_html(WORDPRESS.encode("utf-8"))
    kept = zone_text(page)
    assert page.title == "Radni z Saksonii z wizytą w Lubaniu"
    assert page.published == "2019-06-04"  # the post's <time>, not the comment's
    assert kept.startswith("Radni z Saksonii z wizytą w Lubaniu")
    assert "gościliśmy w Lubaniu dwunastoosobową grupę radnych" in kept
    # a funding sentence of the article itself is content, even as its last paragraph
    assert "Funduszu Małych Projektów" in kept and "9 800 euro" in kept
    for noise in ("Zobacz też", "Zgorzelcu", "Udostępnij", "Poprzedni wpis", "Festyn", "komentarz",
                  "Leśnej", "przystanek", "Najnowsze wpisy", "Archiwa", "59-800", "Wszelkie prawa",
                  "Europejskiego Funduszu Rozwoju Regionalnego"):
        assert noise not in page.text, noise


def test_joomla_article_keeps_its_table_and_drops_meta_lines():
    page = page_from_html(JOOMLA.encode("utf-8"))
    kept = zone_text(page)
    assert page.title == "Forum sekretarzy gmin" and page.published == "2012-11-18"
    assert "6 grudnia | Elektroniczny obieg dokumentów | dr Anna Zielińska" in kept
    assert "Programu Operacyjnego Kapitał Ludzki" in kept
    assert "Zgłoszenia przyjmujemy do 30 listopada." in kept
    for noise in ("Dzisiaj jest", "15 listopada 2023", "Odsłony", "Kategoria", "Wstecz",
                  "Najczęściej czytane", "RODO", "45-001", "Copyright"):
        assert noise not in kept, noise


def test_news_portal_lead_outside_the_body_container_is_recovered():
    page = page_from_html(PORTAL.encode("utf-8"))
    kept = zone_text(page)
    assert page.title == "Burmistrz w programie mentorskim" and page.published == "2024-04-02"
    assert "Burmistrz Kłobucka Anna Nowak została wybrana do programu mentorskiego" in kept
    assert "radni z Częstochowy i Lublińca" in kept
    assert "Program finansuje Polsko-Amerykańska Fundacja Wolności." in kept
    for noise in ("6 maja 2024", "Reklama", "Tagi", "Podziel się", "Autor komentarza", "Gratulacje",
                  "Kamyku", "Najnowsze", "Krzepicach", "Majówka", "sołtysów", "cookies"):
        assert noise not in page.text, noise


def test_html_text_holds_only_content_and_zones_point_into_it():
    for html in (WORDPRESS, JOOMLA, PORTAL, LEGACY):
        page = page_from_html(html)
        assert_valid_zones(page)
        assert page.text.strip() and page.zones
        assert page.zones[-1][1] == len(page.text)  # nothing but content after the article


def test_visible_publication_line_when_metadata_is_missing():
    meta = '<div class="meta">Opublikowano: 14.03.2023, autor: Anna Kowalczyk</div>'
    assert page_from_html(html_page(meta + ARTICLE)).published == "2023-03-14"
    # the date a comment was added and the date of an event are not the page's date
    comment = '<div class="kom"><p>Data dodania komentarza: 15.03.2023</p></div>'
    event = '<p>Data: </p><p>Data wydarzenia: 20.04.2023</p>'
    assert page_from_html(html_page(ARTICLE + event + comment)).published is None


def test_the_articles_own_lists_are_content():
    text = ("Zarząd Powiatu podpisał umowę partnerską z rejonem kowelskim na Ukrainie.\n\n"
            "Program szkolenia obejmował:\n"
            "- planowanie budżetu gminy\n- zamówienia publiczne\n- pozyskiwanie funduszy unijnych\n"
            "- konsultacje społeczne\n\n"
            "Na spotkanie przyjechali samorządowcy z trzech rejonów obwodu wołyńskiego.\n"
            "W spotkaniu udział wzięli:\n"
            "Starostwo Powiatowe w Chełmie\nUrząd Gminy Dubienka\nUrząd Gminy Dorohusk\n"
            "Rada Rejonowa w Kowlu\n\n"
            "Galeria zdjęć\nAktualności\nOgłoszenia\nPrzetargi\nKontakt\n")
    kept = zone_text(page_from_text(text))
    assert "zamówienia publiczne" in kept and "konsultacje społeczne" in kept
    assert "Starostwo Powiatowe w Chełmie" in kept and "Rada Rejonowa w Kowlu" in kept
    assert "Galeria" not in kept and "Przetargi" not in kept


COUNTY_TEXT = """Dzisiaj jest 14 czerwca 2022, imieniny: Bazylego, Elizy
Pogoda: 21°C
Ta witryna wykorzystuje cookies, aby ułatwić korzystanie z serwisu.
Powiat
Starostwo
Rada Powiatu
Edukacja
Zdrowie
Strona główna » Aktualności » Starostowie z Mołdawii w powiecie

Starostowie z Mołdawii w powiecie
Data publikacji: 13.06.2022

Delegacja przewodniczących rejonów z Republiki Mołdawii przebywała w naszym powiecie od 8 do 10 czerwca. Goście poznali zasady współpracy powiatu z gminami przy utrzymaniu dróg i szkół ponadpodstawowych.
Wizytę zorganizowało Centrum Współpracy Samorządowej we współpracy ze Związkiem Powiatów, a sfinansowała ją Fundacja Solidarności Międzynarodowej w ramach programu Polska pomoc.
Wyślij znajomemu
Drukuj

Nowy tomograf w szpitalu powiatowym
Szpital powiatowy otrzymał nowoczesny tomograf komputerowy kupiony za 4,5 mln zł z budżetu powiatu.
Czytaj więcej
Stypendia starosty rozdane
Czterdziestu uczniów szkół średnich otrzymało stypendia za wyniki w nauce w roku szkolnym 2021/2022.
Czytaj więcej

Starostwo Powiatowe, pl. Wolności 1, 37-500 Jarosław
"""


def test_county_page_banners_breadcrumb_and_teaser_list_without_heading():
    page = page_from_text(COUNTY_TEXT)
    kept = zone_text(page)
    assert page.title == "Starostowie z Mołdawii w powiecie"
    assert "Delegacja przewodniczących rejonów z Republiki Mołdawii" in kept
    assert "Fundacja Solidarności Międzynarodowej w ramach programu Polska pomoc." in kept
    for noise in ("imieniny", "21°C", "cookies", "Rada Powiatu", "Strona główna »", "13.06.2022",
                  "Wyślij", "Drukuj", "tomograf", "4,5 mln zł", "Stypendia", "Czytaj więcej",
                  "Jarosław"):
        assert noise not in kept, noise


BR_LAYOUT = """<html><head><meta charset="iso-8859-2"><title>Gmina Lipno - aktualnosci</title></head><body>
<div id="naglowek"><a href="/">Start</a> | <a href="/gmina">Gmina</a> | <a href="/kontakt">Kontakt</a></div>
<div id="srodek"><span class="tytul">Wizyta partnerów z Saksonii</span><br><br>
W dniach 5-7 czerwca 2012 r. gościliśmy delegację z partnerskiej gminy Bernstadt w Saksonii.
Goście zwiedzili szkołę w Lipnie, oczyszczalnię ścieków i nowe boisko.<br><br>
Wizyta odbyła się w ramach projektu "Sąsiedzi bez granic" dofinansowanego z Euroregionu Nysa
kwotą 4 500 euro.<br><br>
Na zakończenie wójt gminy podziękował gościom za współpracę i zaprosił ich na dożynki.<br>
<br><a href="javascript:history.back()">powrót</a></div>
<div id="stopka">Urząd Gminy Lipno, tel. 75 000 00 00</div></body></html>"""


def test_old_br_layout_in_iso_8859_2_with_a_section_name_as_title():
    page = page_from_html(BR_LAYOUT.encode("iso-8859-2"))
    assert page.encoding == "iso8859-2"
    assert page.title == "Wizyta partnerów z Saksonii"  # not "aktualnosci" from <title>
    kept = zone_text(page)
    assert "gościliśmy delegację z partnerskiej gminy Bernstadt w Saksonii" in kept
    assert "dofinansowanego z Euroregionu Nysa" in kept and "dożynki" in kept
    for noise in ("Start", "Kontakt", "powrót", "tel."):
        assert noise not in page.text, noise


def test_short_article_after_a_see_also_heading_is_not_lost():
    text = ("Zobacz też\n\nSpotkanie wójtów powiatu w Opatowie\n\n"
            "Wójtowie gmin powiatu opatowskiego spotkali się z delegacją z Ukrainy, aby omówić "
            "wspólny projekt szkoleniowy dla sołtysów.\n\nKontakt\nMapa strony\n")
    kept = zone_text(page_from_text(text))
    assert "Wójtowie gmin powiatu opatowskiego spotkali się z delegacją z Ukrainy" in kept
    assert "Kontakt" not in kept


def test_prose_in_the_site_header_and_footer_is_not_the_article():
    text = ("Gmina Borki – gmina przyjazna mieszkańcom, inwestorom i turystom.\n"
            "Strona główna\nGmina\nUrząd\nRada Gminy\nOgłoszenia\nPrzetargi\nKontakt\n\n"
            "Sołtysi z Litwy w Borkach\n\n"
            "Piętnastu sołtysów z rejonu wileńskiego odwiedziło gminę w ramach wymiany doświadczeń. "
            "Goście poznali zasady działania funduszu sołeckiego.\n"
            "Wizytę sfinansował Samorząd Województwa Lubelskiego.\n\n"
            "Galeria\nAktualności\nOgłoszenia\nPrzetargi\nZamówienia publiczne\nBIP\nKontakt\n"
            "Gmina Borki leży w powiecie radzyńskim i liczy blisko sześć tysięcy mieszkańców, "
            "a jej największym atutem są lasy i czyste powietrze.\n")
    page = page_from_text(text)
    kept = zone_text(page)
    assert "Piętnastu sołtysów z rejonu wileńskiego" in kept and "Samorząd Województwa Lubelskiego" in kept
    assert page.title == "Sołtysi z Litwy w Borkach"
    for noise in ("przyjazna mieszkańcom", "Rada Gminy", "Zamówienia publiczne", "radzyńskim", "lasy"):
        assert noise not in kept, noise


def test_a_logo_h1_is_neither_title_nor_heading():
    html = BR_LAYOUT.replace('<div id="naglowek">', '<h1>Gmina Lipno</h1><div id="naglowek">').replace(
        "<p>", "").replace("Gmina Lipno - aktualnosci", "Wizyta partnerów z Saksonii - Gmina Lipno")
    page = page_from_html(html)
    assert page.title == "Wizyta partnerów z Saksonii"
    assert not page.text.startswith("Gmina Lipno")


def test_title_case_headline_right_above_the_article_is_the_title():
    text = ("Strona główna Aktualności Kontakt Mapa Strony Deklaracja Dostępności\n\n"
            "VII Forum Współpracy Gmin Pogranicza w Cieszynie\n\n"
            "W czwartek w ratuszu spotkali się wójtowie i burmistrzowie gmin z obu stron "
            "granicy, aby rozmawiać o wspólnych projektach turystycznych.\n")
    page = page_from_text(text)
    assert page.title == "VII Forum Współpracy Gmin Pogranicza w Cieszynie"
    heading = text.index("VII Forum")
    assert any(s <= heading < e for s, e in page.zones)
    # the bar of link labels above it stays noise
    assert not any(s <= 0 < e for s, e in page.zones)


def test_title_case_line_far_above_the_article_is_not_the_title():
    text = ("Ogłoszenia i Komunikaty Urzędu Gminy w Lipnicy Wielkiej\n"
            "Aktualności\nWydarzenia\nKontakt\n"
            "Wójt gminy zaprasza mieszkańców na spotkanie w sprawie nowego planu "
            "zagospodarowania przestrzennego w sali widowiskowej.\n")
    assert page_from_text(text).title is None


# ------------------------------------------- what a chosen block keeps (bench_maintext)

_ARTICLE_PAGE = """<html><head><meta charset="utf-8"><title>{title} - Gmina Brzozów</title></head><body>
<nav><ul><li><a href="/">Strona główna</a></li><li><a href="/a">Aktualności</a></li>
<li><a href="/k">Kontakt</a></li></ul></nav>
<main><article><h1>{title}</h1>{body}</article></main>
<footer><p>Urząd Gminy Brzozów, ul. Rynek 1, 36-200 Brzozów, tel. 13 434 10 00</p>
<p>© 2024 Gmina Brzozów. Wszelkie prawa zastrzeżone.</p></footer></body></html>"""


def test_a_long_programme_table_stays_a_table_with_every_row():
    rows = "".join(
        f"<tr><td>{d} czerwca</td><td><p>{what}</p></td><td>{where}</td></tr>" for d, what, where in [
            (3, "Warsztaty ceramiczne dla dzieci i młodzieży z gmin partnerskich z Ukrainy i Słowacji, "
                "prowadzone przez artystów z pracowni w Humenném oraz instruktorów domu kultury; "
                "uczestnicy wykonają pamiątkowe kafle, które ozdobią ścianę sali widowiskowej; zajęcia "
                "potrwają trzy dni, a ich efekty obejrzymy na wystawie w galerii na rynku", "Dom Kultury"),
            (4, "Turniej piłki nożnej drużyn młodzieżowych", "Stadion miejski"),
            (5, "Koncert orkiestr dętych z Brzozowa i Humenného", "Rynek"),
            (6, "Spotkanie wójtów i burmistrzów o wspólnym wniosku do programu Interreg", "Ratusz"),
        ])
    body = ("<p>Od 3 do 6 czerwca w Brzozowie odbędą się Dni Partnerstwa, współfinansowane ze środków "
            "programu Interreg Polska – Słowacja. Poniżej przedstawiamy program spotkań.</p>"
            f"<table><tr><th>Dzień</th><th>Wydarzenie</th><th>Miejsce</th></tr>{rows}</table>"
            "<p>Serdecznie zapraszamy wszystkich mieszkańców gminy do udziału w wydarzeniach.</p>")
    page = page_from_html(_ARTICLE_PAGE.format(title="Dni Partnerstwa 2024", body=body))
    text = zone_text(page)
    for what in ("Warsztaty ceramiczne", "Turniej piłki nożnej", "Koncert orkiestr dętych",
                 "wspólnym wniosku do programu Interreg"):
        assert what in text
    # still a table: each row one line, its cells side by side
    assert any("Turniej piłki nożnej" in line and "Stadion miejski" in line for line in text.split("\n"))
    assert "Wszelkie prawa zastrzeżone" not in page.text


def test_a_copyright_credit_inside_the_article_does_not_end_it():
    sentences = [f"To jest {n}. zdanie sprawozdania z realizacji projektu partnerskiego gmin "
                 f"z Polski i Litwy, finansowanego z programu Interreg." for n in range(1, 9)]
    body = "".join(f"<p>{s} Uczestnicy omówili także kolejne etapy prac.</p>" for s in sentences)
    body = body.replace("</p>", "</p><p>© 2024 Stowarzyszenie Gmin Pogranicza</p>", 1)  # a credit line
    page = page_from_html(_ARTICLE_PAGE.format(title="Sprawozdanie z projektu partnerskiego", body=body))
    for s in sentences:
        assert s in zone_text(page)
    assert "Wszelkie prawa zastrzeżone" not in page.text


def test_a_paragraph_about_cookies_baked_at_a_fair_is_article_text():
    cookies = ("Koło Gospodyń Wiejskich z Przysietnicy przygotowało na kiermasz domowe ciasteczka "
               "i pierniki według przepisów naszych babć, a dochód ze sprzedaży przekazano na "
               "wyjazd dzieci z gminy partnerskiej do Brzozowa.")
    body = ("<p>W niedzielę na rynku odbył się Kiermasz Bożonarodzeniowy, zorganizowany wspólnie "
            "z partnerską gminą Humenné w ramach projektu Wspólne tradycje.</p>"
            f"<p>{cookies}</p>"
            "<p>Kiermasz zakończył koncert kolęd w wykonaniu chóru z obu miast partnerskich.</p>")
    page = page_from_html(_ARTICLE_PAGE.format(title="Kiermasz Bożonarodzeniowy", body=body))
    assert cookies in zone_text(page)


def test_a_page_of_items_keeps_its_items():
    items = ["Remont drogi gminnej w Górkach", "Budowa świetlicy w Zmiennicy",
             "Termomodernizacja szkoły w Humniskach", "Przebudowa boiska w Starej Wsi",
             "Oświetlenie uliczne w Grabownicy", "Modernizacja oczyszczalni w Brzozowie",
             "Budowa chodnika w Przysietnicy", "Wymiana pieców w Turzym Polu"]
    body = "<h2>Inwestycje gminy w 2024 roku</h2>" + "".join(f"<h3>{i}</h3><p>Etap: realizacja</p>" for i in items)
    page = page_from_html(_ARTICLE_PAGE.format(title="Inwestycje", body=body))
    text = zone_text(page)
    assert sum(i in text for i in items) == len(items)
    assert "Urząd Gminy Brzozów, ul. Rynek 1" not in page.text


def test_a_blogs_own_name_in_h1_gives_way_to_the_post_title_beside_it_in_title():
    post = "Why the old bridge was closed for three weeks"
    html = f"""<html><head><title>Harbour Notes: {post}</title></head><body>
<div id="header"><h1>Harbour Notes</h1><p>Small stories from a small harbour town, written
every weekend by a retired engineer who walks its streets.</p></div>
<div class="post"><h3 class="post-title">{post}</h3>
<p>The old bridge over the canal was closed on Monday after inspectors found cracks in two of
its supporting beams. Traffic was sent through the ring road for the whole repair.</p>
<p>The repair crew replaced both beams and the bridge opened again three weeks later, on a
quiet Sunday morning, with the mayor and a brass band on its deck.</p></div></body></html>"""
    page = page_from_html(html)
    assert page.text.startswith(post)
    assert "Harbour Notes" not in page.text and "retired engineer" not in page.text


def test_a_copyright_credit_the_article_goes_on_after_does_not_end_it():
    before = [f"Paragraph {n} of the case study explains how the company used a planning tool to "
              "organise its projects and what the managers learned from it." for n in range(1, 6)]
    after = [f"Paragraph {n} continues the case study after the figure and describes the next steps "
             "the teams took once the tool was in use." for n in range(6, 9)]
    body = ("".join(f"<p>{s}</p>" for s in before)
            + "<p>Figure 1. The planning tool.</p><p>Copyright Example Corp., 1992. All rights reserved. "
              "Used with permission.</p>" + "".join(f"<p>{s}</p>" for s in after))
    page = page_from_html(_ARTICLE_PAGE.format(title="A case study in planning", body=body))
    for s in before + after:
        assert s in page.text


def test_a_short_title_in_a_link_card_between_heading_and_body_is_no_lead():
    html = """<html><head><title>Harbour festival draws record crowds</title></head><body>
<div class="top"><h1>Harbour festival draws record crowds</h1></div>
<div class="paddle next"><a href="/news/ferry-timetable"><div class="card"><img src="f.jpg">
<div><h4>New ferry timetable: what changes on Monday?</h4></div></div></a></div>
<article><p>More than twenty thousand visitors came to the harbour festival this weekend,
the organisers said on Sunday evening, more than in any year before.</p>
<p>The festival ended with fireworks over the water and a concert by the town orchestra, which
played until midnight on the old pier.</p></article></body></html>"""
    page = page_from_html(html)
    assert "twenty thousand visitors" in page.text
    assert "New ferry timetable" not in page.text


def _pamphlet(between: str) -> str:
    return f"""<html><head><title>Community education</title></head><body>
<div class="top"><h1>Community education</h1></div>
<div class="box">{between}</div>
<div class="main">
<p>This pamphlet of 1938 describes the work of the settlements and colleges for adult students,
and how men and women came to study together in the evenings after their working day.</p>
<p>The association was founded in 1920 and brought together twenty-nine settlements and seven
colleges, which shared teachers, books and a journal published three times a year.</p>
<p>Most of the work was done in the evening, but a growing part of it was held in the daytime
with shift workers, the unemployed and married women who could not come at night.</p>
</div></body></html>"""


def test_a_table_between_heading_and_body_is_no_lead():
    rows = "".join(f"<tr><td>{c}</td><td>{n}</td><td>{m}</td></tr>" for c, n, m in [
        ("classes in the history of the town", 11, 264), ("tutorials on the economics of trade", 21, 504),
        ("a summer school for the unemployed", 3, 72), ("circles reading plays and novels", 35, 700)])
    page = page_from_html(_pamphlet(f"<table><tr><th>Courses</th><th>Classes</th><th>Members</th></tr>"
                                    f"{rows}</table>"))
    assert page.text.startswith("Community education\nThis pamphlet of 1938")
    assert "history of the town" not in page.text


def test_a_block_of_titles_cut_short_between_heading_and_body_is_no_lead():
    cut = ("the ferry timetable changes again from the first of the mont...<br>"
           "the mayor opens the new library in the old school buil...<br>"
           "record crowds came to the summer festival on the harbour qu...")
    page = page_from_html(_pamphlet(f"<div>{cut}</div>"))
    assert page.text.startswith("Community education\nThis pamphlet of 1938")
    assert "ferry timetable" not in page.text


_SHOP_PAGE = """<html><head><meta charset="utf-8"><title>{title} | Green Corner Shop</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li><li><a href="/blog">Blog</a></li>
<li><a href="/contact">Contact</a></li></ul></nav>
<main><h1>{title}</h1>{body}</main>
<footer><p>Green Corner Shop, 12 Mill Lane, Oxford</p><p>© 2024 Green Corner Shop. All rights reserved.</p>
</footer></body></html>"""


def test_names_and_prices_after_the_intro_are_a_product_grid_not_a_menu():
    items = [("Glazed Clay Pot", "From $24.00"), ("Stoneware Planter", "From $31.00"),
             ("Hanging Basket", "From $18.00"), ("Terracotta Bowl", "From $42.00")]
    grid = "".join(f'<div class="card"><div>{name}</div><div>Handmade Stoneware</div><div>{price}</div></div>'
                   for name, price in items)  # a third of the lines hold a number: no schedule
    body = ("<p>Pots and planters bring colour and life to a room in every season. We offer pots for "
            "indoor plants in many styles, from classic glazed clay to plain modern stoneware.</p>"
            f'<div class="grid">{grid}</div>')
    page = page_from_html(_SHOP_PAGE.format(title="Indoor Pots", body=body))
    for name, price in items:
        assert name in page.text and price in page.text
    assert "12 Mill Lane" not in page.text


def test_a_list_the_article_introduces_and_goes_on_after_is_kept():
    perks = ["Access to all live evening classes", "Questions and answers after each class",
             "A monthly discussion with the other members", "Recordings of every class for a week"]
    body = ("<p>Join the weekly evening class from home. The fee renews each month and you can cancel "
            "at any time.</p><div>Membership includes:</div>" + "".join(f"<div>{p}</div>" for p in perks)
            + "<p>Members also save ten percent on every workshop and weekend retreat we run.</p>")
    page = page_from_html(_SHOP_PAGE.format(title="Evening Class Membership", body=body))
    for p in perks:
        assert p in page.text
    assert "Members also save ten percent" in page.text


@pytest.mark.parametrize("above", [
    "<div>Each season brings more to do: new places, new tools and new friends.</div>",
    "<h2>Season Two Update: New Places, New Tools and New Friends for Every Player</h2>"])
def test_a_list_of_phrases_inside_the_article_is_kept(above):
    features = ["New islands, caves, and wildlife", "Boats and trains to travel between them",
                "Advanced farming and building systems", "Music instruments to play with friends",
                "A new jungle with more animals to meet"]
    social = ["Follow us on our town forum", "Read the team diary every week",
              "Subscribe to the monthly letter", "Send us your own stories"]
    body = ("<p>The game drops you on a wild island with nothing but a torch, and you build your way "
            "up from there.</p>" + above + "".join(f"<div>{f}</div>" for f in features)
            + "<p>More updates are planned for the coming year, including new characters and a bigger "
              "map for those who have explored everything.</p>"
            + "<p>The game runs on home computers and consoles, and a server can be hosted by players.</p>"
            + "".join(f'<div><a href="/s{n}">{s}</a></div>' for n, s in enumerate(social)))
    page = page_from_html(_SHOP_PAGE.format(title="Island Survival", body=body))
    for f in features:
        assert f in page.text
    assert "More updates are planned" in page.text
    assert not any(s in page.text for s in social)


def test_a_title_case_heading_between_two_of_the_articles_lists_is_kept():
    walks = ["River path to the old mill", "Forest loop behind the school", "Hill climb to the water tower",
             "Lakeside walk past the boat club", "Meadow trail along the railway"]
    more = ["Orchard lane to the chapel", "Canal towpath to the lock", "Heath walk above the quarry",
            "Riverside meadows after the bridge", "Old drovers road to the farm"]
    body = ("<p>Our members walked more than ever this year, and we asked two of them which routes they "
            "liked best. Here are their answers, in no particular order.</p>"
            "<p>Anna's five favourite walks:</p><ul>" + "".join(f"<li>{w}</li>" for w in walks) + "</ul>"
            "<h3>The Walking Club Readers Choice Of The Year List</h3><ul>"
            + "".join(f"<li>{w}</li>" for w in more) + "</ul>")
    page = page_from_html(_SHOP_PAGE.format(title="Best Walks of the Year", body=body))
    assert "Readers Choice Of The Year List" in page.text
    for w in walks + more:
        assert w in page.text


_ROUTE_FILE = ("Routes:\n  RiverWalk:\n    Type: Trail\n    Properties:\n      Start Point: Mill Bridge\n"
               "      Surface Type: Gravel\n      Best Season: Summer\n      Dog Friendly: Yes\n"
               "      Updated: 2024-05-01\n")
_MAN_PAGE = ("NAME\n       walkfind - find walking routes near a place\n\nDESCRIPTION\n"
             "       walkfind prints the routes that start within a given distance of a place.\n"
             "       Routes are read from the files named on the command line.\n\nCOPYRIGHT\n"
             "       Copyright 2019 The Walkfind Authors.\n"
             "       This is free software; see the source for copying conditions.\n\nREPORTING BUGS\n"
             "       Report bugs to the project's tracker; include the route file that failed.\n"
             "       A short description of what you expected helps us find the problem.\n")


@pytest.mark.parametrize("listing, kept", [
    (_ROUTE_FILE, ["Start Point: Mill Bridge", "Surface Type: Gravel", "Dog Friendly: Yes", "2024-05-01"]),
    (_MAN_PAGE, ["Copyright 2019 The Walkfind Authors.", "see the source for copying conditions",
                 "include the route file that failed"])])
def test_preformatted_lines_are_data_not_menus_or_a_page_end(listing, kept):
    body = ("<p>The file below is shown as the program reads and prints it, with every field the "
            f"planner knows about.</p><pre>{listing}</pre>"
            "<p>Save the file next to the planner and run it again: the new route appears on the map at once.</p>")
    page = page_from_html(_SHOP_PAGE.format(title="Route Files", body=body))
    for k in kept:
        assert k in page.text
    assert "Save the file next to the planner" in page.text
    assert "Green Corner Shop, 12 Mill Lane" not in page.text
