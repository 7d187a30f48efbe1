"""Bytes of an HTML page -> text, with legacy Polish encodings coming out right.

Order: byte-order mark; declared charset (HTTP ``Content-Type``, then ``<meta>`` in the
first 4 KB); then detection.  A declaration is checked, not trusted: Polish sites often
send ``iso-8859-1`` or ``utf-8`` in front of windows-1250 bytes, so a declared decoding
that yields no Polish letters where another candidate yields many loses.

windows-1250 and ISO-8859-2 agree on every Polish letter except ą ś ź Ą Ś Ź, so those
two are told apart by scoring each decoding: Polish letters count for, C1 control
characters and symbols that only appear as mojibake (¹ ¶ ¼ Ľ Ş ±...) count against.
"""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEAD_BYTES = 4096
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_META = re.compile(rb"<meta\b[^>]*>", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)

_POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# characters that are common in Polish web text even though they are not ASCII
_NEUTRAL = frozenset("„”“‚‘’–—…«»°§©®×·•€éèáàüöäçôîâ\u00a0\u00ad")
# latin-1 declarations: browsers read them as windows-1252, a Polish page is then windows-1250
_LATIN_FAMILY = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252", "iso8859-15"})
_POLISH_SINGLE_BYTE = ("cp1250", "iso8859-2")
_SINGLE_BYTE = _LATIN_FAMILY | frozenset(_POLISH_SINGLE_BYTE)


def decode_html(body: bytes, headers: dict | None = None) -> tuple[str, str]:
    """Decode an HTML body; return (text, Python codec name of the encoding used)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, "replace"), name
    declared = _codec(_header_charset(headers)) or _codec(_meta_charset(body[:_HEAD_BYTES]))
    if declared and declared not in _SINGLE_BYTE and declared != "utf-8":
        try:  # a declared encoding we have no reason to second-guess, if the bytes fit it
            return body.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return _detect(body, declared)


class NotTextError(ValueError):
    """Bytes that are not a page: empty, or a binary format (PDF, image, archive...)."""


# file signatures of formats that are never a page, whatever the file is called
_BINARY_MAGIC = ((b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
                 (b"\xff\xd8\xff", "JPEG image"), (b"PK\x03\x04", "ZIP archive or office file"),
                 (b"\xd0\xcf\x11\xe0", "MS Office file"), (b"\x1f\x8b", "gzip file"),
                 (b"\x7fELF", "executable"), (b"7z\xbc\xaf", "7z archive"), (b"Rar!", "RAR archive"))


def check_page_bytes(data: bytes) -> None:
    """Raise NotTextError unless `data` can be a page (HTML or text) in some encoding."""
    if not data.strip():
        raise NotTextError("empty file")
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise NotTextError(f"a binary file ({kind}), not a page")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes by design
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) // 20:
        raise NotTextError("a binary file (control bytes), not a page")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a plain-text page file like an HTML body: byte-order mark, a declared
    charset if the text carries one, then detection (UTF-8; windows-1250 vs ISO-8859-2
    by which gives Polish). Raises NotTextError for empty or binary input."""
    check_page_bytes(data)
    return decode_html(data)


def polish_score(text: str) -> int:
    """Polish letters minus mojibake signs: higher means more likely the right decoding."""
    good = bad = 0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in _POLISH:
            good += 1
        elif ch == "\ufffd" or ch < "\xa0" or (ch < "\u0300" and ch not in _NEUTRAL):
            bad += 1  # C1 controls, replacement chars, stray Latin-1/Latin-A letters
    return good - 2 * bad


