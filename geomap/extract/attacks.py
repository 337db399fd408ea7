"""The words of an attack in a clause: triggers, whether it happened, the weapon, the origin.

* :func:`triggers` -- the attack words (strike, attack, drone, missile, shelling, opened fire,
  killed, drove a truck into a crowd ...) of a clause that report something that *happened*:
  not a threat or pledge ("vowed to retaliate", "would respond to any attack"), not a weapon
  about to be used ("ready to be launched"), and not a running total ("about 170 attacks since
  October", "has attacked more than 60 vessels");
* :func:`weapon` -- the weapon in a small vocabulary (:data:`WEAPONS`), with the text's own
  words and their offsets; a weapon that is the *object* of the strike ("hit several Houthi
  cruise missiles") is not the weapon used;
* :func:`origin_span` -- where the text says the attack came from: "launched from", "fired
  from", "flew from", "operating from", "shelled Kherson from", "a rocket from", "a
  cross-border attack from"; it ends before the place hit ("... at Safed", "fell near Tel Aviv",
  "wounded three people in Nahariya").
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["WEAPONS", "Trigger", "Weapon", "triggers", "weapon", "origin_span", "PERIOD_RE"]

_TRIGGER = re.compile(
    r"(?<![\w-])(?:air ?strikes?|(?:drone|missile|rocket)\s+(?:strikes?|attacks?)|strikes?|struck|"
    r"striking|attack(?:s|ed|ing)?|drones?|missiles?|rockets?|bomb(?:s|ed|ing|ings)?|"
    r"shell(?:s|ed|ing)|raids?|fired|open(?:ed|ing) fire|shooting|shot(?!\s+down)|explosions?|"
    r"blasts?|hit|"
    r"hitting|kill(?:ed|ing)|barrage|ambush(?:ed)?|stormed|pounded|slammed into|tore through|"
    r"suicide bombers?|blew (?:himself|herself|themselves) up|detonated|exploded|"
    # a vehicle driven into people: "drove a pickup truck into a crowd"
    r"(?:drove|driven|rammed|ploughed|plowed|smashed)\s+(?:[\w-]+\s+){0,3}?(?:into|through)\s+"
    r"(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:crowds?|people|pedestrians|shoppers|revell?ers|"
    r"worshippers|protesters|marchers|spectators|markets?|festival|parade))"
    r"(?![\w-])",
    re.IGNORECASE,
)
#: words before a trigger (in its clause) that make it a threat, pledge or plan
_UNREAL = re.compile(
    r"(?<!\w)(?:vow(?:s|ed)?|pledg(?:e|es|ed)|threat(?:en|ens|ened)|promis(?:e|es|ed)|"
    r"warn(?:s|ed)?|would|will|could|(?-i:may|might)|plan(?:s|ned)? to|intend(?:s|ed)? to|"
    r"ready to|to be launched|to continue|to respond|to retaliate|any attack|deter|ongoing|"
    r"calls? for|in response to any|(?:was|is|were|been|in)\s+(?:the|a|an|its)\s+"
    r"(?:\w+est|worst|first)(?:\s+[\w-]+)?\s*$)(?!\w)",
    re.IGNORECASE,
)
#: a clause about an accident: "hit her while backing out", "struck by an SUV"
_ACCIDENT = re.compile(
    r"(?<!\w)(?:accident(?:al|ally|s)?|crash(?:ed|es)?|collisions?|backing (?:up|out)|"
    r"(?:hit|struck|killed) by (?:a|an|the) (?:car|truck|vehicle|SUV|van|train|bus|motorist|"
    r"driver|tree)|lightning|drown(?:ed|ing)|gas (?:cylinder|tanker|pipeline|leak)s?|"
    r"fuel tankers?|boilers?|fireworks)(?!\w)", re.IGNORECASE)
#: a weapon that crashes hits: "A drone launched from Syria crashed into an open area"
_ARMS = re.compile(r"(?<!\w)(?:drones?|missiles?|rockets?|projectiles?|UAVs?)(?!\w)",
                   re.IGNORECASE)
#: "they are attacking": an ongoing campaign, not an event
_PROGRESSIVE = re.compile(r"(?<!\w)(?:are|is|am)\s+$", re.IGNORECASE)
#: a count before the trigger, or after an attack verb: a running total, not one event
_TALLY_BEFORE = re.compile(
    r"(?:\d[\d,]*|dozens|hundreds|thousands|scores|several|numerous)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TALLY_AFTER = re.compile(
    r"\s+(?:more than\s+|over\s+|at least\s+|about\s+|nearly\s+)?(?:\d[\d,]*|dozens|hundreds|"
    r"thousands)\s+(?:[\w-]+\s+){0,2}?(?:vessels|ships|attacks|strikes|times|targets)\b",
    re.IGNORECASE,
)
#: "More than 40,000 people have been killed ... since": a toll so far, not an event
_TOLL_SO_FAR = re.compile(r"(?:\d[\d,]*|dozens|hundreds|thousands)\s+(?:[\w-]+\s+){0,3}"
                          r"(?:have|has|had)\s+been\s+$", re.IGNORECASE)
PERIOD_RE = re.compile(
    r"(?<!\w)(?:since\s+(?!then\b)|so far\b|this year\b|in recent (?:weeks|months)\b|"
    r"over the past\b|for months\b)", re.IGNORECASE)

#: (pattern, vocabulary term), most specific first
WEAPONS: tuple[tuple[str, str], ...] = (
    (r"ballistic missiles?", "ballistic missile"),
    (r"cruise missiles?|Kh-\d+\w*|Tomahawks?", "cruise missile"),
    (r"drones?|UAVs?|unmanned aerial vehicles?|Shaheds?", "drone"),
    (r"missiles?", "missile"),
    (r"rockets?|Katyushas?|Grads?", "rocket"),
    (r"air ?strikes?|air raids?|warplanes?|fighter jets?|jets?(?!\s+(?:fuel|skis?|stream))|"
     r"aircraft|bombers?|"
     r"helicopter gunships?|helicopters?|barrel bombs?|dropped bombs|glide bombs?|"
     r"guided bombs?|aerial bombs?|air forces?(?!\s+(?:said|says|say|reported|spokes\w+))",
     "air strike"),
    (r"shell(?:s|ed|ing)|artillery|mortars?|howitzers?", "artillery"),
    (r"IEDs?|improvised explosive devices?|roadside bombs?|car bombs?|suicide bomb\w*|"
     r"explosive devices?", "IED"),
    (r"open(?:ed|ing) fire|gunfire|shooting|shooter|shot dead|gunshots?|fired on|"
     r"shot and killed",
     "gunfire"),
)
_WEAPON_RE = re.compile(
    "|".join(f"(?P<w{i}>(?<![\\w-])(?:{p})(?![\\w-]))" for i, (p, _n) in enumerate(WEAPONS)),
    re.IGNORECASE,
)
#: the weapon is the object of the strike: "hit several Houthi cruise missiles"
_OBJECT_BEFORE = re.compile(
    r"(?<!\w)(?:hit|struck|destroyed|neutrali[sz]e|intercepted|shot down|downed|against|"
    r"targeting|targeted)\s+(?:the\s+|several\s+|\d+\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: "launched from", "fired toward Israel from Gaza", "flying from", "crossed into Israel from"
_ORIGIN = re.compile(
    r"(?<!\w)(?:launched|fired|flew|flown|flying|took off|taking off|came|coming|crossed|"
    r"crossing|operating|originat(?:ed|ing)|shelled|shelling|struck|striking|attacked|"
    r"attacking|bombarded|dropped|sent|infiltrated|entered|lobbed|hurled)\s+"
    r"(?:[\w'’-]+\s+){0,3}?from\s+|"
    r"(?<!\w)(?:drones?|missiles?|rockets?|projectiles?|shells?|mortars?|attacks?|strikes?|"
    r"barrages?|salvos?|fire|shelling|incursions?|(?:some|most|many|all|several) of them)\s+"
    r"from\s+",
    re.IGNORECASE,
)


#: the origin ends before the target's preposition: "from southern Lebanon at Kiryat Shmona"
_ORIGIN_STOP = re.compile(rf"[,;]|(?<!\w)(?:and|landed|exploded|crashed|at|on|toward|towards|"
                          rf"into|against|targeting|fell|wound\w*|injur\w*|damag\w*|setting|"
                          rf"caus\w*)(?!\w)|{_TRIGGER.pattern}", re.IGNORECASE)


class Trigger(NamedTuple):
    """An attack word at ``text[start:end]`` reporting something that happened."""

    start: int
    end: int
    word: str

    @property
    def weak(self) -> bool:
        """"killed" alone: an attack only in a story of attacks (not "killed by a car")."""
        return self.word.lower() in ("killed", "killing")


class Weapon(NamedTuple):
    """A weapon: the vocabulary ``term`` and the text's own words at ``text[start:end]``."""

    term: str
    start: int
    end: int


