"""Projects and programmes: bodies, functions, people and cut-off text are no initiatives."""
from extract.page import Page
from extract.programmes import find_programmes
from extract.projects import find_projects


def projects(text, **kw):
    return [p["name"] for p in find_projects(Page(text=text, zones=[(0, len(text))], **kw))]


def programmes(text):
    return [p["name"] for p in find_programmes(Page(text=text, zones=[(0, len(text))]))]


def test_a_function_word_before_the_convention_is_not_part_of_its_name():
    text = ("Gości przywitał Wiesław Dąbek – Przewodniczący Konwentu Współpracy Samorządowej "
            "Polska – Litwa.")
    assert projects(text) == ["Konwent Współpracy Samorządowej Polska – Litwa"]


def test_an_agreeing_adjective_before_the_head_stays_in_the_name():
    text = "Delegacja gminy wzięła udział w Europejskim Kongresie Samorządów w Krynicy."
    assert projects(text) == ["Europejski Kongres Samorządów"]


def test_a_persons_name_after_the_convention_is_cut_off():
    text = ("W spotkaniu uczestniczył koordynator Konwentu Współpracy Samorządowej Polska-Litwa "
            "Tadeusz Wrona oraz radni powiatu.")
    assert projects(text) == ["Konwent Współpracy Samorządowej Polska-Litwa"]


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