def _detect(body: bytes, declared: str | None) -> tuple[str, str]:
    if body.isascii():
        return body.decode("ascii"), declared or "utf-8"
    try:  # single-byte Polish text is practically never valid UTF-8
        return _undouble(body.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", "replace")
    errors = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ch > "\x7f") - errors
    if multibyte >= 10 * errors:  # a UTF-8 page with a few broken bytes stays UTF-8
        return text, "utf-8"
    candidates = list(_POLISH_SINGLE_BYTE)
    if declared in _SINGLE_BYTE and declared not in candidates:
        candidates.append("cp1252" if declared in _LATIN_FAMILY else declared)
    if declared in candidates:  # on a tie the declaration wins
        candidates.remove(declared)
        candidates.insert(0, declared)
    scored = [(polish_score(t), -i, t, name) for i, name in enumerate(candidates)
              for t in [body.decode(name, "replace")]]
    score, _, best, name = max(scored)
    if score > 0 or declared:
        return best, name
    return _last_resort(body, best, name)


_DOUBLE = re.compile("[ÄÅÃ][\u0080-\u02ff\u2013-\u203a\u20ac\u2122]")


def _undouble(text: str) -> str:
    """Undo UTF-8 encoded twice ("Å‚Ä…" for "łą"): a CMS that read its UTF-8 as windows-1252."""
    if ("Ã" not in text and "Å" not in text and "Ä" not in text) or len(_DOUBLE.findall(text)) < 3:
        return text
    try:
        fixed = bytes(_web_1252_byte(ch) for ch in text).decode("utf-8")
    except (UnicodeError, ValueError):
        return text
    return fixed if polish_score(fixed) > polish_score(text) else text


# one character of UTF-8 read as windows-1252: a lead byte (Ä Å Ã Â Ä, or â for three-byte
# punctuation like „ –) and its continuation byte(s) shown as 1252 characters
_MOJIBAKE_RUN = re.compile(
    "[\u00c2-\u00c5][\u0080-\u00bf\u0152-\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    "|\u00e2[\u0080-\u00bf\u0152-\u017e\u2013-\u203a\u20ac\u2122]{2}")


def repair_mojibake(text: str) -> str:
    """Undo double-encoded UTF-8 character by character, for text where only some lines
    are broken ("BIPÅšroda" -> "BIPŚroda").  The length may change: use it to read a
    snippet, never to compute offsets into the original text."""
    if "Ã" not in text and "Å" not in text and "Ä" not in text and "Â" not in text and "â" not in text:
        return text
    return _MOJIBAKE_RUN.sub(_repair_one, text)


def _repair_one(m: re.Match) -> str:
    try:
        return bytes(_web_1252_byte(ch) for ch in m.group()).decode("utf-8")
    except (UnicodeError, ValueError):
        return m.group()


def _web_1252_byte(ch: str) -> int:
    """The byte a browser's windows-1252 reads as ``ch`` (its 5 holes read as C1 controls)."""
    if ch < "\u0100":
        return ord(ch)
    return ch.encode("cp1252")[0]  # raises UnicodeEncodeError (a ValueError) when not 1252


def _last_resort(body: bytes, text: str, name: str) -> tuple[str, str]:
    """No Polish letters anywhere: perhaps not Polish at all, ask charset-normalizer."""
    from charset_normalizer import from_bytes

    match = from_bytes(body).best()
    guessed = _codec(match.encoding) if match else None
    if not guessed:
        return text, name
    return body.decode(guessed, "replace"), guessed


def _header_charset(headers: dict | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        key = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key.lower() == "content-type":
            if isinstance(value, (list, tuple)):
                value = value[0] if value else b""
            raw = value if isinstance(value, bytes) else str(value).encode("latin-1", "replace")
            m = _CHARSET.search(raw)
            return m.group(1).decode("ascii") if m else None
    return None


def _meta_charset(head: bytes) -> str | None:
    for tag in _META.findall(head):
        m = _CHARSET.search(tag)
        if m:
            return m.group(1).decode("ascii")
    m = _XML_DECL.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(label: str | None) -> str | None:
    """Python codec name of a charset label, None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in ("x-user-defined", "utf8mb4"):
        label = "utf-8" if label == "utf8mb4" else "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return {"utf-8-sig": "utf-8", "us-ascii": "ascii"}.get(name, name)
