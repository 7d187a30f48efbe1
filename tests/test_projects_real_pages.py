"""Projects and programmes on pages written unlike the ones the rules were first made for."""
from extract.facts import annotate
from extract.page import Page


def find_programmes(page):
    """The page's programmes as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["programmes"]


def find_projects(page):
    """The page's projects as the whole pipeline gives them (extract/facts.py)."""
    return annotate(page).layers["projects"]


def projects(text, **kw):
    return [p["name"] for p in find_projects(Page(text=text, zones=[(0, len(text))], **kw))]


def programmes(text):
    return [p["name"] for p in find_programmes(Page(text=text, zones=[(0, len(text))]))]


def test_microproject_with_registry_number_and_undotted_pt():
    text = ("Wójt gminy Kamionka spotkał się z partnerem słowackim w ramach mikroprojektu "
            "PL.2.14/3.1.07/19.00123 pt Wspólne dziedzictwo – szlaki rowerowe nad Popradem "
            "w ramach Programu Interreg V-A Polska-Słowacja.")
    assert projects(text) == ["Wspólne dziedzictwo – szlaki rowerowe nad Popradem"]


def test_microproject_cue_with_quoted_name():
    text = "Gmina Lutynia realizuje mikroprojekt pn.: „Smaki pogranicza” razem z miastem Nachod."
    assert projects(text) == ["Smaki pogranicza"]


def test_a_name_given_again_in_the_partners_language_is_one_project():
    text = "Trwa mikroprojekt pn. „Poznajmy się lepiej”, „Poznejme se lépe” gmin Lutynia i Nachod."
    assert projects(text) == ["Poznajmy się lepiej"]


def test_a_real_list_of_quoted_projects_keeps_every_name():
    text = "Gmina prowadzi projekty: „Zielona szkoła”, „Bezpieczny senior” i „Czysta rzeka”."
    assert projects(text) == ["Zielona szkoła", "Bezpieczny senior", "Czysta rzeka"]


def test_lowercase_foreign_phrase_in_quotes_is_no_name():
    text = "Zaprezentowaliśmy projekt „good governance” na spotkaniu w Opolu."
    assert projects(text) == []


def test_quoted_name_before_jako_projekt():
    text = "„Sąsiedzi bez granic” jako projekt roku\n\nNasz projekt zdobył nagrodę w Lipsku."
    assert "Sąsiedzi bez granic" in projects(text)


def test_long_conference_title_after_pn_is_kept_whole():
    title = ("Rola samorządów gminnych w rozwoju turystyki kulturowej na pograniczu polsko-słowackim "
             "na przykładzie doświadczeń gmin Muszyna, Krynica-Zdrój i Piwniczna-Zdrój oraz "
             "partnerskich miast Bardejov i Stara Lubovna")
    text = f"W Muszynie odbyła się konferencja pn. {title}. Wzięło w niej udział stu gości."
    assert projects(text) == [title]


def test_operational_programme_name_runs_across_a_dash_between_countries():
    text = ("Projekt dofinansowano w ramach Programu Operacyjnego Współpracy Transgranicznej "
            "Republika Słowacka -Rzeczpospolita Polska 2007-2013.")
    assert programmes(text) == [
        "Program Operacyjny Współpracy Transgranicznej Republika Słowacka -Rzeczpospolita Polska 2007-2013"]


def test_euroregion_microproject_fund_with_its_euroregion():
    text = "Zadanie współfinansowano ze środków Funduszu Mikroprojektów w Euroregionie Tatry."
    assert programmes(text) == ["Fundusz Mikroprojektów w Euroregionie Tatry"]


def test_polish_foreign_aid_programme_by_its_descriptive_name():
    text = ("Miasto otrzymało dotację MSZ w ramach Polskiego programu pomocy zagranicznej "
            "na projekt w Mołdawii.")
    assert programmes(text) == ["Polska Pomoc"]


def test_quoted_mention_of_a_programme_named_before_is_no_project():
    text = ("Projekt współfinansowano w ramach programu polskiej współpracy rozwojowej. "
            "Rozmawiano o kolejnych projektach w ramach programu „Polskiej Pomocy”.")
    assert projects(text) == []
    assert programmes(text) == ["Polska Pomoc"]


def test_number_of_a_measure_is_no_ordinal_of_the_programme():
    text = "Projekt dofinansowano w ramach Działania 3. Programu Edukacja ze środków EOG."
    # (one common word is no name without its head: Program Edukacja)
    assert programmes(text) == ["Program Edukacja"]
    assert projects(text) == []


