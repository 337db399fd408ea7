"""Who attacked, as the text names them, and whether they claimed it or were blamed.

:func:`find_actor` reads one clause and returns an :class:`Actor` (the attacker's words and
offsets, and ``claim``: ``claimed`` or ``attributed``), trying in turn:

1. a claim: "An Iranian-backed militia in Iraq claimed responsibility", "The Islamic Resistance
   in Iraq released a video claiming responsibility" -> ``claimed``;
2. a blame: "Israel blamed Hezbollah for the attack", "accused X of" -> ``attributed``;
3. the agent after the attack word: "Drone strikes by the Malian army";
4. the subject of an attack verb: "Russia launched ...", "A gunman opened fire ..." -- an actor
   (an organisation, a country or its demonym, or a word such as *militia*, *forces*,
   *gunman*) -- ``claimed`` when it says why ("..., saying it was a response"); when the
   subject is a weapon ("A Russian drone slammed into ...", "Ukrainian
   shelling of ...") the actor word inside it; "U.S. forces said they had hit" -> ``claimed``;
5. an actor just before the attack word: "the Palestinian militant group's October 7 attack",
   "US strikes", "a Houthi drone attack".

The reporter's own source ("..., Ukrainian officials said") is never the attacker. Nothing is
guessed: no actor written, no attacker.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from geomap.extract.rules import ABBREVIATIONS, DEMONYMS
from geomap.extract.spans import is_capital, organisation_spans

__all__ = ["Actor", "find_actor", "blame_or_claim", "refers_back", "target_party",
           "subject_span"]

_ACTOR_HEADS = (
    r"military|army|armed forces|forces|troops|militias?|militants?|gunm[ae]n|fighters|rebels|"
    r"jihadists?|insurgents|government|junta|attackers|assailants|shooter|soldiers|navy|"
    r"air force|groups?|separatists|terrorists|bombers?|jets|warplanes|regime|coalition|"
    r"suspects?|paramilitar(?:y|ies)"
)
_ACTOR_WORD = re.compile(rf"(?<![\w-])(?:{_ACTOR_HEADS})(?![\w-])", re.IGNORECASE)
_WEAPON_HEAD = re.compile(
    r"(?<![\w-])(?:drones?|missiles?|rockets?|shelling|artillery|strikes?|air ?strikes?|"
    r"attacks?|bomb(?:s|ing)?|barrage|shells|mortars?)(?![\w-])", re.IGNORECASE)
_LEADING = re.compile(
    r"\s*(?:(?:and|but|before|while|whereas|then|also|separately|meanwhile|elsewhere|earlier|overnight|"
    r"later|hours later|a day (?:after|before)|days after|hours after|including|"
    r"(?:\w+\s+)?(?:minutes|moments|hours|days|weeks)\s+(?:earlier|later|after|before))\b"
    r"[\s,]*|"
    r"(?:on|in|into|at|by|early|late|earlier on|later on)\s+[^,]{1,40},\s*|"
    r"[A-Z]\w+ (?:night|evening|morning),\s*)+",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\s(?:claimed|claiming|released|said|says|say|launched|launches|fired|struck|hit|attacked|"
    r"carried out|opened fire|burst|shelled|bombed|killed|began|has|have|had|was|were|is|are|"
    r"also|then|on|confirmed|announced|denied|blamed|accused|used|tore|slammed|stormed|"
    r"ambushed|pounded|targeted|dropped|sent|flew|stepped up|took|rammed|drove|stabbed)(?!\w)",
    re.IGNORECASE,
)
_ATTACK_VERB = re.compile(
    r"^(?:\s+(?:has|have|had|also|then|again|on \w+|reportedly|later|earlier|subsequently))*"
    r"\s+(?:launched|launches|"
    r"fired|struck|hit|attacked|carried out|opened fire|burst into|shelled|bombed|killed|"
    r"began (?:striking|bombing|shelling)|tore through|slammed into|stormed|ambushed|pounded|"
    r"targeted|dropped|stepped up|besieged|besieging|rammed|drove|stabbed)(?!\w)",
    re.IGNORECASE,
)
_SELF_CLAIM = re.compile(
    r"^(?:\s+(?:later|also|then|again|earlier|reportedly|subsequently))?"
    r"\s+(?:said|says|say|confirmed|announced|acknowledged)\s+(?:(?:late\s+|early\s+)?on\s+"
    r"[A-Z]\w+\s+)?(?:that\s+)?(?:it|they|"
    r"(?:its|their)\s+[\w-]+)\s+(?:had\s+|has\s+|have\s+)?(?:hit|struck|attacked|launched|"
    r"fired|shelled|killed|ambushed|carried out|targeted|(?:was|were)\s+behind)",
    re.IGNORECASE,
)
#: the attacker's own words about its act: "Hezbollah fired rockets ..., saying it was ..."
_SAYING = re.compile(r"[^.;!?]{0,200}?,\s*saying\s+(?:it|they|that)\b", re.IGNORECASE)
_CLAIM = re.compile(
    r"(?<!\w)(?:(?:claimed|claiming|claims|claim)\s+(?:responsibility|the (?:attack|strike|"
    r"shooting|bombing|assault|raid|ambush|killings)|it)|(?:took|takes|taking)\s+"
    r"responsibility)(?!\w)", re.IGNORECASE)
#: nobody claimed it: "No group claimed responsibility", "has not claimed", "did not claim"
_NOBODY = re.compile(r"(?:no|none|nobody|no one)(?!\w)", re.IGNORECASE)
_NO_CLAIM = re.compile(r"(?<!\w)(?:not|n't|never|yet to|no one|nobody)\s+(?:\w+\s+)?$",
                       re.IGNORECASE)
_BLAME = re.compile(
    r"(?<!\w)(?:(?:blamed|blames|blaming|accused|accuses|accusing)\s+(?P<np>[^,.;]{2,60}?)\s+"
    r"(?:for|of)\s|blaming\s+(?P<np2>[^,.;]{2,60}?)\s*(?:[.;]|$))", re.IGNORECASE)
_AGENT = re.compile(r"(?:\s+(?!(?:used|owned|run|operated|held|controlled|occupied|built|"
                    r"manned|housed)\b)[\w-]+){0,2}?\s+by\s+(?P<np>[^,.;]{2,60}?)"
                    r"(?=\s+(?:on|in|at|near|off|over|outside|against|killed|that|which|slammed|"
                    r"struck|hit|tore|"
                    r"crashed|exploded|landed|fell|wounded|injured)(?!\w)|[,.;]|$)")
_CONNECTOR = re.compile(r"(?<!\w)(?:after|before|since|when|as|that|while|because)\s+",
                        re.IGNORECASE)
_NOUN_TRIGGER = re.compile(
    r"(?:air ?strikes?|strikes?|attacks?|drones?|missiles?|rockets?|shelling|bombing|raids?|"
    r"barrage|artillery|warplanes|jets|forces|troops)(?![\w-])", re.IGNORECASE)
_SUBJECT_WORDS = 8
#: a relative clause with no subject of its own: the subject is the noun before it
_RELATIVE = re.compile(r"(?:that|which|who)\s+(?:had\s+|has\s+|was\s+|were\s+)?[a-z]+(?:ed|t)\b")
#: a participle or a relative clause after the subject's head describes it: "A gunman armed
#: with a rifle", "a man wearing a mask", "militias operating from Iraq", "Militants who crossed
#: from Afghanistan"
_MODIFIER = re.compile(r"\s+(?:armed|dressed|wearing|carrying|believed|identified|described|"
                       r"perched|riding|driving|operating|based|stationed|deployed|positioned|"
                       r"hiding|who|which)\s", re.IGNORECASE)
_STRIP = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: a count before the actor: "dozens of Israeli warplanes", "two Russian jets"
_QUANTITY = re.compile(
    r"^(?:(?:dozens|scores|hundreds|several|many|a number|a group|a pair)\s+of\s+(?:the\s+)?|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some)\s+(?=[A-Z]))",
    re.IGNORECASE)
_PARTY = re.compile(
    r"(?<!\w)(?:against|on|hit|struck|targeting|targeted|killed|killing)\s+(?:\d+\s+|several\s+|"
    r"(?:\w+\s+)?(?:the\s+)?)?(?P<party>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:targets|"
    r"positions|fighters|militants|rebels|forces|troops|soldiers|militias|commanders?)\b")


class Actor(NamedTuple):
    """The attacker's words at ``text[start:end]`` and ``claim`` (claimed or attributed)."""

    start: int
    end: int
    claim: str


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, commas, an article, a count ("dozens of") and an appositive ("JNIM, or X")
    off a phrase."""
    piece = text[start:end]
    for pattern in (_STRIP, _QUANTITY):
        m = pattern.match(piece)
        if m:
            start += m.end()
            piece = text[start:end]
    cut = re.search(r",\s*(?:or|also known as|known as)\s", piece)
    if cut:
        end = start + cut.start()
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    if tail := _ADVERB_TAIL.search(text, start, end):
        end = tail.start()  # "An Iran-backed militia in Iraq later said"
    return start, end


_ADVERB_TAIL = re.compile(r"\s+(?:later|also|then|again|earlier|previously|reportedly|"
                          r"subsequently)$", re.IGNORECASE)


def subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens the clause (after "On Friday," or "Separately,")."""
    lead = _LEADING.match(text, start, end)
    s = lead.end() if lead else start
    m = _VERB.search(text, s, end)
    if m is None or m.start() <= s:
        return None
    inner = list(_CONNECTOR.finditer(text, s, m.start()))
    e = m.start()
    if inner and _RELATIVE.match(text, inner[-1].start()):
        e = inner[-1].start()  # "An explosive drone that crossed into Israel from Lebanon hit"
    elif inner:
        s = inner[-1].end()
    modifier = _MODIFIER.search(text, s, e)
    if modifier:
        e = modifier.start()  # "A shooter armed with two rifles and a handgun opened fire"
    if len(text[s:e].split()) > _SUBJECT_WORDS:
        return None
    return _clean(text, s, e)


