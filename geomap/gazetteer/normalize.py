"""Place-name normalisation: one key for every spelling the news uses.

``normalize_name`` turns a name into a *key*: two spellings of one place should give the same
key, two different places should not. It works token by token, so a text can be normalised
word by word and keep its offsets. The rules, in order:

1. Unicode NFKC; Arabic script is kept in its own normalised form (alef and hamza forms to
   bare alef, ta marbuta to ha, alef maqsura and Persian/Kurdish yeh forms to yeh, Kurdish
   ae (ە) to ha, Persian keheh/gaf to kaf, pe/che/zhe/veh to their Arabic letters, no
   diacritics or tatweel, Arabic-Indic digits to ASCII); every other letter is transliterated
   to ASCII with ``anyascii`` (diacritics, Cyrillic ...), lower case.
2. Apostrophes and ayn/hamza marks (``' ’ ‘ ʿ ʾ ` ´``) vanish: ``Sana'a`` = ``Sanaa``.
   Every other non-alphanumeric character (hyphen, dot, comma, slash ...) separates tokens.
3. A leading ``the`` goes; Arabic articles go when another token follows (``al-``, ``el-``,
   ``ad-``, ``ash-``, ``az-``, ``as-``, ``ar-``, ``at-``, ``ed-``, ``ez-``...), also written
   with the sun letter doubled (``Ezzor``, ``Arramadi``); Arabic ``ال`` is dropped from a word.
   A name joined to ``-ud-Din`` with the article assimilated is split the same way:
   ``Salahuddin``, ``Salaheddine`` and ``Salah ad-Din`` all give ``sala din``.
4. Latin tokens are folded for transliteration variants: ``ou/oo`` → ``u``, ``ee`` → ``i``,
   ``aw/au`` before a consonant → ``u``, ``ay/ai/ey/ei`` → ``i``, then ``e`` → ``i``,
   ``o`` → ``u``, ``q`` → ``k``, ``dj`` → ``j``, ``ph`` → ``f``, a final ``y`` → ``i``, doubled
   letters single, a final ``h`` after a vowel dropped (``-ah/-a/-eh``), ``-iya`` → ``-ia``.
   So Deir ez-Zor, Deir el-Zour, Deir Ezzor and Dayr az-Zawr all give ``dir zur``.

Generic words (province, governorate, city, district, air base, base, airport, port, island,
strait of, gulf of, sea ...) stay in the key: ``Gulf of Aden`` and ``Aden`` differ. The index
and the geocoder use :func:`split_generic` to look the core name up and keep the generic word
as a separate signal (its *class*: ``admin1``, ``sea``, ``airport`` ...).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from anyascii import anyascii

__all__ = [
    "normalize_name",
    "normalize_name_uncached",
    "exact_form",
    "exact_form_uncached",
    "normalize_tokens",
    "split_generic",
    "LEADING_SHORT",
    "GENERIC_CLASSES",
    "is_arabic",
]

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʿʾʼʻ`´′‛ʹ"), None)

_ARABIC_MAP: dict[int, str | None] = {}
for _chars, _to in (
    ("أإآٱٲٳ", "ا"),
    ("ىیێېي", "ي"),
    ("ئ", "ي"),
    ("ةەھۀہۃ", "ه"),
    ("ؤۆۇۋ", "و"),
    ("کڪگ", "ك"),
    ("پ", "ب"),
    ("چ", "ج"),
    ("ژ", "ز"),
    ("ڤڥ", "ف"),
    ("ڕ", "ر"),
    ("ڵ", "ل"),
    ("،؛؟", " "),
):
    for _c in _chars:
        _ARABIC_MAP[ord(_c)] = _to
for _code in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)):
    _ARABIC_MAP[_code] = None
_ARABIC_MAP[0x0640] = None  # tatweel
_ARABIC_MAP[0x0621] = None  # lone hamza
for _i in range(10):
    _ARABIC_MAP[0x0660 + _i] = str(_i)
    _ARABIC_MAP[0x06F0 + _i] = str(_i)

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]+")
_NON_ALNUM_ASCII = re.compile(r"[^0-9a-z]+")  # the same split for ASCII text
_ARTICLES = frozenset(
    "al el il ul ad ed ud adh ag ash esh ush az ez uz as es us ar er ur at et ut ath an en un"
    .split()
)
_DOUBLED_ARTICLE = re.compile(r"^(?:[au]([tdrzsnl])\1([a-z]{3,})|e([tdrzsnl])\3([a-z]{2,}))$")
#: ``salahuddin``, ``alaeddin``, ``salaheddine``: stem + vowel + assimilated article + din
_UD_DIN = re.compile(r"^([a-z]{3,}?)[uea]ddine?$")
_AW = re.compile(r"a[wu](?=[^aeiouy]|$)")
_DIPHTHONG = re.compile(r"ay|ai|ey|ei")
_FINAL_Y = re.compile(r"(?<=[^aeiou])y$")
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def is_arabic(text: str) -> bool:
    """True when ``text`` holds at least one Arabic-script letter."""
    return _ARABIC_LETTER.search(text) is not None


def _to_script_text(text: str) -> str:
    """NFKC, Arabic letters normalised, everything else transliterated to lower-case ASCII."""
    if text.isascii():  # NFKC and transliteration leave ASCII as it is
        # the only ASCII apostrophes of _APOSTROPHES: str.replace is quicker than translate
        return text.replace("'", "").replace("`", "").lower()
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    if is_arabic(text):
        text = text.translate(_ARABIC_MAP)
        parts = re.split(r"([\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]+)", text)
        text = "".join(p if i % 2 else anyascii(p) for i, p in enumerate(parts))
    else:
        text = anyascii(text)
    return text.translate(_APOSTROPHES).lower()


def _undouble(t: str) -> str:
    """Doubled letters single: ``raqqa`` -> ``raqa``."""
    return "".join(k for k, _g in groupby(t)) if _DOUBLE.search(t) else t


@lru_cache(maxsize=131072)
def _fold_latin(token: str) -> str:
    """Fold one lower-case ASCII token for transliteration variants."""
    if token.isdigit():
        return token
    t = token.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    # each pattern is tried only when the letters it needs are there (substring tests are
    # much cheaper than a regex that does not match)
    if "aw" in t or "au" in t:
        t = _AW.sub("u", t)
    if "ay" in t or "ai" in t or "ey" in t or "ei" in t:
        t = _DIPHTHONG.sub("i", t)
    t = t.replace("e", "i").replace("o", "u").replace("q", "k")
    t = t.replace("dj", "j").replace("ph", "f")
    if t.endswith("y"):
        t = _FINAL_Y.sub("i", t)
    t = _undouble(t)
    if len(t) > 2 and t.endswith("h"):
        t = _FINAL_H.sub("", t)
    if t.endswith("iya"):
        t = t[:-3] + "ia"
    return _undouble(t)


_TYPO_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´′"), "'")


def exact_form(text: str) -> str:
    """The name as typed, compared loosely: NFC, case-folded, one space, straight apostrophes,
    a short first word spelt out (``Mt.`` -> ``mount``, ``St.`` -> ``saint``). Full stops
    stay: ``Kan.`` (Kansas) is not ``Kan`` (an old name of Ganzhou).

    Diacritics are kept: ``Saïda`` and ``Saida`` are different exact forms (and the same key).
    """
    if not isinstance(text, str):
        return ""
    return _exact_form(text)


#: a first word written short, as news and gazetteers both do: ``Mt. Pleasant`` is typed as
#: exactly as ``Mount Pleasant``
_SHORT_WORDS = (("mt", "mount"), ("st", "saint"), ("ste", "sainte"), ("ft", "fort"),
                ("pt", "point"))
LEADING_SHORT = {f"{short}{dot}": long for short, long in _SHORT_WORDS for dot in ("", ".")}


@lru_cache(maxsize=65536)
def _exact_form(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().translate(_TYPO_APOSTROPHES)
    words = text.replace("-", " ").split()
    if len(words) > 1 and words[0] in LEADING_SHORT:
        words[0] = LEADING_SHORT[words[0]]
    return " ".join(words)


def strip_diacritics(text: str) -> str:
    """``Bihār`` -> ``Bihar``: combining marks dropped (a letter without a decomposition, such
    as ``ı``, stays)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def plain_form(text: str) -> str:
    """:func:`exact_form` without diacritics (``Bihār`` -> ``bihar``): the name as English news
    types it when it does not spell the marks."""
    return strip_diacritics(exact_form(text))


