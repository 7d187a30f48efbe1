"""Relevance: cooperation / capacity-building pages pass, everyday municipal news does not.

The pages are short news items written for these tests in the style of Polish municipal
websites. Each is scored with the record the extractors produce, as in extract/facts.py.
"""
import pytest

from extract import relevance
from extract.facts import extract_facts
from extract.page import Page

RELEVANT = {
    "study_visit_abroad": (
        "Urzędnicy z Mołdawii z wizytą w Lesznie",
        "W dniach 12-15 marca 2023 r. gościliśmy delegację urzędników samorządowych z Mołdawii. "
        "Wizyta studyjna była częścią projektu „Lokalna demokracja w praktyce”, finansowanego "
        "ze środków programu Polska Pomoc. Goście poznali organizację pracy urzędu, system "
        "obsługi mieszkańców oraz zasady planowania budżetu. Nie zabrakło wymiany doświadczeń "
        "z pracownikami wydziałów merytorycznych."),
    "partner_town": (
        "Delegacja z miasta partnerskiego",
        "Burmistrz podpisał z merem Rivne porozumienie o współpracy w zakresie edukacji i kultury. "
        "Partnerstwo naszych miast trwa od 15 lat. Strony zadeklarowały dalszą wymianę "
        "dobrych praktyk w obszarze zarządzania usługami komunalnymi."),
    "training_for_officials": (
        "Szkolenie dla pracowników urzędów gmin",
        "Ponad 40 pracowników urzędów gmin z powiatu wzięło udział w szkoleniu z zakresu "
        "zamówień publicznych. Szkolenie zorganizowano w ramach projektu „Kompetentna "
        "administracja”, współfinansowanego z Europejskiego Funduszu Społecznego w ramach "
        "Programu Operacyjnego Wiedza Edukacja Rozwój. Zajęcia prowadzili eksperci."),
    "conference_good_practice": (
        "Konferencja o dobrych praktykach w samorządach",
        "Związek Gmin Wiejskich zaprasza na konferencję „Samorząd blisko ludzi”, podczas "
        "której laureaci konkursu zaprezentują swoje rozwiązania. Konferencja będzie okazją "
        "do wymiany doświadczeń między wójtami i burmistrzami."),
    "seminar_foreign_guests": (
        "Seminarium dla gości z Gruzji",
        "Krajowa Szkoła Administracji Publicznej zorganizowała seminarium „Decentralizacja po "
        "polsku” dla przedstawicieli administracji publicznej Gruzji. Uczestnicy odwiedzili "
        "starostwo powiatowe i urząd marszałkowski, gdzie poznali zasady współpracy "
        "samorządów różnych szczebli."),
    "competition_of_managers": (
        "Gmina laureatem konkursu dla samorządów",
        "Nasza gmina otrzymała wyróżnienie w ogólnopolskim konkursie na najlepsze praktyki "
        "zarządzania w samorządzie. Jury doceniło system konsultacji społecznych, który "
        "pozwolił usprawnić współpracę urzędu z mieszkańcami. Nagrodę odebrał wójt."),
    "intermunicipal_partnership": (
        "Partnerstwo gmin doliny rzeki",
        "Sześć gmin podpisało list intencyjny w sprawie utworzenia partnerstwa na rzecz "
        "wspólnego planowania rozwoju. W ramach projektu samorządy przygotują wspólną "
        "strategię, a pracownicy urzędów wezmą udział w warsztatach strategicznych."),
    "workshop_network": (
        "Warsztaty sieci miast",
        "Przedstawiciele dwunastu miast spotkali się na warsztatach poświęconych rewitalizacji "
        "społecznej. Spotkanie zorganizowano w ramach sieci współpracy miast średnich. "
        "Uczestnicy dzielili się doświadczeniami z realizacji programów aktywizacji mieszkańców."),
    "grant_capacity_building": (
        "Grant na wzmocnienie potencjału urzędu",
        "Miasto otrzymało grant z Fundacji Rozwoju Demokracji Lokalnej na projekt, którego "
        "celem jest podnoszenie kompetencji kadry kierowniczej urzędu. Przewidziano cykl "
        "szkoleń oraz doradztwo ekspertów w zakresie zarządzania strategicznego."),
    "international_project_partner": (
        "Gmina partnerem projektu",
        "Gmina została partnerem międzynarodowego projektu „Wioski Jutra”, realizowanego w "
        "ramach programu Interreg Europa Środkowa. W projekcie uczestniczy 10 partnerów z 6 "
        "krajów. Pierwsze spotkanie partnerów odbyło się w Grazu."),
    "association_meeting": (
        "Spotkanie sieci miast przyjaznych seniorom",
        "W Płocku odbyło się spotkanie przedstawicieli stowarzyszenia miast przyjaznych "
        "seniorom. Samorządowcy dyskutowali o polityce senioralnej i dzielili się "
        "doświadczeniami z prowadzenia klubów seniora."),
    "civic_training": (
        "Jak działa nasza gmina",
        "W świetlicy odbyło się szkolenie dla członkiń koła gospodyń. Uczestniczki poznały "
        "zadania gminy, zasady funduszu sołeckiego i pracę komisji rady. Zajęcia prowadzili "
        "trenerzy metodą warsztatową."),
    "association_assembly_with_tribute": (
        "Zgromadzenie Ogólne związku w Opolu",
        "W dniach 5-6 kwietnia w Opolu obradowało XV Zgromadzenie Ogólne Stowarzyszenia Gmin "
        "Górskich. Delegaci z 40 gmin przyjęli sprawozdanie zarządu i dyskutowali o finansach "
        "samorządów. Obrady rozpoczęto od minuty ciszy, oddając hołd zmarłym samorządowcom."),
    "office_staff_training": (
        "Urzędnicy podnoszą kwalifikacje",
        "Pracownicy urzędu gminy wzięli udział w zajęciach z komunikacji interpersonalnej i "
        "obsługi trudnego klienta. Kurs dla pracowników urzędu sfinansowano z budżetu gminy. "
        "Dzięki zajęciom urzędnicy mogli podnieść swoje kwalifikacje."),
}

