"""Named initiatives: what a reader expects to see listed as the page's projects."""
from extract.facts import annotate
from extract.page import Page


def find_projects(page):
    """The page's projects as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["projects"]


def names(text, **kw):
    return [(p["name"], p["kind"]) for p in find_projects(Page(text=text, **kw))]


def test_quoted_name_after_cue_with_pn():
    assert names("Gmina realizuje projekt pn. „Aktywni seniorzy w sieci” od stycznia.") == [
        ("Aktywni seniorzy w sieci", "project")]


def test_every_quote_style_gives_the_same_name():
    for quoted in ("„Razem dla Doliny”", '"Razem dla Doliny"', "“Razem dla Doliny”", "«Razem dla Doliny»"):
        assert names(f"Trwa realizacja projektu {quoted} w powiecie.") == [("Razem dla Doliny", "project")]


def test_name_runs_to_the_closing_quote_across_commas_and_dashes():
    text = 'Odbyło się szkolenie w ramach projektu "Sprawny urząd, zadowolony klient - nowe standardy obsługi".'
    assert names(text) == [("Sprawny urząd, zadowolony klient - nowe standardy obsługi", "project")]


def test_broken_opening_quote_is_tolerated():
    assert names("Kolejny etap projektu :Mosty nad Bugiem” rozpoczęty.") == [("Mosty nad Bugiem", "project")]


def test_kind_comes_from_the_cue_noun():
    text = ("Zapraszamy na konferencję „Miasta przyszłości”. "
            "Urzędnicy wezmą udział w szkoleniu „Budżet zadaniowy w praktyce”. "
            "Gmina przystąpiła do konkursu „Samorząd Przyjazny Rodzinie”. "
            "Odbędą się warsztaty „Planowanie przestrzenne bez tajemnic”.")
    assert names(text) == [("Miasta przyszłości", "conference"), ("Budżet zadaniowy w praktyce", "training"),
                           ("Samorząd Przyjazny Rodzinie", "competition"),
                           ("Planowanie przestrzenne bez tajemnic", "workshop")]


def test_unquoted_name_after_colon_runs_to_the_end_of_the_clause():
    text = "Szkoła prowadzi seminarium: Zarządzanie finansami małej gminy. Zajęcia trwają tydzień."
    assert names(text) == [("Zarządzanie finansami małej gminy", "seminar")]


def test_capitalised_name_with_year_and_dash():
    text = "Znamy laureatów konkursu Perła Samorządu 2019 - Edukacja i Kultura. Gratulujemy!"
    assert names(text) == [("Perła Samorządu 2019 - Edukacja i Kultura", "competition")]


def test_name_before_to_projekt():
    text = "Akademia Liderów Wsi to projekt, w którym sołtysi uczą się prowadzenia zebrań."
    assert names(text) == [("Akademia Liderów Wsi", "project")]


def test_variants_of_one_name_are_merged_into_the_most_complete():
    text = ("Ruszył konkurs „Lider Cyfryzacji”. "
            "Do konkursu Lider Cyfryzacji 2021 zgłosiło się 40 gmin. "
            "Wyniki konkursu „Lider Cyfryzacji” poznamy w maju.")
    assert names(text) == [("Lider Cyfryzacji 2021", "competition")]


def test_slogans_organisations_and_generic_phrases_are_not_projects():
    text = ("Samorządowcy wymieniali się „dobrymi praktykami”. "
            "Projekt realizuje Gmina Dębowa. "
            "W ramach projektu Urząd Miasta Tarnowa przygotuje raport. "
            "Partnerstwa Kielc i Lublina nie trzeba przedstawiać. "
            "Program konferencji obejmuje trzy panele.")
    assert names(text) == []


def test_uppercase_headings_are_not_names():
    assert names("KONFERENCJA KOŃCZĄCA PROJEKT\n\nWARSZTATY STRATEGICZNE") == []


def test_funding_programme_is_not_a_project():
    text = "Projekt finansowany jest w ramach programu „Wsparcie dla gmin 2020”."
    assert names(text) == []


def test_only_content_zones_are_read():
    text = "Projekt „Menu Strony” w nawigacji\n\nGmina realizuje projekt „Czyste Sołectwo”."
    start = text.index("Gmina")
    assert names(text, zones=[(start, len(text))]) == [("Czyste Sołectwo", "project")]


def test_evidence_points_at_the_name_as_written():
    text = "Rozpoczęło się szkolenie pt. „Etyka w administracji” dla radnych."
    [item] = find_projects(Page(text=text))
    s, e = item["evidence"]
    assert text[s:e] == item["text"] == "Etyka w administracji"
    assert (item["start"], item["end"]) == (s, e) and item["rule"]


def test_capitalised_cue_noun_heads_the_name_in_the_nominative():
    text = "Burmistrz wziął udział w Europejskim Kongresie Samorządów w Mikołajkach."
    assert names(text) == [("Europejski Kongres Samorządów", "conference")]


def test_description_after_programme_of_seminar_is_not_a_name():
    assert names("Program seminarium: Organizacja pracy urzędu, finanse i kontrola.") == []


def test_draft_resolution_is_not_a_project():
    assert names("Radni zapoznali się z projektem Uchwały Budżetowej Gminy na 2024 rok.") == []


def test_title_is_the_name_when_the_text_speaks_of_the_project():
    text = "Mosty Wiedzy Samorządowej\n\nProjekt jest wspólnym przedsięwzięciem Lublina i Łucka."
    assert names(text, title="Mosty Wiedzy Samorządowej") == [("Mosty Wiedzy Samorządowej", "project")]


def test_headline_title_is_not_a_name():
    text = "Gmina podpisała umowę\n\nProjekt jest wspólnym przedsięwzięciem Lublina i Łucka."
    assert names(text, title="Gmina podpisała umowę") == []


def test_project_facts_sheet_labels_are_not_names():
    text = "Wartość projektu: 120 000 zł. Okres realizacji projektu: 2019-2021. Nazwa projektu: Cyfrowy Urząd Bliżej Ludzi."
    assert names(text) == [("Cyfrowy Urząd Bliżej Ludzi", "project")]


def test_heading_over_a_paragraph_about_the_project_is_its_name():
    text = ("Aktualności\n\nSzkoła Sołtysów Pogranicza\n\n"
            "Projekt zakłada cykl spotkań sołtysów z gmin po obu stronach granicy.\n\n"
            "Finansowanie\n\nProjekt finansowany jest ze środków fundacji.")
    assert names(text) == [("Szkoła Sołtysów Pogranicza", "project")]


def test_a_name_with_a_full_stop_inside_the_quotes_is_kept_whole():
    text = 'Rusza projekt pn. "Aktywna wieś. Lepsze jutro sołectw", finansowany ze środków unijnych.'
    assert names(text) == [("Aktywna wieś. Lepsze jutro sołectw", "project")]


def test_subtitle_after_a_dash_runs_to_the_end_of_the_clause():
    text = "Goście przyjechali w ramach programu Most – Wymiana doświadczeń samorządowych."
    assert names(text) == [("Most – Wymiana doświadczeń samorządowych", "programme")]


def test_one_name_in_two_cases_is_one_item_named_in_the_nominative():
    text = ("Konferencja Sieci Gmin Przyjaznych podsumowała rok. "
            "Gminy wymieniły doświadczenia w ramach projektu Sieć Gmin Przyjaznych.")
    assert [n for n, _ in names(text)] == ["Sieć Gmin Przyjaznych"]


def test_meeting_is_named_only_with_a_connector_and_quotes():
    text = ("Spotkanie Rady Sołeckiej odbyło się we wtorek. "
            "Zapraszamy na spotkanie pt. „Samorząd jutra” z udziałem ekspertów.")
    assert names(text) == [("Samorząd jutra", "other")]


def test_a_list_of_quoted_names_after_one_cue():
    text = "Gmina zrealizowała projekty: „Zielona szkoła”, „Cyfrowy sołtys” oraz „Bezpieczny przystanek”."
    assert names(text) == [("Zielona szkoła", "project"), ("Cyfrowy sołtys", "project"),
                           ("Bezpieczny przystanek", "project")]


def test_quoted_name_heading_before_its_cue():
    assert names("„Sąsiedzi bez granic” – podsumowanie projektu w Sejnach") == [("Sąsiedzi bez granic", "project")]


def test_capitalised_name_in_the_genitive_is_given_in_the_nominative():
    text = "Burmistrz otworzył konferencję Partnerskiej Sieci Małych Miast w ratuszu."
    assert names(text) == [("Partnerska Sieć Małych Miast", "conference")]


def test_owner_between_cue_and_quoted_name():
    text = ("Goście brali udział w projekcie fundacji Wspólna Droga „Samorząd w praktyce. "
            "Polskie doświadczenia dla Mołdawii” finansowanym z darowizn.")
    assert names(text) == [("Samorząd w praktyce. Polskie doświadczenia dla Mołdawii", "project")]


def test_no_owner_inside_an_institution_name_or_a_document():
    assert names("Gala odbyła się w Centrum Partnerstwa Społecznego „Most” w Lublinie.") == []
    assert names("Wójt przedstawił projekt Uchwały Rady Gminy „W sprawie opłat” radnym.") == []


def test_right_quote_typed_as_the_opener_and_double_prime_as_the_closer():
    assert names("Burmistrz wziął udział w projekcie pn.”Liderzy zmian w gminach” w Lublinie.") == [
        ("Liderzy zmian w gminach", "project")]
    assert names("Gmina przystąpiła do konkursu „Gmina Otwarta 2023″ w maju.") == [
        ("Gmina Otwarta 2023", "competition")]


def test_a_prize_is_named_only_in_quotes():
    assert names("Podczas gali nastąpiło wręczenie wyróżnień „Perły Regionu 2022” dla gmin.") == [
        ("Perły Regionu 2022", "competition")]
    assert names("Wójt otrzymał nagrodę Starosta Roku od mieszkańców.") == []


def test_variants_with_and_without_the_year_are_one_prize():
    text = ("Poznaliśmy laureatów Nagród „Gmina Otwarta 2023″. "
            "Partnerem Nagrody „Gmina Otwarta” jest dziennik regionalny.")
    assert names(text) == [("Gmina Otwarta 2023", "competition")]


def test_assembly_headed_name_in_the_nominative_with_its_edition_and_acronym_merged():
    text = ("Starosta brał udział w XII Zgromadzeniu Ogólnym Związku Gmin Górskich w Zakopanem. "
            "Obradom Zgromadzenia Ogólnego ZGG przewodniczył prezes.")
    assert names(text) == [("XII Zgromadzenie Ogólne Związku Gmin Górskich", "conference")]


def test_adjective_before_a_titled_head_goes_to_the_nominative():
    text = "Gmina zajęła trzecie miejsce w Wojewódzkim Rankingu Gmin Aktywnych."
    assert names(text) == [("Wojewódzki Ranking Gmin Aktywnych", "competition")]


def test_a_name_and_its_longer_form_are_one_item():
    text = ("Wójt był gościem IV Bałtyckiego Kongresu Samorządów w Gdańsku. "
            "Na Kongres Samorządów przyjechało 500 osób.")
    assert names(text) == [("IV Bałtycki Kongres Samorządów", "conference")]


def test_shouted_link_word_after_a_name_is_dropped():
    text = "Wszystkie szczegóły VI Zjazdu Gmin Nadbużańskich TUTAJ"
    assert [n for n, _ in names("Zobacz. " + text)] == ["VI Zjazd Gmin Nadbużańskich"]


def test_an_event_headline_over_a_project_sentence_is_not_its_name():
    text = "Wizyta delegacji z Gruzji\n\nProjekt jest realizowany przez powiat od maja."
    assert names(text, title="Wizyta delegacji z Gruzji") == []


def test_name_stated_as_one_of_the_programmes_starts_like_an_institution():
    text = ("Szkoła Młodych Radnych to jeden z programów stowarzyszenia. "
            "Koszty pokrywa stowarzyszenie ze środków Programu „Szkoła Młodych Radnych”.")
    assert [n for n, _ in names(text)] == ["Szkoła Młodych Radnych"]


def test_a_headline_over_a_sentence_about_a_prize_is_not_a_name():
    text = "Gmina Lipno liderem regionu\n\nNagrodę w imieniu mieszkańców odebrał wójt gminy."
    assert names(text, title="Gmina Lipno liderem regionu") == []


def test_titled_heads_that_are_not_initiatives():
    for text in ("Wójt wziął udział w Zgromadzeniu Wspólników spółki wodociągowej.",
                 "Podczas Zjazdu Delegatów przyjęto sprawozdanie.",
                 "Burmistrz odebrał Nagrodę Marszałka Województwa Opolskiego za działalność.",
                 "Rada Gminy przyjęła Program Współpracy z Organizacjami Pozarządowymi na 2024 rok."):
        assert names(text) == [], text
    assert names("Starosta był na Zjeździe Powiatów Polskich w Lublinie.") == [
        ("Zjazd Powiatów Polskich", "conference")]


def test_soft_stem_adjective_between_cue_and_name():
    assert names("Gmina przystąpiła do projektu partnerskiego pn. „Razem dla Wisły” w maju.") == [
        ("Razem dla Wisły", "project")]


def test_arabic_ordinal_before_a_titled_head():
    assert names("Burmistrz był gościem 5. Kongresu Burmistrzów Miast Średnich w Kielcach.") == [
        ("5. Kongres Burmistrzów Miast Średnich", "conference")]


def test_sentence_case_name_closed_by_a_relative_clause():
    text = "Gmina przystąpiła do projektu stażowego Dobre zarządzanie, w ramach którego gości stażystkę."
    assert names(text) == [("Dobre zarządzanie", "project")]
    assert names("W ramach projektu Lublin zorganizował spotkanie, które odbyło się w maju.") == []


def test_a_heading_headed_by_a_cue_noun_is_the_name():
    text = "Seminarium Absolwentów 2024\n\nW sobotę w Lublinie spotkali się absolwenci szkoły."
    assert names(text, title="Seminarium Absolwentów 2024") == [("Seminarium Absolwentów 2024", "seminar")]


def test_title_case_headlines_are_not_names():
    for title in ("Konferencja Na Temat Budżetu", "Konkurs Rozstrzygnięty", "Kongres Odbył Się W Kielcach"):
        assert names(f"{title}\n\nRadni rozmawiali o budżecie gminy.", title=title) == [], title


def test_a_name_after_a_dangling_label_is_read_from_the_next_line():
    assert names("Urzędnicy realizują projekt pod tytułem\nLokalni Liderzy Zmian.") == [
        ("Lokalni Liderzy Zmian", "project")]


def test_a_name_stated_before_its_cue_is_found():
    assert names("Aktywna Wieś to projekt realizowany przez gminę od trzech lat.") == [("Aktywna Wieś", "project")]


def test_a_titled_head_in_an_oblique_case_names_the_event():
    assert [n for n, _k in names("Udział w Europejskim Kongresie Samorządów w Mikołajkach.")] == [
        "Europejski Kongres Samorządów"]


def test_a_cue_typed_with_a_long_s_or_a_dotless_i_reads_as_the_plain_word():
    # "ſ" and "ı" match "s" and "i" case-insensitively; the page must not break on them
    assert names("Gmina zorganizowała ſeminarium „Razem dla Regionu” w maju.") == [("Razem dla Regionu", "seminar")]
    assert names("İSTANBUL ſpotkanie\n\nWYMIANA") == []