def _predicate(text: str, end: int, clause_end: int) -> int:
    """Where the verb after a subject ending at ``end`` starts (past "armed with a rifle")."""
    if _MODIFIER.match(text, end, clause_end):
        verb = _VERB.search(text, end, clause_end)
        if verb is not None:
            return verb.start()
    return end


def _actor_inside(text: str, start: int, end: int) -> tuple[int, int] | None:
    """An organisation, demonym, abbreviation or country written in ``text[start:end]``."""
    piece = text[start:end]
    found: list[tuple[int, int]] = [(start + s, start + e) for s, e in organisation_spans(piece)]
    for m in re.finditer(r"[A-Z][\w.]*(?:\s[A-Z][a-z]+)?", piece):
        word = m.group().rstrip(".") if m.group() not in ABBREVIATIONS else m.group()
        word = re.sub(r"['’]s$", "", word)
        if _FROM.search(piece, 0, m.start()):
            continue  # "A cross-border attack from Lebanon": where it came from, not who
        if word in DEMONYMS or word in ABBREVIATIONS or _is_country(word):
            found.append((start + m.start(), start + m.start() + len(word)))
    return min(found) if found else None


_FROM = re.compile(r"(?<!\w)from\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _is_country(word: str) -> bool:
    return any(name == word for name, _code in DEMONYMS.values())


def _is_actor(text: str, start: int, end: int) -> bool:
    return bool(_ACTOR_WORD.search(text, start, end)) or _actor_inside(text, start, end) is not None


def _claimed_or_blamed(text: str, start: int, end: int) -> Actor | None:
    """"X claimed responsibility" (claimed) or "blamed X for" (attributed) in the clause."""
    claim = _CLAIM.search(text, start, end)
    if claim and not _NO_CLAIM.search(text[max(start, claim.start() - 40) : claim.start()]):
        subject = subject_span(text, start, claim.end())
        if subject and _is_actor(text, *subject) and not _NOBODY.match(text, subject[0]):
            return Actor(*_organisation_or(text, *subject), "claimed")
    by = _CLAIMED_BY.search(text, start, end)
    if by and (_is_actor(text, *by.span("np")) or text[by.start("np")].isupper()):
        return Actor(*_organisation_or(text, *_clean(text, *by.span("np"))), "claimed")
    blame = _BLAME.search(text, start, end)
    if blame:
        group = "np" if blame.group("np") else "np2"
        s, e = _clean(text, blame.start(group), blame.end(group))
        if _WEAPON_HEAD.search(text, s, e) and (inside := _actor_inside(text, s, e)):
            return Actor(*inside, "attributed")  # "blaming a Russian guided aerial bomb"
        return Actor(s, e, "attributed")
    return None


#: "The attack ... was claimed by Jaish al-Fursan, a group linked to ..."
_CLAIMED_BY = re.compile(r"(?<!\w)(?:was|were|has been|have been|had been)\s+claimed\s+by\s+"
                         r"(?P<np>[^,.;]{2,60}?)(?=\s*[,.;]|\s+(?:in|on|which|who)\b|$)",
                         re.IGNORECASE)


def find_actor(text: str, start: int, end: int, trigger_start: int,
               trigger_end: int) -> Actor | None:
    """The attacker named in the clause ``text[start:end]`` around one attack word."""
    said = _claimed_or_blamed(text, start, end)
    if said is not None:
        return said
    agent = _AGENT.match(text, trigger_end, end)
    if agent and _is_actor(text, agent.start("np"), agent.end("np")):
        return Actor(*_clean(text, agent.start("np"), agent.end("np")), "attributed")
    found = _subject_actor(text, start, end)
    if found is not None:
        return found
    for when in _WHEN.finditer(text, start, end):
        # "Two people were killed in Kherson when Russian artillery shelled the city"
        found = _subject_actor(text, when.end(), end)
        if found is not None:
            return found
    return _modifier(text, start, trigger_start)


#: a clause inside the clause that tells the act: "..., when a Russian glide bomb hit ..."
_WHEN = re.compile(r"(?<!\w)(?:when|as|after)\s+(?=\S)", re.IGNORECASE)


def _subject_actor(text: str, start: int, end: int) -> Actor | None:
    """The actor that is the subject of an attack verb opening ``text[start:end]``."""
    subject = subject_span(text, start, end)
    if subject is None:
        return None
    s, e = subject
    after = text[_predicate(text, e, end):end]
    verb = _ATTACK_VERB.match(after)
    if verb and not _WEAPON_HEAD.search(text, s, e) and _is_actor(text, s, e):
        claimed = ("claimed" if _SELF_CLAIM.match(after) or _SAYING.match(text, e)
                   else "attributed")
        return Actor(*_organisation_or(text, s, e), claimed)
    if _SELF_CLAIM.match(after) and _is_actor(text, s, e):
        return Actor(*_organisation_or(text, s, e), "claimed")
    if verb and _WEAPON_HEAD.search(text, s, e):
        inside = _actor_inside(text, s, e)
        if inside is not None:
            return Actor(*inside, "attributed")
    return None


def _organisation_or(text: str, start: int, end: int) -> tuple[int, int]:
    """The organisation named inside a subject ("Fighters from the ... Rapid Support Forces")."""
    orgs = [(start + s, start + e) for s, e in organisation_spans(text[start:end])
            if not _QUALIFIER.match(text, start + e)]  # "the al Qaeda-linked JNIM": JNIM
    if orgs and not re.match(r"\s*(?:an?\s+)?[A-Z]", text[start:orgs[0][0]] or " "):
        return orgs[0]
    return start, end


_QUALIFIER = re.compile(r"[-‐]?(?:linked|affiliated|backed|allied|aligned|inspired)(?!\w)",
                        re.IGNORECASE)


def _modifier(text: str, start: int, trigger_start: int) -> Actor | None:
    """An actor right before the attack word: "X's (...) attack", "US strikes", "Houthi drone",
    "a military air strike"."""
    if not _NOUN_TRIGGER.match(text, trigger_start):
        return None
    before = text[max(start, trigger_start - 80) : trigger_start]
    offset = trigger_start - len(before)
    poss = re.search(r"(?:the\s+)?(?P<np>(?:[\w-]+\s+){0,3}[\w-]+)['’]s\s+(?:[\w-]+\s+){0,4}$",
                     before)
    if poss and (_is_actor(text, offset + poss.start("np"), offset + poss.end("np"))
                 or is_capital(poss.group("np"))):  # "Tehran's strikes": its government's
        return Actor(offset + poss.start("np"), offset + poss.end("np"), "attributed")
    army = re.search(r"(?:^|\s)(?P<w>military|army|junta|regime)\s+$", before, re.IGNORECASE)
    if army:  # "A military air strike on a school"
        return Actor(offset + army.start("w"), offset + army.end("w"), "attributed")
    near = re.search(r"(?:^|\s)(?P<w>[A-Z][\w.’'-]*)\s+(?:[a-z-]+\s+){0,1}$", before)
    if near:
        s, e = offset + near.start("w"), offset + near.end("w")
        inside = _actor_inside(text, s, e)
        if inside is not None and not re.search(
            r"(?:against|on|at|targeting|hit|struck|from|of)\s+(?:the\s+)?(?:\d+\s+)?$",
            text[max(start, s - 20) : s]
        ):
            return Actor(*inside, "attributed")
    return None


_BACK = re.compile(r"(?<!\w)(?:the|this|that|[A-Z]\w+day's)\s+(?:\w+\s+)?(?:attack|strike|strikes|"
                   r"shooting|bombing|assault|killings)(?!\w)|claimed (?:it|the)|"
                   r"(?:claim(?:ed|ing)?|took|takes) responsibility|blam(?:ed|es|ing)|"
                   r"accus(?:ed|es|ing)", re.IGNORECASE)


def refers_back(text: str, start: int, end: int) -> bool:
    """The clause speaks of an attack already told: "the attack", a claim, a blame."""
    return _BACK.search(text, start, end) is not None


def blame_or_claim(text: str, start: int, end: int) -> Actor | None:
    """A claim or blame about "the attack" in a sentence that names no place of its own."""
    if not (refers_back(text, start, end) or re.search(
            r"said (?:it|they) (?:had |has |have )?(?:hit|struck|attacked|targeted)",
            text[start:end], re.IGNORECASE)):
        return None
    said = _claimed_or_blamed(text, start, end)
    if said is not None:
        return said
    subject = subject_span(text, start, end)
    if subject and _SELF_CLAIM.match(text[subject[1]:end]) and _is_actor(text, *subject):
        return Actor(*_organisation_or(text, *subject), "claimed")
    return None


def target_party(text: str, start: int, end: int) -> tuple[int, int] | None:
    """"strikes on 36 Houthi targets", "killed six ... Kurdish fighters": the party struck."""
    m = _PARTY.search(text, start, end)
    if m is None or not _is_actor(text, m.start("party"), m.end("party")):
        return None
    return m.span("party")