def test_ordinal_still_counts_an_event():
    text = "Burmistrz wziął udział w obradach podczas 5. Kongresu Miast Nadmorskich w Ustce."
    assert projects(text) == ["5. Kongres Miast Nadmorskich"]


def test_ordinal_between_adjective_and_head_is_kept():
    text = ("Odbył się XII Zjazd Gmin Pogórza. Wójt dokonał otwarcia Uroczystego XII Zjazdu "
            "Gmin Pogórza w Bieczu.")
    assert projects(text) == ["Uroczysty XII Zjazd Gmin Pogórza"]


def test_programme_named_in_apposition_is_its_own_name():
    text = "Radni uczestniczyli w wizycie studyjnej w ramach Programu Aktywna Wieś w Norwegii."
    assert projects(text) == ["Aktywna Wieś"]


def test_programme_with_genitive_complement_keeps_its_head():
    text = "Radni uczestniczyli w wizycie studyjnej w ramach Programu Rozwoju Wsi Pomorskiej."
    assert projects(text) == ["Program Rozwoju Wsi Pomorskiej"]


def test_quoted_festival_after_programme_is_its_agenda_not_a_programme():
    text = "Omówiono programy „Festiwalu Kaszubskiego” w Kartuzach ze środków miasta."
    assert programmes(text) == []
    assert projects(text) == []


def test_quoted_programme_name_in_the_nominative_stays():
    text = "Gmina przystąpiła do programu „Senior+” finansowanego ze środków rządowych."
    assert programmes(text) == ["Senior+"]


def test_forum_named_with_a_list_of_offices():
    text = "Samorządowcy zorganizowali w Myślenicach Forum Starosty, Burmistrzów i Wójtów."
    assert projects(text) == ["Forum Starosty, Burmistrzów i Wójtów"]


def test_a_convention_of_local_leaders_is_a_body_not_an_initiative():
    text = ("Starosta uczestniczył w obradach Konwentu Starostów Województwa Opolskiego. "
            "Samorządowcy postanowili też utworzyć Konwent Starosty, Burmistrzów i Wójtów.")
    assert projects(text) == []


def test_list_of_places_does_not_join_a_name():
    text = "Delegaci przyjechali na Forum Gmin Pogranicza, Kielce i Radom wysłały po dwie osoby."
    assert projects(text) == ["Forum Gmin Pogranicza"]


def test_convention_of_an_association_is_its_body_not_a_project():
    text = "Obradował wczoraj Konwent Wójtów Związku Gmin Dorzecza Wisłoki."
    assert projects(text) == []


def test_network_named_with_a_quoted_part_is_one_name():
    text = "Urzędnicy z Bochni biorą udział w Sieci Współpracy Gmin „Miasto zielone”."
    assert projects(text) == ["Sieć Współpracy Gmin „Miasto zielone”"]


def test_network_without_a_quoted_part_is_a_body_of_towns():
    text = "Miasto przystąpiło do Sieci Miast Przyjaznych Rowerzystom w zeszłym roku."
    assert projects(text) == []


def test_heading_over_the_aim_of_the_project_is_its_name():
    text = ("Aktualności\n\nZdrowa gmina – zdrowi mieszkańcy\n\n"
            "Głównym celem projektu jest poprawa dostępu do profilaktyki w gminach powiatu.")
    assert projects(text) == ["Zdrowa gmina – zdrowi mieszkańcy"]


def test_heading_of_two_sentences_with_a_year_is_the_projects_name():
    text = ("Projekty\n\nLepsze usługi w małych gminach. Wymiana doświadczeń samorządów Europy "
            "Środkowej (2019)\n\nProjekt współfinansowany przez Fundusz Wyszehradzki trwał rok.")
    assert projects(text) == [
        "Lepsze usługi w małych gminach. Wymiana doświadczeń samorządów Europy Środkowej"]


def test_headline_with_a_verb_over_a_project_is_no_name():
    text = ("Gmina otrzymała dotację na boisko\n\n"
            "Głównym celem projektu jest budowa boiska przy szkole w Lipnicy.")
    assert projects(text) == []


def test_unquoted_name_after_pn_ends_before_the_clauses_verb():
    text = "Projekt pn.: Wspólne drogi gmin pogranicza jest realizowany od 2021 roku."
    assert projects(text) == ["Wspólne drogi gmin pogranicza"]


