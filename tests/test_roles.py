"""Funders and participants from the cue words of their sentence (extract.roles)."""
from extract.page import Page
from extract.cues import find_cues
from extract.roles import find_actors


def actors(text, zones=None):
    return find_actors(Page(text=text, zones=zones))


def by_name(items):
    return {it["name"]: it for it in items}


def test_funder_from_financing_cue_in_the_nominative():
    text = "Projekt jest współfinansowany ze środków Ministerstwa Spraw Zagranicznych RP."
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Ministerstwo Spraw Zagranicznych"]
    assert participants == []  # a body that only pays takes no part
    f = funders[0]
    assert text[f["start"]:f["end"]] == f["text"] == "Ministerstwa Spraw Zagranicznych RP"
    assert f["evidence"] == [f["start"], f["end"]]


def test_organizer_partner_and_funder_in_one_sentence():
    text = ("Konkurs realizuje Związek Powiatów Polskich w partnerstwie z Fundacją Rozwoju Demokracji "
            "Lokalnej, dzięki wsparciu Polsko-Amerykańskiej Fundacji Wolności.")
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Polsko-Amerykańska Fundacja Wolności"]
    roles = {p["name"]: p["role"] for p in participants}
    assert roles == {"Związek Powiatów Polskich": "organizer",
                     "Fundacja Rozwoju Demokracji Lokalnej": "partner"}


def test_hosts_of_a_study_visit():
    text = ("Goście z Gruzji zapoznali się z funkcjonowaniem Urzędu Miasta Lublin oraz "
            "Starostwa Powiatowego w Świdniku.")
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {
        "Urząd Miasta Lublin": "host", "Starostwo Powiatowe w Świdniku": "host"}


def test_subjects_of_an_invitation_are_organizers():
    text = "Związek Miast Polskich oraz Związek Gmin Wiejskich RP zapraszają na konferencję."
    _, participants = actors(text)
    assert [(p["name"], p["role"]) for p in participants] == [
        ("Związek Miast Polskich", "organizer"), ("Związek Gmin Wiejskich RP", "organizer")]


def test_person_with_function_is_a_participant_named_in_the_nominative():
    text = "W szkoleniu udział wzięli burmistrz Jan Kowalski i przedstawiciele Gminy Nowa Dęba."
    _, participants = actors(text)
    people = [p for p in participants if p["kind"] == "person"]
    assert [(p["name"], p["function"], p["role"]) for p in people] == [("Jan Kowalski", "burmistrz", "participant")]
    assert "Gmina Nowa Dęba" in by_name(participants)


def test_one_item_per_body_with_the_strongest_role_and_its_aliases():
    text = ("Seminarium zorganizowane przez Krajową Szkołę Administracji Publicznej odbyło się w Warszawie. "
            "Zajęcia prowadzili eksperci z KSAP.")
    _, participants = actors(text)
    assert len(participants) == 1
    p = participants[0]
    assert (p["name"], p["role"]) == ("Krajowa Szkoła Administracji Publicznej", "organizer")
    assert "KSAP" in p["aliases"]


def test_variants_of_a_town_office_merge_into_the_most_used_name():
    text = ("Projekt realizuje Urząd Miasta Kielce. Partnerem jest Miasto Lwów. "
            "Szkolenia prowadzili pracownicy Urzędu Miasta Kielce, a koordynuje je Miasto Kielce.")
    _, participants = actors(text)
    assert sorted(p["name"] for p in participants) == ["Miasto Lwów", "Urząd Miasta Kielce"]


def test_eu_and_its_fund_are_one_funder():
    text = "Projekt współfinansowany przez Unię Europejską ze środków Europejskiego Funduszu Społecznego."
    funders, _ = actors(text)
    assert [f["name"] for f in funders] == ["Unia Europejska"]


def test_bodies_named_without_a_cue_are_left_out():
    text = "Na stronie Ministerstwa Finansów opublikowano komunikat. Logo Unii Europejskiej."
    assert actors(text) == ([], [])


def test_noise_outside_zones_gives_nothing():
    body = "Spotkanie zorganizowała Gmina Zawoja."
    text = "Menu: projekt finansowany przez Urząd Marszałkowski Województwa Małopolskiego\n" + body
    funders, participants = actors(text, [(len(text) - len(body), len(text))])
    assert funders == []
    assert [p["name"] for p in participants] == ["Gmina Zawoja"]


def test_overlapping_cues_merge_keeping_each_side():
    text = "Gmina Kozy odwiedziła Urząd Gminy Porąbka."
    (cue,) = find_cues(text, 0, len(text))
    assert (cue.left, cue.right) == ("participant", "host")
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {"Gmina Kozy": "participant",
                                                           "Urząd Gminy Porąbka": "host"}


