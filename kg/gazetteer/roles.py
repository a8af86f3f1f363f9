"""Generic role keys for office titles.

Input: an office title as a position label or a news text spells it ("President of the United
States", "Russian Ambassador to the United States", "Foreign Minister", "Sen."). Output: a
`TitleParse` with a normalised role key plus the words naming the jurisdiction and the destination,
so that the builder (on Wikidata position labels) and the linker (on mentions) agree on one key.

Role vocabulary (the keys `Gazetteer.positions(role=...)` accepts):

- heads of state and government: "president", "vice president", "prime minister",
  "deputy prime minister", "chancellor", "monarch", "supreme leader", "governor-general",
  "head of state" (collective heads and other forms)
- ministers: "minister of <domain>", e.g. "minister of foreign affairs", "minister of defence",
  "minister of finance", "minister of interior", "minister of justice", "minister of culture"; US
  cabinet secretaries, UK secretaries of state and "Foreign Secretary"-style titles map here too
  ("United States Secretary of State" -> "minister of foreign affairs"); deputies are
  "deputy minister of <domain>"
- diplomats: "ambassador" (with a destination), "permanent representative"
- justice: "prosecutor general", "attorney general", "judge"
- legislators: "senator" (members of a national upper house that are called senators: US Senate,
  Russian Federation Council), "member of parliament" (national lower or single houses and
  international assemblies: US representative, member of the State Duma, People's Deputy of
  Ukraine), "member of regional parliament" (state and regional legislatures; decided by the
  builder, which knows subdivision names), "speaker"
- others: "secretary-general", "deputy secretary-general", "under-secretary-general",
  "governor", "mayor", "chief of staff", "spokesperson", "national security adviser",
  "presidential adviser", "commander-in-chief", "chief of the general staff", "first lady",
  "chair", "director", "head"; anything else falls back to the title itself, lowercased, with the
  jurisdiction words removed ("White House Counsel" -> "white house counsel").

Status words ("acting", "former", "incoming", "interim", "first" in "first deputy") are not part
of the key; they come back in `TitleParse.modifier`. A position whose Wikidata label carries
"Acting" is a distinct office, and the builder keeps "acting " in its role key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.gazetteer.text import normalize_alias


@dataclass(frozen=True)
class TitleParse:
    role: str
    #: Words naming whose office it is: "Russian" in "Russian Ambassador to ...", "Ukraine" in
    #: "Prosecutor General of Ukraine", "United States" in "United States senator".
    jurisdiction_text: str | None = None
    #: For ambassadors and representatives: the country or organisation they are sent to.
    destination_text: str | None = None
    modifier: str | None = None


# Ministry domains that several spellings share; anything else is kept as written.
_DOMAINS: dict[str, str] = {
    "foreign affairs": "foreign affairs",
    "foreign": "foreign affairs",
    "external relations": "foreign affairs",
    "external affairs": "foreign affairs",
    "foreign relations": "foreign affairs",
    "international relations": "foreign affairs",
    "state": "foreign affairs",  # US Secretary of State
    "defence": "defence",
    "defense": "defence",
    "national defence": "defence",
    "national defense": "defence",
    "war": "defence",
    "finance": "finance",
    "finances": "finance",
    "treasury": "finance",
    "exchequer": "finance",
    "interior": "interior",
    "internal affairs": "interior",
    "interior affairs": "interior",
    "home affairs": "interior",
    "home": "interior",
    "justice": "justice",
    "health": "health",
    "healthcare": "health",
    "health and human services": "health",
}
# US-style "Secretary of X" is a minister only for these domains ("Secretary of the Security
# Council" is not a minister).
_CABINET_SECRETARY_DOMAINS = {
    "agriculture", "commerce", "defense", "defence", "education", "energy", "health",
    "health and human services", "homeland security", "housing and urban development", "interior",
    "labor", "labour", "state", "transportation", "treasury", "veterans affairs", "war",
    "foreign affairs", "home", "foreign", "foreign and commonwealth affairs",
    "foreign commonwealth and development affairs",
}
_FOREIGN_LIKE = re.compile(r"^(foreign|external|international) (and [a-z ]+ )?(affairs|relations)\b")

_MODIFIERS = ("acting", "interim", "former", "incoming", "outgoing", "designate", "caretaker")
_MOD_RE = re.compile(rf"^(?:{'|'.join(_MODIFIERS)})\b\s*")
_MOD_SUFFIX = re.compile(r"\s+(?:designate|elect)$")

_TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "amb": "ambassador",
    "gen": "general",
    "sec": "secretary",
    "pm": "prime minister",
    "fm": "foreign minister",
    "mp": "member of parliament",
    "mep": "member of the european parliament",
    "un": "united nations",
}

_LEGISLATURE_WORDS = (
    r"duma|rada|parliament|assembly|house|senate|congress|federation council|knesset|sejm|"
    r"bundestag|majlis|diet|legislature|national council|storting|riksdag|folketing|cortes"
)


def _domain(raw: str) -> str:
    raw = raw.strip()
    raw = re.sub(r"^(?:the )", "", raw)
    if raw in _DOMAINS:
        return _DOMAINS[raw]
    if _FOREIGN_LIKE.match(raw):
        return "foreign affairs"
    return raw


# Each rule: (regex over the normalised title, role key). Named groups: `pre` (words before the
# title), `jur` (after "of"/"for"), `dest` (after "to"), `domain` (a ministry's field). A rule
# with a `domain` group has one of the role templates below instead of a fixed key.
_Rule = tuple[re.Pattern[str], str]
_MINISTER = "<minister>"
_DEPUTY_MINISTER = "<deputy minister>"
_SECRETARY = "<secretary>"


def _const(role: str) -> str:
    return role


def _domain_role(template: str, domain: str) -> str:
    bare = re.sub(r"^the ", "", domain.strip())
    if template == _SECRETARY and bare not in _CABINET_SECRETARY_DOMAINS:
        return f"secretary of {bare}"
    if template == _DEPUTY_MINISTER:
        return f"deputy minister of {_domain(bare)}"
    return f"minister of {_domain(bare)}"


_PRE = r"^(?:(?P<pre>.+?) )??"
_OF = r"(?: (?:of|for) (?P<jur>.+))?$"

_RULES: list[_Rule] = [
    (re.compile(r"^head of the (?:presidential )?(?:executive )?office of the president(?: of (?P<jur>.+))?$"),
     _const("chief of staff")),
    # Diplomats first: "ambassador of Russia to the United States" has both "of" and "to".
    (re.compile(_PRE + r"(?:ambassador|envoy)(?: extraordinary and plenipotentiary)?"
                r"(?: (?:of|from) (?P<jur>.+?))?(?: (?:to|in) (?P<dest>.+))?$"), _const("ambassador")),
    (re.compile(_PRE + r"(?:permanent )?representative (?:to|at) (?P<dest>.+)$"),
     _const("permanent representative")),
    # Heads of government before "president"/"minister" so "Prime Minister" is not a minister.
    (re.compile(_PRE + r"(?:first |second )?deputy prime minister" + r"(?: and .+?)?" + _OF),
     _const("deputy prime minister")),
    (re.compile(_PRE + r"(?:vice premier|deputy premier)" + _OF), _const("deputy prime minister")),
    (re.compile(_PRE + r"(?:prime minister|premier|taoiseach|head of government)" + _OF),
     _const("prime minister")),
    (re.compile(r"^chairman of the government(?: of (?P<jur>.+))?$"), _const("prime minister")),
    (re.compile(r"^chancellor of the exchequer$"), _const("minister of finance")),
    (re.compile(_PRE + r"(?:federal )?chancellor" + _OF), _const("chancellor")),
    (re.compile(_PRE + r"(?:vice president|vice-president)" + _OF), _const("vice president")),
    (re.compile(_PRE + r"president" + _OF), _const("president")),
    (re.compile(_PRE + r"(?:supreme leader|guide of the revolution)" + _OF), _const("supreme leader")),
    (re.compile(_PRE + r"governor general" + _OF), _const("governor-general")),
    (re.compile(_PRE + r"(?:monarch|king|queen|emperor|empress|emir|sultan|grand duke|"
                r"sovereign prince|prince|co prince|yang di pertuan agong|pope)" + _OF),
     _const("monarch")),
    # Ministers and cabinet secretaries.
    (re.compile(_PRE + r"(?:first |second )?deputy (?:minister|secretary) (?:of|for) (?P<domain>.+)$"),
     _DEPUTY_MINISTER),
    (re.compile(_PRE + r"minister (?:of|for) (?P<domain>.+)$"), _MINISTER),
    (re.compile(_PRE + r"(?P<domain>foreign|defen[cs]e|finance|interior|justice|health|home|"
                r"economy|energy|culture|education|agriculture|trade) (?:minister|secretary)"
                r"(?: of (?P<jur>.+))?$"), _MINISTER),
    (re.compile(_PRE + r"secretary of state$"), _const("minister of foreign affairs")),
    (re.compile(_PRE + r"secretary of state for (?P<domain>.+)$"), _MINISTER),
    (re.compile(_PRE + r"(?:secretary|minister) of foreign affairs(?: of (?P<jur>.+))?$"),
     _const("minister of foreign affairs")),
    # Legislators.
    (re.compile(_PRE + r"senator" + _OF), _const("senator")),
    (re.compile(r"^member of the (?P<jur>federation council)(?: of (?:the )?russia)?$"),
     _const("senator")),
    (re.compile(_PRE + r"(?:representative|congressman|congresswoman|congressperson|lawmaker|"
                r"legislator|member of parliament|parliamentarian)" + _OF),
     _const("member of parliament")),
    (re.compile(r"^(?:people's deputy|peoples deputy|deputy)(?: of (?P<jur>.+))?$"),
     _const("member of parliament")),
    (re.compile(r"^(?:member|deputy) of (?:the )?(?P<jur>.*(?:" + _LEGISLATURE_WORDS + r").*)$"),
     _const("member of parliament")),
    (re.compile(r"^(?:chair(?:man|woman|person)?|speaker|president) of (?:the )?(?P<jur>.*(?:"
                + _LEGISLATURE_WORDS + r").*)$"), _const("speaker")),
    (re.compile(_PRE + r"speaker" + _OF), _const("speaker")),
    # Justice.
    (re.compile(_PRE + r"(?:prosecutor general|procurator general|general prosecutor|"
                r"prosecutor-general)" + _OF), _const("prosecutor general")),
    (re.compile(_PRE + r"attorney general" + _OF), _const("attorney general")),
    (re.compile(_PRE + r"(?:supreme court )?(?:judge|justice)" + _OF), _const("judge")),
    # International organisations.
    (re.compile(_PRE + r"deputy secretary general" + _OF), _const("deputy secretary-general")),
    (re.compile(_PRE + r"under secretary general" + _OF), _const("under-secretary-general")),
    (re.compile(_PRE + r"secretary general" + _OF), _const("secretary-general")),
    # Cabinet secretaries, US style ("United States Secretary of Agriculture").
    (re.compile(_PRE + r"secretary (?:of|for) (?P<domain>.+)$"), _SECRETARY),
    # Executives and staff.
    (re.compile(_PRE + r"governor" + _OF), _const("governor")),
    (re.compile(_PRE + r"mayor" + _OF), _const("mayor")),
    (re.compile(_PRE + r"chief of staff" + _OF), _const("chief of staff")),
    (re.compile(_PRE + r"(?:press secretary|spokesperson|spokesman|spokeswoman|spokeperson)" + _OF),
     _const("spokesperson")),
    (re.compile(_PRE + r"national security advis[eo]r" + _OF), _const("national security adviser")),
    (re.compile(_PRE + r"(?:advis[eo]r|counsel(?:l)?or|senior advis[eo]r) to the president" + _OF),
     _const("presidential adviser")),
    (re.compile(_PRE + r"commander in chief" + _OF), _const("commander-in-chief")),
    (re.compile(_PRE + r"chief of (?:the )?general staff" + _OF), _const("chief of the general staff")),
    (re.compile(_PRE + r"first lady" + _OF), _const("first lady")),
    (re.compile(r"^(?:chair(?:man|woman|person)?) of (?:the )?(?P<jur>.+)$"), _const("chair")),
    (re.compile(_PRE + r"director(?: general)?" + _OF), _const("director")),
    (re.compile(r"^head of (?:the )?(?P<jur>.+)$"), _const("head")),
]


def _clean(text: str) -> str:
    text = normalize_alias(text)
    words = text.split()
    words = [_TITLE_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


_TRAILING_LINK = re.compile(r"(?:^|\s)(?:of|to|for|the|of the|to the|for the)$")


def _split_of(text: str, is_place: Callable[[str], bool] | None) -> tuple[str, str | None]:
    """Split "security council of russia" into ("security council", "russia").

    With `is_place`, only at an " of " whose remainder names a place or organisation (rightmost
    candidate first); without it, at the rightmost " of ".
    """
    positions = [m.start() for m in re.finditer(r" of ", text)]
    for pos in reversed(positions):
        head, tail = text[:pos], re.sub(r"^the ", "", text[pos + 4:])
        if not head or not tail:
            continue
        if is_place is None or is_place(tail):
            return head, tail
    return text, None


def _split_prefix(text: str, is_place: Callable[[str], bool] | None) -> tuple[str | None, str]:
    """Split "united states secretary of the army" into ("united states", "secretary of the army")."""
    if is_place is None:
        return None, text
    words = text.split()
    for n in (3, 2, 1):
        if len(words) > n and is_place(" ".join(words[:n])):
            return " ".join(words[:n]), " ".join(words[n:])
    return None, text


def parse_title(text: str, is_place: Callable[[str], bool] | None = None) -> TitleParse:
    """The role key of an office title, with the words naming its jurisdiction and destination.

    `is_place`, when given, says whether a normalised phrase names a country, place or
    organisation; it decides where "Minister for the Development of the Russian Far East" ends
    and the jurisdiction begins, and lets unknown titles shed their jurisdiction words.

    >>> parse_title("Russian Ambassador to the United States")
    TitleParse(role='ambassador', jurisdiction_text='russian', destination_text='united states', modifier=None)
    >>> parse_title("Prosecutor General of Ukraine").role
    'prosecutor general'
    """
    norm = _clean(text)
    modifier: str | None = None
    m = _MOD_RE.match(norm)
    if m:
        modifier = m.group(0).strip()
        norm = norm[m.end():]
    m2 = _MOD_SUFFIX.search(norm)
    if m2:
        modifier = modifier or m2.group(0).strip()
        norm = norm[: m2.start()]
    if norm.startswith("first deputy ") or norm.startswith("second deputy "):
        modifier = modifier or norm.split()[0]
    for pattern, role_key in _RULES:
        match = pattern.match(norm)
        if match is None:
            continue
        groups = match.groupdict()
        pre = (groups.get("pre") or "").strip() or None
        if pre and _TRAILING_LINK.search(pre):
            # "Advisor to the President", "Head of the Office of the President": the title word
            # is the object of another title, not the title itself.
            continue
        jur = (groups.get("jur") or "").strip() or None
        dest = (groups.get("dest") or "").strip() or None
        if groups.get("domain"):
            domain, jur_from_domain = _split_of(groups["domain"], is_place)
            jur = jur_from_domain or jur
            role = _domain_role(role_key, domain)
        else:
            role = role_key
        if dest:
            dest = re.sub(r"^the ", "", dest)
        if jur:
            jur = re.sub(r"^the ", "", jur)
        return TitleParse(role=role, jurisdiction_text=jur or pre, destination_text=dest,
                          modifier=modifier)
    # Unknown title: keep it as the key, minus the words that name a place.
    pre, rest = _split_prefix(norm, is_place)
    head, tail = _split_of(rest, is_place) if is_place is not None else (rest, None)
    return TitleParse(role=head, jurisdiction_text=tail or pre, modifier=modifier)