def test_programme_people_graduated_from_is_an_initiative_not_a_funding_programme():
    text = ("Spotkaliśmy się z absolwentami, m.in. programu Liderzy Wsi Mazowieckiej, "
            "którzy zostali radnymi.")
    assert programmes(text) == []
    assert projects(text) == ["Liderzy Wsi Mazowieckiej"]


def test_ordinal_after_a_capitalised_preposition_still_counts():
    text = "Sołtysi byli obecni. Podczas 5. Kongresu Miast Nadmorskich rozmawiano o plażach."
    assert projects(text) == ["5. Kongres Miast Nadmorskich"]


def test_registry_number_with_dashes_before_a_quoted_name():
    text = "Projekt nr RPPK.07.01.00-18-0044/20 „Kompetentny urzędnik” dobiega końca."
    assert projects(text) == ["Kompetentny urzędnik"]


def test_what_has_a_chair_is_a_standing_body():
    text = ("Gości przywitał Wiesław Dąbek – Przewodniczący Forum Współpracy Samorządowej "
            "Polska – Litwa.")
    assert projects(text) == []


def test_an_agreeing_adjective_before_the_head_stays_in_the_name():
    text = "Delegacja gminy wzięła udział w Europejskim Kongresie Samorządów w Krynicy."
    assert projects(text) == ["Europejski Kongres Samorządów"]


def test_a_persons_name_after_the_forum_is_cut_off():
    text = ("W spotkaniu uczestniczył koordynator Forum Współpracy Samorządowej Polska-Litwa "
            "Tadeusz Wrona oraz radni powiatu.")
    assert projects(text) == ["Forum Współpracy Samorządowej Polska-Litwa"]


def test_a_name_cut_off_by_the_end_of_the_text_is_dropped():
    text = ("Wójt gminy uczestniczył w obradach.\n\n"
            "Ustalono, że działania w regionie skoordynuje Konwent Wójtów i Burmistrzów Powiatu Łowi")
    assert projects(text) == []


def test_a_university_named_after_its_patron_is_no_training():
    text = "Szkolenie poprowadzili wykładowcy Akademii Muzycznej im. Karola Szymanowskiego w Katowicach."
    assert projects(text) == []


def test_a_training_academy_without_a_patron_is_still_found():
    text = "Sołtysi ukończyli zajęcia w ramach Akademii Liderów Wiejskich w Opolu."
    assert projects(text) == ["Akademia Liderów Wiejskich"]


def test_a_body_in_the_plural_after_a_cue_is_who_meets_not_the_name():
    text = "W Tczewie rozpoczęło się dwudniowe seminarium Lokalnych Grup Działania z całego regionu."
    assert projects(text) == []


def test_a_line_above_an_anaphoric_cue_is_no_name():
    text = ("Seminarium odbyło się w Sopocie.\n\nSuper Buty Promocja\n\n"
            "Seminarium to było przeznaczone dla wójtów i burmistrzów z Pomorza.")
    assert "Super Buty Promocja" not in projects(text)


def test_a_heading_line_still_names_the_project_described_under_it():
    text = ("Aktualności gminy.\n\nZielone podwórka\n\n"
            "Projekt jest realizowany wspólnie z miastem partnerskim Żylina.")
    assert projects(text) == ["Zielone podwórka"]


def test_a_quoted_heading_ends_at_its_closing_quote():
    text = ("Nasze projekty.\n\n„Mosty nad Bugiem – polsko-białoruskie doświadczenia sołtysów” "
            "(marzec – czerwiec 2011)\n\nprojekt miał na celu wymianę doświadczeń sołtysów.")
    assert projects(text) == ["Mosty nad Bugiem – polsko-białoruskie doświadczenia sołtysów"]


def test_a_regional_programme_is_no_project_but_stays_a_programme():
    text = ("Sołtysi z powiatu wzięli udział w szkoleniu.\n\nTematyka szkolenia obejmowała:\n\n"
            "  • prezentację Programu Lubelskiej Odnowy Wsi,\n  • zasady współpracy gmin.")
    assert projects(text) == []


def test_the_rural_network_is_no_funding_programme():
    text = "Szkolenie sfinansowano ze środków Krajowej Sieci Obszarów Wiejskich (KSOW)."
    assert programmes(text) == []


