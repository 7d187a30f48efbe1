"""Facts that come from the knowledge tables (extract/data/knowledge/): who pays for a
programme or fund the page names.  Sentences written for these tests."""
from extract.facts import annotate
from extract.page import Page


def funders_of(text):
    """The funders of a text, as the facts record lists them."""
    return annotate(Page(text=text, zones=[(0, len(text))])).layers["funders"]


def names(items):
    return [it["name"] for it in items]


def test_a_fund_credits_the_european_union_with_the_fund_as_alias():
    text = ("Projekt „Wspólne szlaki nad Nysą” jest współfinansowany ze środków Europejskiego Funduszu "
            "Rozwoju Regionalnego w ramach Programu Współpracy Transgranicznej Polska – Saksonia.")
    funders = funders_of(text)
    assert names(funders) == ["Unia Europejska"]  # one payer: the programme after it is its channel
    eu = funders[0]
    assert "EFRR" in eu["aliases"] and "Europejski Fundusz Rozwoju Regionalnego" in eu["aliases"]
    assert text[eu["start"]:eu["end"]] == eu["text"] == "Europejskiego Funduszu Rozwoju Regionalnego"


def test_a_programme_the_visit_was_done_within_credits_its_funder():
    text = ("Wizyta studyjna samorządowców z obwodu lwowskiego odbyła się w ramach programu "
            "„Study Tours to Poland”.")
    funders = funders_of(text)
    assert names(funders) == ["Polsko-Amerykańska Fundacja Wolności"]
    assert funders[0]["text"].endswith("Study Tours to Poland")
    assert "PAFW" in funders[0]["aliases"]


def test_the_owner_of_a_programme_pays_for_it():
    text = ("Szkolenie dla sołtysów przygotowano w ramach Programu Fundacji im. Stefana Batorego "
            "„Masz Głos”.")
    assert "Fundacja im. Stefana Batorego" in names(funders_of(text))


def test_the_eea_grants_are_one_funder_with_their_donors_as_aliases():
    text = "Zakup wyposażenia świetlicy sfinansowano ze środków Funduszy EOG."
    funders = funders_of(text)
    assert len(funders) == 1 and funders[0]["text"] == "Funduszy EOG"
    assert {"Fundusze EOG", "Norwegia", "Islandia", "Liechtenstein"} <= {funders[0]["name"], *funders[0]["aliases"]}
    # named only through a programme of the grants, the mechanism is the funder
    text = "Szkolenia dla sołtysów zrealizowano w ramach programu „Aktywni Obywatele”."
    funders = funders_of(text)
    assert names(funders) == ["Fundusze EOG"]
    assert {"Norwegia", "Islandia", "Liechtenstein"} <= set(funders[0]["aliases"])


def test_a_mechanism_of_one_state_is_that_state():
    text = ("Remont remizy był współfinansowany przez Szwajcarię w ramach Szwajcarsko-Polskiego "
            "Programu Współpracy.")
    assert names(funders_of(text))[:1] == ["Szwajcaria"]
    text = "Staż urzędników odbył się w ramach programu Norweskiego Mechanizmu Finansowego."
    funders = funders_of(text)
    assert len(funders) == 1
    assert {"Norwegia", "Norweski Mechanizm Finansowy"} <= {funders[0]["name"], *funders[0]["aliases"]}


def test_a_programme_named_without_money_credits_nobody():
    text = ("Na spotkaniu w starostwie omówiono zasady naboru do programu Interreg Polska – Słowacja. "
            "Radni rozmawiali też o rozwoju lokalnego rynku pracy.")
    assert funders_of(text) == []


def test_a_lower_case_phrase_is_no_programme():
    text = "Projekt dofinansowano ze środków przeznaczonych na wsparcie rozwoju lokalnego."
    assert funders_of(text) == []


def test_money_paid_out_by_the_commission_names_the_european_union_once():
    text = ("Miasto otrzymało dotację przyznaną przez Komisję Europejską w ramach programu "
            "„Europa dla Obywateli”.")
    assert names(funders_of(text)) == ["Komisja Europejska"]


def participants_of(text):
    return annotate(Page(text=text, zones=[(0, len(text))])).layers["participants"]


def test_units_listed_with_no_cue_take_part_under_their_table_names():
    text = ("Porozumienie o współpracy transgranicznej podpisały: Gmina Krasnobród, Powiat Gorlicki "
            "oraz Urząd Gminy Kobylnica.")
    found = {it["name"]: it for it in participants_of(text)}
    assert {"Gmina Krasnobród", "Powiat Gorlicki", "Urząd Gminy Kobylnica"} <= set(found)
    assert "Starostwo Powiatowe w Gorlicach" in found["Powiat Gorlicki"]["aliases"]
    assert "Krasnobród" in found["Gmina Krasnobród"]["aliases"]
    it = found["Powiat Gorlicki"]
    assert text[it["start"]:it["end"]] == it["text"]