def triggers(text: str, start: int, end: int) -> list[Trigger]:
    """The realised attack words of the clause ``text[start:end]``, in order."""
    out: list[Trigger] = []
    accident = _ACCIDENT.search(text, start, end)
    if accident and not (accident.group().lower().startswith("crash")
                         and _ARMS.search(text, start, accident.start())):
        return out  # (but "A drone ... crashed into" is the drone's hit)
    periodic = PERIOD_RE.search(text, start, end) is not None
    for m in _TRIGGER.finditer(text, start, end):
        before = text[start : m.start()]
        if _UNREAL.search(before) or (m.group().lower().endswith("ing")
                                       and _PROGRESSIVE.search(before)):
            continue
        if periodic and (
            (_TALLY_BEFORE.search(before[-40:]) and m.group().lower().endswith(("s", "ings")))
            or _TALLY_AFTER.match(text, m.end(), end)
            or (_TOLL_SO_FAR.search(before[-60:]) and m.group().lower() == "killed")
        ):
            continue
        if _BLOW.match(text, m.end()) and m.group().lower().startswith("hit"):
            continue  # "charged with hitting their child", "hit her in the face": a blow
        out.append(Trigger(m.start(), m.end(), m.group()))
    return out


#: a person after "hit": a blow, not a strike
_BLOW = re.compile(r"\s+(?:her|him|me|them|us|his|their|my|your)\b", re.IGNORECASE)


def weapon(text: str, start: int, end: int) -> Weapon | None:
    """The first weapon written in ``text[start:end]`` that is not what was struck."""
    for m in _WEAPON_RE.finditer(text, start, end):
        if _OBJECT_BEFORE.search(text[max(start, m.start() - 60) : m.start()]):
            continue
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        return Weapon(WEAPONS[index][1], m.start(), m.end())
    return None


def origin_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(from, to)``: where a place of origin may stand, after "launched from" ..., or None."""
    m = _ORIGIN.search(text, start, end)
    if m is None:
        return None
    stop = _ORIGIN_STOP.search(text, m.end(), min(end, m.end() + 60))
    return m.end(), stop.start() if stop else min(end, m.end() + 60)