def test_persons_with_a_function_take_part_even_without_a_cue():
    text = "– Cieszymy się ze współpracy – mówił burmistrz Miasta Bochnia Stefan Kolawiński."
    _, participants = actors(text)
    p = by_name(participants)["Stefan Kolawiński"]
    assert (p["kind"], p["role"]) == ("person", "participant")
    assert by_name(participants)["Miasto Bochnia"]["kind"] == "organization"  # the town he heads
    assert p["function"] == "burmistrz Miasta Bochnia"
    assert text[p["start"]:p["end"]] == "Stefan Kolawiński"


def test_a_bare_name_needs_a_cue_and_a_byline_is_no_participant():
    assert actors("Tekst i zdjęcia: Anna Nowak") == ([], [])
    _, participants = actors("Warsztaty poprowadziła Anna Nowak z Fundacji Pracownia Rozwoju.")
    assert [p["name"] for p in participants] == ["Anna Nowak", "Fundacja Pracownia Rozwoju"]


def test_foreign_names_after_a_function_or_title_and_before_one():
    text = ("Umowę podpisali burmistrz Bielc Nicolae Grigorișin i dr Tamar Beridze. "
            "– To ważny dzień – mówiła Nino Kapanadze, przewodnicząca rady gminy Gori.")
    _, participants = actors(text)
    assert [p["name"] for p in participants] == ["Nicolae Grigorișin", "Tamar Beridze", "Nino Kapanadze"]


def test_patron_in_an_organisation_name_is_no_person():
    text = "Szkolenie zorganizowała Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego."
    _, participants = actors(text)
    assert [p["name"] for p in participants] == ["Fundacja Rozwoju Demokracji Lokalnej"]


def test_inverted_subject_after_an_active_verb():
    text = "Spotkanie zorganizowała Gmina Zawoja, a gości powitał wójt Jan Nowak."
    _, participants = actors(text)
    assert [(p["name"], p["role"]) for p in participants] == [("Gmina Zawoja", "organizer"),
                                                              ("Jan Nowak", "organizer")]


def test_programme_owner_after_w_ramach_pays():
    text = ("Projekt jest współfinansowany w ramach programu polskiej współpracy rozwojowej "
            "Ministerstwa Spraw Zagranicznych RP.")
    funders, _ = actors(text)
    assert [f["name"] for f in funders] == ["Ministerstwo Spraw Zagranicznych"]


def test_a_relative_clause_ends_a_funders_scope():
    text = "Projekt finansuje Norweski Mechanizm Finansowy, którego operatorem jest Ministerstwo Finansów."
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Norweski Mechanizm Finansowy"]
    assert participants == []


def test_local_unit_in_a_heads_function_takes_part_with_the_person():
    text = "Goście spotkali się z burmistrzem Gminy Kórnik Przemysławem Pacholskim."
    _, participants = actors(text)
    assert sorted(p["name"] for p in participants) == ["Gmina Kórnik", "Przemysław Pacholski"]


def test_leader_and_partners_without_a_verb():
    text = "Liderem projektu jest Gmina Kozy, a partnerami Gmina Porąbka i Miasto Bielsko-Biała."
    _, participants = actors(text)
    assert [(p["name"], p["role"]) for p in participants] == [
        ("Gmina Kozy", "organizer"), ("Gmina Porąbka", "partner"), ("Miasto Bielsko-Biała", "partner")]


def test_one_person_under_full_and_initial_names_but_two_namesakes():
    text = ("W spotkaniu udział wzięła wójt Katarzyna Nowak oraz radny Jan Nowak. "
            "– Dziękujemy – mówiła wójt K. Nowak.")
    _, participants = actors(text)
    assert sorted(p["name"] for p in participants) == ["Jan Nowak", "Katarzyna Nowak"]


def test_support_from_an_embassy_is_taking_part_from_a_foundation_paying():
    text = ("Goście przyjechali dzięki wsparciu Ambasady RP w Kiszyniowie. "
            "Szkolenia odbyły się dzięki wsparciu Fundacji Solidarności Międzynarodowej "
            "i przy wsparciu merytorycznym Związku Gmin Wiejskich RP.")
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Ambasada RP w Kiszyniowie", "Fundacja Solidarności Międzynarodowej"]
    assert [p["name"] for p in participants] == ["Ambasada RP w Kiszyniowie", "Związek Gmin Wiejskich RP"]


def test_partners_listed_after_a_label_line():
    _f, participants = actors("Partnerzy projektu: Gmina Krzyżanowice, Gmina Hať, Stowarzyszenie Razem.")
    assert {p["name"]: p["role"] for p in participants} == {
        "Gmina Krzyżanowice": "partner", "Gmina Hať": "partner", "Stowarzyszenie Razem": "partner"}


