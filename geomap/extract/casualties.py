"""Killed and injured counts written in a clause: digits and words, as low-high ranges.

"killing 18 people", "six ... fighters were killed", "20 people died", "claimed the lives of 19",
"a woman was killed" (1), "the death toll rose to 51", "at least 22", "more than 80" (81 and up),
"between 30 and 40", "three", "sixty-one", "a dozen", "two dozen", "dozens" (24 and up), "hundreds"
(200 and up). A count comes back as :class:`Count` ``(low, high, start, end)`` with offsets into
the text; ``high`` is None when the text gives only a lower bound. A number after "including"
("including four children") is a part, not the total, and is skipped; a second group after the
verb's count is added to it ("killing 19 children and two teachers": 21).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Count", "killed", "injured", "parse_number", "format_count"]

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORDS: dict[str, tuple[int, int | None]] = {w: (i, i) for i, w in enumerate(_UNITS)}
_WORDS.update({w: (n, n) for w, n in _TENS.items()})
_WORDS.update({
    "a dozen": (12, 12), "dozens": (24, None), "scores": (40, None), "a hundred": (100, 100),
    "hundreds": (200, None), "a few": (2, None), "several": (3, None),
})
_WORD_RE = "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
#: "sixty-one", "twenty five", "two dozen", "three hundred"
_COMPOUND = (rf"(?:(?:{'|'.join(['twenty', *_TENS])})[\s\-‐](?:{_DIGIT_WORD})|"
             rf"(?:{_DIGIT_WORD}|a|one)\s+(?:dozen|hundred))")
#: one person: "killing a 55-year-old man", "A woman was killed", "and her 2-year-old daughter"
_ONE = (r"(?:(?:a|an|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|boy|girl|child|baby|"
        r"infant|toddler|daughter|son|wife|husband|mother|father|brother|sister|"
        r"person|soldier|civilian|teenager|resident|worker|officer|policeman|policewoman|"
        r"journalist|reporter|photographer|paramedic|medic|doctor|nurse|driver|farmer|shepherd|"
        r"fisherman|student|teacher|pensioner|volunteer|guard|pilgrim|priest|imam|sailor|"
        r"commander|fighter|passer-by|bystander|spectator|pedestrian|motorist|guest|minister|"
        r"leader|chief|governor|mayor|general|spokesman)(?![\w-])|"
        # "killing an 8-year-old and a 10-year-old"
        r"(?:a|an)\s+(?:\d+|[a-z]+)-year-old(?=\s+(?:and|or|were|was|who)\b|[,.;]|\s*$))")
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_COMPOUND}|{_WORD_RE}|{_ONE})"
_QUALIFIER = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)"
_AMOUNT = (rf"(?P<q>{_QUALIFIER}\s+)?(?:between\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})|"
           rf"(?P<n>{_NUMBER})(?:\s*(?:-|–|to)\s*(?P<m>{_NUMBER}))?)")
_ADVERB = r"(?:(?:critically|seriously|severely|fatally|lightly)\s+)?"


class Count(NamedTuple):
    """A casualty figure: ``low``-``high`` (high None: "at least low") at ``text[start:end]``."""

    low: int
    high: int | None
    start: int
    end: int


def parse_number(text: str) -> tuple[int, int | None]:
    """``"12"`` -> (12, 12), ``"1,000"`` -> (1000, 1000), ``"sixty-one"`` -> (61, 61),
    ``"two dozen"`` -> (24, 24), ``"dozens"`` -> (24, None)."""
    text = text.lower()
    if text[0].isdigit():
        n = int(text.replace(",", ""))
        return n, n
    if text in _WORDS:
        return _WORDS[text]
    if re.match(r"(?:a|an|his|her|their)\s", text):
        return 1, 1  # one person (a dozen, a hundred, a few: words above)
    first, second = re.split(r"[\s\-‐]+", text, maxsplit=1)
    if second in ("dozen", "hundred"):
        n = (1 if first == "a" else _WORDS[first][0]) * (12 if second == "dozen" else 100)
        return n, n
    n = _WORDS[first][0] + _WORDS[second][0]
    return n, n


#: words between a count and its participle, but not a second count ("12 dead and 40 injured")
#: nor a clause ("two weeks after gunmen killed 26 men": 26, not two)
_FILLER = r"(?!\d|(?:dead|killed|and|after|before|since|when)(?!\w))"


def _patterns(verb: str, participle: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"(?<!\w){_ADVERB}{verb}\s+{_AMOUNT}(?!\w)", re.IGNORECASE),
        re.compile(
            rf"(?<![\w,]){_AMOUNT}\s+(?:more\s+|others?\s+|other\s+)?(?:{_FILLER}[\w'’.-]+\s+){{0,4}}?"
            rf"(?:(?:were|was|are|have been|had been)\s+)?{_ADVERB}{participle}(?!\w)",
            re.IGNORECASE),
    )


#: "the death toll rose to 51", "put the toll at between 56 and 60"
_TOLL = re.compile(rf"(?<!\w)toll\s+(?:[\w'’]+\s+){{0,3}}?(?:at|to|of)\s+{_AMOUNT}(?!\w)",
                   re.IGNORECASE)
_KILLED = (*_patterns(r"(?:kill(?:ed|ing|s)|(?:claimed|claiming|took|taking) the lives of)",
                     r"(?:killed|dead|died|lost their lives)"), _TOLL)
_INJURED = _patterns(r"(?:wound|injur)(?:ed|ing|es|s)", r"(?:wounded|injured|hurt)")


def _count(m: re.Match[str], text: str) -> Count | None:
    if re.search(r"(?:including|(?<!\w)no)\s+$", text[max(0, m.start() - 12) : m.start()],
                 re.IGNORECASE):
        return None  # a part ("including four children"), or none at all ("no one was hurt")
    q = (m.group("q") or "").strip().lower()
    if m.group("a"):
        low, _ = parse_number(m.group("a"))
        high, _ = parse_number(m.group("b"))
        return Count(low, high, m.start(), m.end())
    low, high = parse_number(m.group("n"))
    if m.group("m"):
        high, _ = parse_number(m.group("m"))
    elif q in ("at least", "nearly", "almost", "about", "around", "some", "up to",
               "as many as") and high is not None:
        high = None if q == "at least" else high
        if q in ("up to", "as many as"):
            low = 0 if q == "up to" else low
    elif q in ("more than", "over") and high is not None:
        low, high = low + 1, None
    return Count(low, high, m.start(), m.end())


#: "killing 19 children and two teachers", "four foreign workers and an Israeli farmer", "a
#: senior commander, Ali Hassan, and five other people": a second group added to the first
_AND_MORE = re.compile(rf"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}},)?"
                       rf"\s+(?:[\w'’-]+\s+){{0,2}}?and\s+(?:{_ONE}(?!\w)|(?:{_NUMBER})\s+"
                       r"(?:[\w'’-]+\s+)?(?:people|civilians|children|adults|teachers|students|"
                       r"soldiers|officers|police(?:men)?|women|men|workers|others|staff|"
                       r"members)\b)", re.IGNORECASE)


def _find(patterns: tuple[re.Pattern[str], ...], text: str, start: int, end: int) -> Count | None:
    found = []
    for p in patterns:
        for m in p.finditer(text, start, end):
            count = _count(m, text)
            if count is not None:
                found.append(_plus_second_group(count, text, p is patterns[0], end))
                break
    return min(found, key=lambda c: c.start) if found else None


#: a first group before the one that was killed: "a woman and her daughter were killed"
_AND_BEFORE = re.compile(rf"(?<![\w-])(?:{_ONE}|{_NUMBER}\s+(?:[\w'’-]+\s+)?(?:people|"
                         r"civilians|children|women|men|soldiers))\s+and\s+$", re.IGNORECASE)


_SECOND = re.compile(rf"and\s+({_NUMBER})", re.IGNORECASE)


def _plus_second_group(count: Count, text: str, verb_first: bool, end: int) -> Count:
    """"killing 19 children and two teachers" is 21 killed; so is "19 children and two teachers
    were killed"."""
    if not verb_first:
        first = _AND_BEFORE.search(text, max(0, count.start - 60), count.start)
        if first is None:
            return count
        add, add_high = parse_number(re.match(_NUMBER, first.group(), re.IGNORECASE).group())
        high = None if count.high is None or add_high is None else count.high + add_high
        return Count(count.low + add, high, first.start(), count.end)
    more = _AND_MORE.match(text, count.end, end)
    if more is None:
        return count
    add, add_high = parse_number(_SECOND.search(text, more.start(), end).group(1))
    high = None if count.high is None or add_high is None else count.high + add_high
    return Count(count.low + add, high, count.start, more.end())