IRRELEVANT = {
    "labour_office_course": (
        "Kurs dla bezrobotnych",
        "Powiatowy Urząd Pracy zaprasza osoby bezrobotne na kurs operatora wózków widłowych. "
        "Dzięki szkoleniu uczestnicy podniosą swoje kwalifikacje i zwiększą szanse na rynku "
        "pracy. Zapisy w pokoju nr 5."),
    "job_training_for_the_unemployed": (
        "Szkolenia dla bezrobotnych",
        "Powiatowy Urząd Pracy ogłasza nabór na szkolenia dla osób bezrobotnych. Uczestnicy "
        "podniosą swoje kwalifikacje zawodowe. Szkolenia finansowane są z Funduszu Pracy."),
    "cooking_workshop": (
        "Warsztaty kulinarne",
        "Koło Gospodyń Wiejskich zaprasza na warsztaty kulinarne dla mieszkańców. Uczestnicy "
        "podniosą swoje umiejętności w przygotowaniu pierogów. Zajęcia w świetlicy wiejskiej."),
    "village_meetings": (
        "Zebrania wiejskie przełożone",
        "Informujemy, że zebrania wiejskie, na których sołtysi przedstawiają sprawozdania z "
        "pracy rad sołeckich, odbędą się w późniejszym terminie. O nowych datach mieszkańcy "
        "zostaną powiadomieni."),
    "road_grant_list": (
        "Droga w Lipinach z dofinansowaniem",
        "Wniosek gminy dotyczący zadania pn. Przebudowa drogi gminnej w Lipinach znalazł się na "
        "liście zadań rekomendowanych do dofinansowania ze środków Rządowego Funduszu Rozwoju "
        "Dróg. Czekamy na zatwierdzenie listy."),
    "press_conference_budget": (
        "Konferencja prasowa burmistrza",
        "Burmistrz zwołał konferencję prasową, na której przedstawił założenia budżetu na "
        "przyszły rok. Najwięcej środków przeznaczone zostanie na inwestycje drogowe i remont "
        "szkoły."),
    "sewer_grant_agreement": (
        "Umowa na dofinansowanie podpisana",
        "Wójt podpisał w urzędzie marszałkowskim umowę na dofinansowanie projektu pn. „Budowa "
        "sieci kanalizacji sanitarnej w miejscowości Olszyny”. Wartość projektu to 4 mln zł, a "
        "dofinansowanie z Europejskiego Funduszu Rozwoju Regionalnego wyniesie 2 mln zł."),
    "school_trip": (
        "Uczniowie na wycieczce",
        "Uczniowie szkoły podstawowej wyjechali na wycieczkę do Torunia. Zwiedzili starówkę i "
        "planetarium, a w drodze powrotnej odwiedzili muzeum piernika."),
    "road_repair_eu_funded": (
        "Przebudowa drogi gminnej zakończona",
        "Zakończyła się przebudowa drogi gminnej w Nowej Wsi. Wykonawca położył nową "
        "nawierzchnię asfaltową i wybudował chodnik. Inwestycja została dofinansowana ze "
        "środków Regionalnego Programu Operacyjnego Województwa Łódzkiego. Wartość robót "
        "wyniosła 2,4 mln zł. Dziękujemy mieszkańcom za cierpliwość podczas utrudnień w ruchu."),
    "concert": (
        "Koncert noworoczny w hali sportowej",
        "Zapraszamy na koncert noworoczny orkiestry dętej. Wystąpią także soliści opery. "
        "Bilety w cenie 20 zł do nabycia w centrum kultury. Po koncercie pokaz sztucznych ogni."),
    "council_agenda": (
        "Zawiadomienie o sesji Rady Gminy",
        "Zwołuję XII sesję Rady Gminy na dzień 28 lutego. Porządek obrad: 1. Otwarcie sesji. "
        "2. Przyjęcie protokołu. 3. Podjęcie uchwały w sprawie programu współpracy gminy z "
        "organizacjami pozarządowymi. 4. Podjęcie uchwały w sprawie podatku od nieruchomości. "
        "5. Wolne wnioski."),
    "waste_schedule": (
        "Harmonogram odbioru odpadów na 2024 rok",
        "Przypominamy, że harmonogram odbioru odpadów komunalnych jest dostępny w urzędzie. "
        "Odpady segregowane odbierane będą co dwa tygodnie. Worki należy wystawić przed "
        "posesję do godziny 6.00."),
    "sports_match": (
        "Zwycięstwo naszej drużyny",
        "W niedzielnym meczu ligi okręgowej nasza drużyna pokonała gości 3:1. Bramki zdobyli "
        "zawodnicy z formacji ataku. Kolejny mecz już w sobotę na stadionie miejskim."),
    "obituary": (
        "Zmarł były wójt gminy",
        "Z głębokim żalem przyjęliśmy wiadomość, że zmarł wieloletni wójt naszej gminy. "
        "Uroczystości pogrzebowe odbędą się w piątek. Rodzinie składamy wyrazy współczucia."),
    "festival": (
        "Dożynki gminne",
        "Serdecznie zapraszamy na dożynki gminne. W programie msza święta, korowód, występy "
        "zespołów ludowych i zabawa taneczna. Festyn potrwa do późnych godzin wieczornych."),
    "school_thermal_upgrade": (
        "Termomodernizacja szkoły",
        "Rozpoczęła się termomodernizacja budynku szkoły podstawowej. Projekt obejmuje "
        "docieplenie ścian, wymianę okien i montaż pomp ciepła. Zadanie jest współfinansowane "
        "z Funduszy Europejskich. Wykonawca wyłoniony w przetargu ma czas do końca sierpnia."),
    "traffic_notice": (
        "Utrudnienia w ruchu na ulicy Długiej",
        "Informujemy, że w związku z remontem sieci wodociągowej od poniedziałku wprowadzone "
        "zostaną utrudnienia w ruchu. Objazd wyznaczono ulicami bocznymi."),
}