def test_money_talked_about_in_general_names_no_funder():
    funders, _p = actors("Eksperci odpowiadali na pytania dotyczące pozyskiwania środków z Unii Europejskiej.")
    assert funders == []


def test_a_paying_verb_after_the_costs_names_the_funder():
    funders, _p = actors("Koszty dojazdu pokrywa Fundacja Wspólna Droga.")
    assert [f["name"] for f in funders] == ["Fundacja Wspólna Droga"]


def test_persons_with_the_function_after_a_dash_or_no_comma_and_behind_titles():
    _f, participants = actors("Nagrody wręczyli Adam Lis – Wójt Gminy Poraj oraz Ewa Sowa Burmistrz Kórnika. "
                              "Głos zabrał Ksiądz Biskup Jan Wróbel, a potem dr hab. prof. UJ Piotr Kos.")
    names = {p["name"] for p in participants if p["kind"] == "person"}
    assert names == {"Adam Lis", "Ewa Sowa", "Jan Wróbel", "Piotr Kos"}
    assert by_name(participants)["Adam Lis"]["function"] == "Wójt Gminy Poraj"


def test_offices_signing_name_their_towns_as_partners():
    _f, participants = actors("Burmistrzowie Gorlic i słowackiego Bardejova podpisali umowę o współpracy.")
    assert {p["name"]: p["role"] for p in participants} == {"Miasto Gorlice": "partner", "Bardejov": "partner"}


def test_the_dead_named_in_a_tribute_take_no_part():
    _f, participants = actors("Obrady zaczęto minutą ciszy dla zmarłych samorządowców, wśród których "
                              "znaleźli się Jan Kruk, burmistrz Gorlic, i Anna Sroka. Obrady prowadził Piotr Kos, wójt gminy Poraj.")
    assert {p["name"] for p in participants} == {"Piotr Kos", "Gmina Poraj"}


def test_a_region_named_as_the_seat_takes_no_part():
    _f, participants = actors("Uczestnicy spotkali się z władzami gminy Dydnia w Województwie Podkarpackim.")
    assert [p["name"] for p in participants] == ["Gmina Dydnia"]


def test_the_owner_of_a_cooperation_scheme_after_w_ramach_pays():
    funders, _p = actors("Zadanie jest współfinansowane w ramach polskiej współpracy rozwojowej "
                         "Ministerstwa Spraw Zagranicznych RP.")
    assert [f["name"] for f in funders] == ["Ministerstwo Spraw Zagranicznych"]


def test_a_foreign_womans_name_in_the_instrumental_comes_back_in_the_nominative():
    _f, participants = actors("Rozmawialiśmy z Panią Oksaną Hrycak o współpracy szkół.")
    assert [p["name"] for p in participants] == ["Oksana Hrycak"]


def test_heads_signing_after_the_agreement_make_their_towns_partners():
    _f, participants = actors("Umowę o współpracy podpisali prezydent Rzeszowa Jan Lis i mer Tarnopola "
                              "Serhij Nadał. Dokument parafował marszałek Władysław Kos.")
    roles = {p["name"]: p["role"] for p in participants}
    assert roles["Miasto Rzeszów"] == "partner" and roles["Tarnopol"] == "partner"
    assert roles["Jan Lis"] == "partner" and not any(n.startswith("Województwo") for n in roles)


def test_a_function_does_not_run_over_the_end_of_a_sentence_into_a_photo_credit():
    _f, participants = actors("Przyszli sołtysi z gminy Zator. Fot. Adam Nowak")
    assert not any(p["name"] == "Adam Nowak" for p in participants)


def test_a_projects_owner_organises_and_the_people_met_take_part():
    _f, participants = actors("Gmina uczestniczy w projekcie fundacji Wspólna Ziemia. Goście spotkali się "
                              "z władzami gminy Dukla, a konferencję wraz z Instytutem Rozwoju Miast przygotowano.")
    roles = {p["name"]: p["role"] for p in participants}
    assert roles["Fundacja Wspólna Ziemia"] == "organizer"
    assert "Gmina Dukla" in roles and "Instytut Rozwoju Miast" in roles


def test_a_speaker_in_the_genitive_after_a_noun_of_speaking_is_a_trainer():
    _f, participants = actors("Po przerwie wysłuchano prelekcji Macieja Wrony o budżetach gmin.")
    assert [(p["name"], p["role"]) for p in participants] == [("Maciej Wrona", "trainer")]