def test_a_quoted_heading_with_a_verb_and_a_lost_opening_quote_is_a_name():
    text = ("Zrealizowane projekty.\n\nRazem możemy więcej… polsko-mołdawskie doświadczenia "
            "gmin” (luty – maj 2012)\n\nCelem projektu była wymiana doświadczeń wójtów.")
    assert projects(text) == ["Razem możemy więcej… polsko-mołdawskie doświadczenia gmin"]


def test_an_unquoted_heading_with_a_verb_is_a_headline():
    text = ("Zrealizowane projekty.\n\nGmina zdobyła nowych partnerów\n\n"
            "Celem projektu była wymiana doświadczeń wójtów.")
    assert projects(text) == []


def test_a_cue_word_opening_a_quoted_title_is_no_cue():
    text = "Radni wysłuchali wykładu pt. „Partnerstwo Miejsko-Wiejskie – nowe szanse” w Kielcach."
    assert projects(text) == []


def test_the_congress_of_local_and_regional_authorities_is_a_body():
    text = ("Gmina kieruje się rekomendacjami Kongresu Władz Lokalnych i Regionalnych Rady Europy "
            "w sprawie budżetu obywatelskiego.")
    assert projects(text) == []


def test_a_programming_period_written_two_ways_is_one_programme():
    text = ("Szkolenie sfinansowano z PROW 2014-2020. Operacja była współfinansowana ze środków "
            "Unii Europejskiej w ramach Programu Rozwoju Obszarów Wiejskich na lata 2014 – 2020.")
    assert len(programmes(text)) == 1


def test_titled_words_before_a_quoted_programme_are_its_kind_not_a_second_programme():
    text = ("Projekt realizowany jest w ramach Programu Krajowego „Silne gminy – lepsze usługi”. "
            "Operatorem Programu Krajowego jest Ministerstwo Funduszy.")
    assert programmes(text) == ["Silne gminy – lepsze usługi"]


def test_a_jubilee_number_belongs_to_the_congress_name():
    text = "W sobotę w Lublinie zakończył się Kongres XV - lecia Powiatów Polskich."
    assert projects(text) == ["Kongres XV - lecia Powiatów Polskich"]


def test_a_festival_of_partnership_is_an_initiative_a_festival_of_art_is_not():
    text = ("Burmistrz omówił przygotowania do „Festiwalu Partnerstwa Miast” w Tarnopolu "
            "oraz do Festiwalu Sztuki Ulicznej w Rzeszowie.")
    assert projects(text) == ["Festiwal Partnerstwa Miast"]


def test_an_opening_quote_typed_as_two_commas_opens_a_name():
    text = "Celem projektu ,,Zielone szkoły Wadowic i Trnavy” była wymiana uczniów."
    assert projects(text) == ["Zielone szkoły Wadowic i Trnavy"]


def test_graduates_and_editions_of_a_programme_make_it_a_course_not_funding():
    text = ("W wizycie wzięły udział absolwentki Programu Stypendialnego Lane'a, uczestniczki "
            "tegorocznej edycji programu „Młodzi Liderzy Wschodu”.")
    assert programmes(text) == []


def test_a_programme_the_page_says_is_its_subject_is_no_funding_programme():
    text = ("„Szkoła Sołtysów Pogranicza” to program rozwoju kompetencji sołtysów z Polski i Litwy.\n\n"
            "Program „Szkoła Sołtysów Pogranicza” przeznaczony jest dla aktywnych sołtysów.")
    assert programmes(text) == []
    assert projects(text) == ["Szkoła Sołtysów Pogranicza"]


def test_what_has_a_president_is_a_standing_body_at_every_mention():
    text = ("W spotkaniu uczestniczył prezes Konwentu Współpracy Samorządowej Polska-Litwa Jan Wrona. "
            "Pomoc dla uchodźców koordynuje Konwent Współpracy Samorządowej Polska-Litwa.")
    assert projects(text) == []


def test_this_project_under_its_own_heading_is_still_named_by_it():
    text = "Zielone podwórka Żywca\n\nProjekt ten jest realizowany wspólnie z miastem Čadca."
    assert projects(text) == ["Zielone podwórka Żywca"]


def test_a_national_congress_of_local_authorities_is_an_association():
    text = "Burmistrz spotkał się z przedstawicielami Kongresu Władz Lokalnych Gruzji w Tbilisi."
    assert projects(text) == []


def test_an_adjective_in_cz_between_the_cue_and_a_quoted_name():
    text = ('Celem projektu badawczego "Wspólne usługi gmin Podhala" jest opis współpracy '
            'samorządów.')
    assert projects(text) == ["Wspólne usługi gmin Podhala"]
