"""Decoding HTML bytes: legacy Polish encodings must come out as correct Polish."""
import codecs

import pytest

from extract.decode import decode_html, polish_score

# every letter where windows-1250 and ISO-8859-2 differ (ą ś ź Ą Ś Ź) plus the rest
SENTENCE = ("Źródła finansowania: Śląski Związek Gmin i Powiatów przekazał środki na szkolenie "
            "sołtysów. Ąę, żółć i jaźń – gęś. Spotkanie odbędzie się w Świętochłowicach.")
PLAIN = SENTENCE.replace("–", "-")  # ISO-8859-2 has no typographic dash


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>Aktualności</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("cp1250", "cp1250"), ("iso-8859-2", "iso8859-2")])
def test_undeclared_encodings_are_detected(encoding, expected):
    text, used = decode_html(page(PLAIN).encode(encoding))
    assert PLAIN in text
    assert used == expected


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin-1", "us-ascii", "utf-8", "iso-8859-2"])
def test_wrong_header_charset_loses_to_windows_1250(declared):
    body = page(SENTENCE).encode("cp1250")
    text, used = decode_html(body, {"Content-Type": f"text/html; charset={declared}"})
    assert SENTENCE in text
    assert used == "cp1250"


def test_wrong_meta_charset_loses_to_iso_8859_2():
    body = page(PLAIN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">')
    text, used = decode_html(body.encode("iso-8859-2"))
    assert PLAIN in text and used == "iso8859-2"


def test_utf8_bytes_declared_as_legacy_stay_utf8():
    body = page(SENTENCE, '<meta charset="windows-1250">').encode("utf-8")
    text, used = decode_html(body, {"content-type": "text/html; charset=ISO-8859-2"})
    assert SENTENCE in text and used == "utf-8"


def test_header_is_found_whatever_its_case_and_type():
    body = page(PLAIN).encode("iso-8859-2")
    for headers in ({"content-type": "text/html;charset=ISO-8859-2"},
                    {b"Content-Type": b"text/html; charset=\"iso-8859-2\""},
                    {"CONTENT-TYPE": ["text/html; charset=iso-8859-2"]}):
        assert decode_html(body, headers) == (page(PLAIN), "iso8859-2")


def test_declaration_decides_when_bytes_fit_both_legacy_encodings():
    # ę ł ż ó ć ń are the same bytes in both: nothing to prefer but the declaration
    text = "Gęsty żółty łań, Łęczna i Końskie."
    body = page(text, '<meta charset="iso-8859-2">').encode("iso-8859-2")
    assert decode_html(body) == (page(text, '<meta charset="iso-8859-2">'), "iso8859-2")


def test_byte_order_marks_win():
    assert decode_html(codecs.BOM_UTF8 + page(SENTENCE).encode("utf-8")) == (page(SENTENCE), "utf-8")
    body = codecs.BOM_UTF16_LE + page(SENTENCE).encode("utf-16-le")
    assert decode_html(body, {"content-type": "text/html; charset=iso-8859-1"}) == (
        page(SENTENCE), "utf-16-le")


def test_utf8_page_with_one_stray_legacy_byte_stays_utf8():
    good = page(SENTENCE * 3).encode("utf-8")
    body = good.replace(b"</p>", b" \xb9</p>")  # one windows-1250 "ą" pasted in
    text, used = decode_html(body)
    assert used == "utf-8"
    assert SENTENCE * 3 in text and "\ufffd" in text


def test_other_declared_encodings_are_honoured():
    russian = "Делегация из Винницы посетила Кельце."
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{russian}</p></body></html>'
    text, used = decode_html(html.encode("cp1251"))
    assert russian in text and used == "cp1251"


def test_polish_score_prefers_the_right_decoding():
    raw = SENTENCE.encode("cp1250")
    assert polish_score(raw.decode("cp1250")) > polish_score(raw.decode("iso-8859-2"))
    assert polish_score(raw.decode("cp1250")) > polish_score(raw.decode("cp1252", "replace"))


def as_read_by_a_browser_as_1252(data: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


def test_utf8_encoded_twice_is_repaired():
    clean = page(SENTENCE)
    twice = as_read_by_a_browser_as_1252(clean.encode("utf-8")).encode("utf-8")
    assert "ÅšlÄ…ski" in twice.decode("utf-8")  # the mojibake a reader would see
    assert decode_html(twice, {"content-type": "text/html; charset=utf-8"}) == (clean, "utf-8")
    # genuine UTF-8 with a few such letter pairs is left alone
    german = page("Ärzte Ärger Äpfel über Öl.")
    assert decode_html(german.encode("utf-8"))[0] == german


def test_repair_mojibake_fixes_only_the_broken_characters_of_a_mixed_line():
    from extract.decode import repair_mojibake
    # double-encoded UTF-8 next to correct Polish letters, as on a partly broken page
    assert repair_mojibake("BIPÅšroda, 3.4.2024 – Gmina Łąka") == "BIPŚroda, 3.4.2024 – Gmina Łąka"
    assert repair_mojibake("spotkanie ukraiÅ„skich samorzÄ…dowców â€ž") == "spotkanie ukraińskich samorządowców „"
    assert repair_mojibake("Zwykły tekst bez błędów") == "Zwykły tekst bez błędów"