def test_a_name_after_the_function_and_a_dash_or_comma():
    _f, participants = actors("Gości powitał Wójt Gminy Zator – Jan Kowalski. Obecny był także "
                              "Burmistrz Miasta Pińczowa, Adam Sowa.")
    fn = {p["name"]: p.get("function") for p in participants}
    assert fn["Jan Kowalski"] == "Wójt Gminy Zator" and fn["Adam Sowa"] == "Burmistrz Miasta Pińczowa"
    assert "Miasto Pińczów" in fn


def test_plural_past_verbs_are_cues_too():
    # "-li" plurals ("zorganizowali", "przygotowali") are cue verbs as much as "-ł" forms
    text = "Warsztaty dla radnych zorganizowali Związek Gmin Wiejskich RP i Fundacja Wspólna Ziemia."
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {
        "Związek Gmin Wiejskich RP": "organizer", "Fundacja Wspólna Ziemia": "organizer"}


def test_every_subject_listed_after_a_verb_takes_its_role():
    text = ("Forum przygotowały Unia Miasteczek Polskich, Związek Powiatów Polskich "
            "oraz Związek Województw RP.")
    _, participants = actors(text)
    assert [p["role"] for p in participants] == ["organizer"] * 3
    assert participants[2]["name"] == "Związek Województw Rzeczypospolitej Polskiej"


def test_subject_before_a_partner_phrase_takes_the_verb_after_it():
    text = ("Stowarzyszenie Dolina Słońca przy współpracy z Urzędem Gminy Kłodawa zorganizowało "
            "szkolenie dla sołtysów.")
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {
        "Stowarzyszenie Dolina Słońca": "organizer", "Urząd Gminy Kłodawa": "partner"}


def test_operator_of_a_regranting_project_runs_it():
    text = "Szkolenie sfinansowano z grantu, a operatorem projektu jest: Fundacja Rozwoju Wsi Mazurskiej."
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {"Fundacja Rozwoju Wsi Mazurskiej": "organizer"}


def test_lines_under_a_partners_heading_are_partners():
    text = ("Partnerzy projektu:\nGmina Miasto Ełk – lider\nGmina Kalinowo\n\n"
            "Gmina Prostki uchwaliła nowy budżet.")
    _, participants = actors(text)
    assert {p["name"]: p["role"] for p in participants} == {
        "Gmina Miasto Ełk": "partner", "Gmina Kalinowo": "partner"}


def test_polish_development_cooperation_programme_names_its_payer():
    text = ("Szkolenie było częścią projektu objętego programem polskiej współpracy rozwojowej "
            "Ministerstwa Spraw Zagranicznych RP.")
    funders, _ = actors(text)
    assert [f["name"] for f in funders] == ["Ministerstwo Spraw Zagranicznych"]


def test_support_obtained_from_a_body_is_money_from_it():
    text = "Dzięki dotacji otrzymanej od Fundacji Wspólna Wieś kupiono sprzęt dla świetlicy."
    funders, participants = actors(text)
    assert [f["name"] for f in funders] == ["Fundacja Wspólna Wieś"]
    assert participants == []


def test_body_led_by_a_named_guest_takes_part():
    text = ("Na gali pojawili się Anna Lis, prezes Banku Ziemi Lubelskiej, oraz Jan Wróbel, "
            "przewodniczący Rady Gminy Zakrzew.")
    _, participants = actors(text)
    names = {p["name"] for p in participants}
    assert "Bank Ziemi Lubelskiej" in names and {"Anna Lis", "Jan Wróbel"} <= names
    assert "Rada Gminy Zakrzew" not in names  # a council's chair brings no body along


def test_body_after_a_verb_in_a_funders_scope_does_not_pay():
    text = ("Dzięki dofinansowaniu z Fundacji Orlen udało się wyremontować świetlicę "
            "Stowarzyszenia Nasza Wieś.")
    funders, _ = actors(text)
    assert [f["name"] for f in funders] == ["Fundacja Orlen"]


def test_lone_body_after_a_plural_verb_is_its_object():
    text = "Redakcja tygodnika wraz z Miastem Sopot zorganizowały Forum Rozwoju Lokalnego."
    _, participants = actors(text)
    assert "Forum Rozwoju Lokalnego" not in {p["name"] for p in participants}


def test_a_heading_list_ends_at_running_prose():
    text = ("Partnerzy projektu:\nGmina Kalinowo\n"
            "Dzieci z całego regionu przez całe lato mogły korzystać z zajęć w nowej świetlicy, "
            "a rodzice chwalili porządek, ciszę i bogatą ofertę świetlicy Gminy Prostki.")
    _, participants = actors(text)
    assert {p["name"] for p in participants} == {"Gmina Kalinowo"}
