"""Projects and programmes on pages written unlike the ones the rules were first made for."""
from extract.page import Page
from extract.programmes import find_programmes
from extract.projects import find_projects


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
    assert programmes(text) == ["Edukacja"]
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


def test_convention_named_with_a_list_of_offices():
    text = "Samorządowcy postanowili utworzyć w Powiecie Myślenickim Konwent Starosty, Burmistrzów i Wójtów."
    assert projects(text) == ["Konwent Starosty, Burmistrzów i Wójtów"]


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