def exact_form_uncached(text: str) -> str:
    """:func:`exact_form` without its cache, for a caller that asks once per text (a batch
    resolves each distinct name once: filling a cache would only cost time and memory)."""
    if not isinstance(text, str):
        return ""
    return _exact_form.__wrapped__(text)


def _fold_arabic(token: str) -> str:
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    return token


def normalize_tokens(text: str) -> list[str]:
    """Return the normalised tokens of ``text`` (see the module docstring for the rules)."""
    if not isinstance(text, str):
        return []
    script = _to_script_text(text)
    ascii_only = script.isascii()
    raw = [t for t in (_NON_ALNUM_ASCII if ascii_only else _NON_ALNUM).split(script) if t]
    if len(raw) > 1 and raw[0] == "the":
        raw = raw[1:]
    if len(raw) > 1 and raw[0] in LEADING_SHORT:  # Mt. Pleasant is Mount Pleasant
        raw[0] = LEADING_SHORT[raw[0]]
    arabic = not ascii_only  # ASCII text has no Arabic token to test for
    last = len(raw) - 1
    out: list[str] = []
    for i, tok in enumerate(raw):
        if arabic and is_arabic(tok):
            out.append(_fold_arabic(tok))
            continue
        if i < last and tok in _ARTICLES:
            continue
        # both patterns need a doubled letter (``ezzor``, ``salahuddin``): test that first
        if len(tok) > 3 and tok[1] == tok[2]:
            m = _DOUBLED_ARTICLE.match(tok)
            if m:
                tok = (m.group(1) or m.group(3)) + (m.group(2) or m.group(4))
        if "ddin" in tok:
            ud = _UD_DIN.match(tok)
            if ud:
                out += [_fold_latin(ud.group(1)), "din"]
                continue
        out.append(_fold_latin(tok))
    return [t for t in out if t]


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Normalise a place name to its lookup key.

    Parameters
    ----------
    text : str
        A place name in any spelling, Latin or Arabic script.

    Returns
    -------
    str
        Space-separated normalised tokens; ``""`` for a non-string or a name with no letters
        or digits.

    Examples
    --------
    >>> normalize_name("Deir el-Zour") == normalize_name("Dayr az-Zawr") == "dir zur"
    True
    >>> normalize_name("Gulf of Aden") == normalize_name("Aden")
    False
    """
    return " ".join(normalize_tokens(text))


def normalize_name_uncached(text: str) -> str:
    """:func:`normalize_name` without its cache (see :func:`exact_form_uncached`)."""
    return " ".join(normalize_tokens(text))


# Generic words: the *class* they signal, written in plain English/Arabic and folded below.
_GENERIC_SOURCE: dict[str, tuple[str, ...]] = {
    "admin1": ("province", "governorate", "gouvernorat", "muhafazat", "muhafaza", "muhafazah",
               "wilayat", "vilayet", "ostan", "state", "محافظة", "استان", "ولاية"),
    "region": ("region", "اقليم", "إقليم"),
    "district": ("district", "sub district", "subdistrict", "qada", "qadaa", "kaza", "nahiya",
                 "nahia", "county", "parish", "raion", "rayon", "قضاء", "ناحية", "منطقة"),
    "city": ("city", "town", "village", "مدينة", "بلدة", "قرية"),
    "camp": ("camp", "refugee camp", "مخيم", "معسكر"),
    "base": ("base", "air base", "airbase", "military base", "naval base", "air force base",
             "garrison", "outpost", "قاعدة", "قاعدة جوية"),
    "airport": ("airport", "international airport", "intl airport", "airfield", "air field",
                "airstrip", "مطار"),
    "port": ("port", "seaport", "harbour", "harbor", "terminal", "oil terminal", "ميناء",
             "مرفأ"),
    "island": ("island", "islands", "isle", "جزيرة", "جزر"),
    "strait": ("strait", "straits", "مضيق"),
    "gulf": ("gulf", "bay", "خليج"),
    "sea": ("sea", "ocean", "بحر"),
    "canal": ("canal", "قناة"),
    "field": ("field", "oil field", "oilfield", "gas field", "gasfield", "حقل", "حقل نفط"),
    "dam": ("dam", "سد"),
    "crossing": ("crossing", "border crossing", "معبر"),
}
#: Generic classes a name can carry, e.g. ``"sea"`` for "Red Sea".
GENERIC_CLASSES: tuple[str, ...] = tuple(_GENERIC_SOURCE)
_CONNECTORS = frozenset(normalize_tokens("of") + ["de", "du"])


def _build_generic() -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for cls, words in _GENERIC_SOURCE.items():
        for word in words:
            toks = tuple(normalize_tokens(word))
            if toks:
                table[toks] = cls
    return table


_GENERIC = _build_generic()
_GENERIC_LENGTHS = sorted({len(k) for k in _GENERIC}, reverse=True)
#: a key can carry a generic word only when it starts with a first or ends with a last word
#: of one (a set test spares most keys the phrase-by-phrase search)
_GENERIC_FIRST = frozenset(k[0] for k in _GENERIC)
_GENERIC_LAST = frozenset(k[-1] for k in _GENERIC)


def _match_generic(tokens: list[str], at_start: bool) -> tuple[int, str | None]:
    for n in _GENERIC_LENGTHS:
        if len(tokens) <= n:
            continue
        part = tuple(tokens[:n]) if at_start else tuple(tokens[-n:])
        cls = _GENERIC.get(part)
        if cls is not None:
            return n, cls
    return 0, None


@lru_cache(maxsize=65536)
def split_generic(key: str) -> tuple[str, str | None]:
    """Split a normalised key into its core name and the class of its generic word.

    ``"gulf uf adin"`` (Gulf of Aden) gives ``("adin", "gulf")``; ``"adin"`` gives
    ``("adin", None)``. A key made only of generic words is returned whole, class None.
    """
    tokens = key.split()
    if not tokens or (tokens[0] not in _GENERIC_FIRST and tokens[-1] not in _GENERIC_LAST):
        return key, None
    n, cls = _match_generic(tokens, at_start=True)
    if n:
        rest = tokens[n:]
        if len(rest) > 1 and rest[0] in _CONNECTORS:
            rest = rest[1:]
        return " ".join(rest), cls
    n, cls = _match_generic(tokens, at_start=False)
    if n:
        return " ".join(tokens[:-n]), cls
    return key, None