def _page(title: str, body: str) -> Page:
    text = f"{title}\n\n{body}"
    return Page(text=text, title=title)


@pytest.mark.parametrize("key", sorted(RELEVANT))
def test_cooperation_pages_are_relevant(key):
    record = extract_facts(_page(*RELEVANT[key]))
    assert record["relevant"], relevance.explain(_page(*RELEVANT[key]), record)


@pytest.mark.parametrize("key", sorted(IRRELEVANT))
def test_everyday_news_is_not_relevant_and_has_empty_lists(key):
    record = extract_facts(_page(*IRRELEVANT[key]))
    assert not record["relevant"], relevance.explain(_page(*IRRELEVANT[key]), record)
    assert record["projects"] == [] and record["programmes"] == []


def test_eu_money_does_not_make_a_road_repair_relevant():
    page = _page(*IRRELEVANT["road_repair_eu_funded"])
    why = relevance.explain(page, {"programmes": [{"name": "Regionalny Program Operacyjny"}]})
    assert why["matched"]["support"] and why["matched"]["negative"]
    assert why["score"] < 0.5


def test_explain_names_the_cues_that_matched():
    page = _page(*RELEVANT["study_visit_abroad"])
    why = relevance.explain(page, {})
    assert any("studyjn" in label for label in why["matched"]["coop"])
    assert why["score"] == relevance.score(page, {})


def test_a_cue_in_the_title_alone_counts():
    text = "Urzędnicy omówili plan na przyszły rok."
    page = Page(text=text, title="Wizyta studyjna w gminie partnerskiej", zones=[(0, len(text))])
    why = relevance.explain(page, {})
    assert any("studyjn" in label for label in why["matched"]["coop"])
    assert relevance.explain(Page(text=text, zones=[(0, len(text))]), {})["score"] < why["score"]


def test_extracted_initiatives_raise_the_score():
    page = _page("Spotkanie w urzędzie", "Urzędnicy omówili współpracę z sąsiednią gminą.")
    bare = relevance.score(page, {})
    rich = relevance.score(page, {"projects": [{"name": "Razem dla regionu", "kind": "project"}],
                                  "funders": [{"name": "Ministerstwo"}]})
    assert rich > bare


def test_only_content_zones_count():
    text = "Koncert festyn dożynki mecz\n\nSeminarium i wizyta studyjna urzędników samorządowych z Litwy, wymiana doświadczeń."
    cut = text.index("Seminarium")
    inside = Page(text=text, zones=[(cut, len(text))])
    everything = Page(text=text)
    assert relevance.score(inside, {}) > relevance.score(everything, {})