def test_a_unit_named_as_a_place_or_through_its_head_takes_no_part_by_itself():
    text = ("Pierwsze miejsce w konkursie zajęło sołectwo w powiecie gorlickim. "
            "Nagrodę wręczył Zastępca Wójta Gminy Kobylnica Jan Nowak.")
    names = [it["name"] for it in participants_of(text)]
    assert "Powiat Gorlicki" not in names
    assert "Gmina Kobylnica" not in names


def test_a_unit_name_the_organisation_finder_cut_is_read_whole_from_the_table():
    text = ("Do Konwentu Współpracy przyjęto nowych członków: Gminę Kocierzew Południowy "
            "oraz Gminę Radomyśl nad Sanem.")
    names = [it["name"] for it in participants_of(text)]
    assert "Gmina Kocierzew Południowy" in names
    assert "Gmina Radomyśl nad Sanem" in names


def test_partner_units_abroad_are_named_by_their_kind_and_place():
    text = ("Gmina podpisała umowę partnerską z hromadą Kalinówka oraz z władzami rejonu trockiego "
            "na Litwie.")
    names = [it["name"] for it in participants_of(text)]
    assert "Hromada Kalinówka" in names
    assert "Rejon Trocki" in names
    # "rejon partnerski" is a kind of unit, not one unit
    text = "Delegacja odwiedziła rejon partnerski i spotkała się z mieszkańcami."
    assert not any(it["name"].startswith("Rejon") for it in participants_of(text))


def places_of(text):
    return annotate(Page(text=text, zones=[(0, len(text))])).layers["places"]


def test_a_persons_name_is_no_place():
    text = ("Gości z Gruzji powitał Davit Oniashvili, mer miasta Gori, a rozmowę z Davitem "
            "Oniashvilim o współpracy gmin partnerskich prowadził wójt.")
    names = [p["name"] for p in places_of(text)]
    assert "Gori" in names
    assert not any("Oniashvili" in n for n in names)


def test_one_town_abroad_across_its_cases_in_the_nominative():
    text = ("Samorządowcy z gminy Sejny pojechali do Sołecznik na Litwie. W Sołecznikach "
            "zwiedzili szkołę, a potem spotkali się z radnymi w Kiejdanach na Litwie.")
    places = places_of(text)
    names = [p["name"] for p in places]
    assert "Sołecznikach" not in names and "Kiejdanach" not in names
    assert names.count("Sołeczniki") <= 1
    for p in places:
        assert text[p["start"]:p["end"]] == p["text"]


def test_inhabitants_are_no_place():
    text = "Na spotkaniu z Polakami mieszkającymi na Litwie mówiono o współpracy gmin partnerskich."
    assert "Polaki" not in [p["name"] for p in places_of(text)]


def test_a_town_abroad_takes_the_country_its_sentence_gives():
    text = "Gmina Sejny podpisała umowę partnerską z litewskim miastem Żejmy."
    places = {p["name"]: p for p in places_of(text)}
    assert places["Żejmy"]["country"] == "LT"
    # the country named elsewhere in the sentence does not move a Polish village abroad
    text = "Goście z Litwy odwiedzili wieś Żejmy w gminie Sejny."
    places = {p["name"]: p for p in places_of(text)}
    assert places.get("Żejmy", {"country": "PL"})["country"] == "PL"


def test_a_known_grant_maker_named_as_the_supporter_pays():
    text = "Projekt szkoleń dla radnych z Ukrainy wspiera National Endowment for Democracy."
    funders = funders_of(text)
    assert [f["name"] for f in funders] == ["National Endowment for Democracy"]
    assert "NED" in funders[0]["aliases"]


def test_an_organiser_whose_name_was_cut_gets_the_whole_unit_name():
    text = "Projekt realizuje Gmina Radomyśl nad Sanem wspólnie z partnerami z Ukrainy."
    found = {it["name"]: it for it in participants_of(text)}
    assert "Gmina Radomyśl nad Sanem" in found and "Gmina Radomyśl" not in found
    it = found["Gmina Radomyśl nad Sanem"]
    assert it["role"] == "organizer" and text[it["start"]:it["end"]] == it["text"]


def test_gminas_listed_after_their_kind_word_take_part():
    text = ("Do związku należą gminy: Sejny, Giby, Szypliszki i Wiżajny. "
            "Mieszkańcy gminy Puńsk czekają na nowy most.")
    names = [it["name"] for it in participants_of(text)]
    assert {"Gmina Szypliszki", "Gmina Wiżajny", "Gmina Giby"} <= set(names)
    assert "Gmina Puńsk" not in names  # one name after "gminy" is a genitive, no list