#: none: "caused no casualties", "no one was hurt", "Nobody else was wounded" (not "no
#: casualties were reported": none reported yet is not none)
_NONE = (r"(?<!\w)(?:no (?:{nouns})(?!\s+(?:were|was|have been|has been)\s+reported)|"
         r"(?:no one|nobody)(?: else)? was (?:{verbs})|without casualties)(?!\w)")
_NO_KILLED = re.compile(_NONE.format(nouns="casualties|deaths|fatalities", verbs="killed|hurt"),
                        re.IGNORECASE)
_NO_INJURED = re.compile(_NONE.format(nouns="casualties|injuries", verbs="hurt|injured|wounded"),
                         re.IGNORECASE)


def _or_none(count: Count | None, none: re.Pattern[str], text: str, start: int,
             end: int) -> Count | None:
    if count is None and (m := none.search(text, start, end)):
        return Count(0, 0, m.start(), m.end())
    return count


def killed(text: str, start: int, end: int) -> Count | None:
    """The first killed count written in ``text[start:end]`` (0 for "no casualties"), or None."""
    return _or_none(_find(_KILLED, text, start, end), _NO_KILLED, text, start, end)


def injured(text: str, start: int, end: int) -> Count | None:
    """The first injured count written in ``text[start:end]`` (0 for "no one was hurt"), or
    None."""
    return _or_none(_find(_INJURED, text, start, end), _NO_INJURED, text, start, end)


def format_count(count: Count) -> str:
    """The events-schema cell: ``"6"``, ``"30-40"``; "at least 22" is written ``"22"``."""
    if count.high is None or count.high == count.low:
        return str(count.low)
    return f"{count.low}-{count.high}"
