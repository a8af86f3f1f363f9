"""Word lists the rules of several stages share: office titles, reporting verbs, meeting and
legislation words.

Input: nothing. Output: plain constants. Kept in one place so that the NLP stage (which finds the
words) and the extraction stage (which interprets them) agree without one importing the other.
"""

from __future__ import annotations

#: Surface form of an office title (lower case, tokens separated by one space) -> the role key the
#: gazetteer uses for positions (vocabulary in kg.gazetteer.roles; a test keeps the two in step).
#: Longest forms are matched first. Deliberate differences from the gazetteer's title parser: a
#: special envoy is not an ambassador, and a crown prince is not the monarch.
TITLE_ROLES: dict[str, str] = {
    "president": "president",
    "vice president": "vice president",
    "vice-president": "vice president",
    "president-elect": "president",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "pm": "prime minister",
    "deputy prime minister": "deputy prime minister",
    "chancellor": "chancellor",
    "foreign minister": "minister of foreign affairs",
    "minister of foreign affairs": "minister of foreign affairs",
    "foreign affairs minister": "minister of foreign affairs",
    "foreign secretary": "minister of foreign affairs",
    "secretary of state": "minister of foreign affairs",
    "defense minister": "minister of defence",
    "defence minister": "minister of defence",
    "minister of defense": "minister of defence",
    "minister of defence": "minister of defence",
    "defense secretary": "minister of defence",
    "secretary of defense": "minister of defence",
    "finance minister": "minister of finance",
    "minister of finance": "minister of finance",
    "interior minister": "minister of interior",
    "minister of internal affairs": "minister of interior",
    "minister": "minister",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "special envoy": "envoy",
    "senator": "senator",
    "sen.": "senator",
    "representative": "member of parliament",
    "rep.": "member of parliament",
    "congressman": "member of parliament",
    "congresswoman": "member of parliament",
    "lawmaker": "member of parliament",
    "mp": "member of parliament",
    "member of parliament": "member of parliament",
    "prosecutor general": "prosecutor general",
    "prosecutor-general": "prosecutor general",
    "attorney general": "attorney general",
    "speaker": "speaker",
    "governor": "governor",
    "mayor": "mayor",
    "king": "monarch",
    "queen": "monarch",
    "emir": "monarch",
    "crown prince": "crown prince",
    "secretary-general": "secretary-general",
    "secretary general": "secretary-general",
    "spokesperson": "spokesperson",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "press secretary": "spokesperson",
    "national security adviser": "national security adviser",
    "national security advisor": "national security adviser",
    "chief of staff": "chief of staff",
    "supreme leader": "supreme leader",
}

#: Titles that are safe to recognise even in lower case ("the ambassador noted"); the others
#: (e.g. "speaker", "king", "minister") only when capitalised, since their common-noun uses abound.
LOWERCASE_TITLES: frozenset[str] = frozenset(
    {
        "president",
        "prime minister",
        "ambassador",
        "foreign minister",
        "defense minister",
        "defence minister",
        "senator",
        "prosecutor general",
        "secretary of state",
        "chancellor",
        "vice president",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "envoy",
    }
)

#: Words before a title that give the holding a status.
STATUS_MODIFIERS: dict[str, str] = {
    "former": "former",
    "ex": "former",
    "ex-": "former",
    "then": "former",
    "then-": "former",
    "late": "former",
    "acting": "acting",
    "interim": "acting",
    "caretaker": "acting",
    "incoming": "incoming",
    "new": "incoming",
    "newly": "incoming",
    "designate": "incoming",
    "-elect": "incoming",
    "current": "current",
    "sitting": "current",
    "outgoing": "current",
}

#: Lemmas of reporting verbs (cues). The statement's `gk:cue` is the lemma.
CUE_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "state",
        "claim",
        "warn",
        "note",
        "confirm",
        "announce",
        "add",
        "describe",
        "call",
        "suggest",
        "insist",
        "argue",
        "assert",
        "declare",
        "deny",
        "explain",
        "write",
        "tweet",
        "post",
        "report",
        "stress",
        "emphasize",
        "emphasise",
        "urge",
        "accuse",
        "acknowledge",
        "admit",
        "allege",
        "believe",
        "caution",
        "comment",
        "complain",
        "contend",
        "reiterate",
        "remark",
        "reply",
        "respond",
        "reveal",
        "predict",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "underline",
        "demand",
        "ask",
        "agree",
        "estimate",
        "concede",
        "maintain",
        "observe",
        "point",
        "recall",
        "signal",
        "testify",
        "hint",
        "indicate",
        "question",
        "dismiss",
        "express",
        "mention",
        "criticize",
        "criticise",
        "condemn",
        "recommend",
        "propose",
        "boast",
        "joke",
        "quip",
        "lament",
        "counter",
        "retort",
        "charge",
        "assure",
        "advise",
        "inform",
        "speculate",
        "concur",
        "proclaim",
        "conclude",
        # added for PolNeAR (issue 4): citing and belief verbs that take a clause
        "cite",
        "think",
        "hope",
        "expect",
        "fear",
        "worry",
        "know",
        "feel",
        "doubt",
        "suspect",
        "show",
        "find",
        "repeat",
        "echo",
        "blame",
    }
)

#: Verbs that report speech only when they introduce a direct quote ("Caddell continued:",
#: "protesters chanted "..."", "the letter reads"); next to quote marks they are cues too.
QUOTE_CUE_VERBS: frozenset[str] = frozenset(
    {
        "continue",
        "sing",
        "chant",
        "yell",
        "shout",
        "scream",
        "cry",
        "exclaim",
        "whisper",
        "read",
        "laugh",
        "muse",
        "recount",
        "begin",
        "put",
        "characterize",
        "attack",
        "brand",
        "identify",
        "interrupt",
        "summarize",
        "answer",
        "greet",
        "offer",
        "quote",
        "call",
        "ask",
        "wonder",
    }
)

#: Verbs that report what was said about something through a preposition ("spoke about the
#: polls", "complained about his mic", "warned of a crisis"); the content is the prepositional
#: object. `TOPIC_PREPOSITIONS` are the prepositions that carry it.
TOPIC_CUE_VERBS: frozenset[str] = frozenset(
    {
        "speak", "talk", "complain", "comment", "write", "testify", "warn", "joke", "boast", "brag",
        "ask", "tweet", "post", "argue", "rail", "lecture", "report", "caution", "speculate",
        "remark", "inquire", "lie", "muse", "reflect", "weigh", "rant", "campaign", "say",
    }
)
TOPIC_PREPOSITIONS: frozenset[str] = frozenset({"about", "of", "on", "against", "over"})

#: Verbs whose direct object is what they report ("cited derogatory comments", "criticized the
#: party's lack of awareness", "discussed clean energy"): the content is the object.
OBJECT_CUE_VERBS: frozenset[str] = frozenset(
    {
        "cite", "mention", "attack", "criticize", "criticise", "discuss", "endorse", "reject",
        "propose", "promise", "praise", "condemn", "blame", "dismiss", "question", "deny",
        "announce", "reiterate", "acknowledge", "admit", "demand", "predict", "recommend",
        "applaud", "denounce", "decry", "slam", "blast", "tout", "defend",
    }
)

#: Verbs that report a characterisation through an object and its predicate ("called climate
#: change a hoax", "labeled him a liar"); the content is "object + predicate".
NAMING_VERBS: frozenset[str] = frozenset({"call", "label", "brand", "dub", "deem", "term"})

#: Nouns that give a speaker's role in news prose but name no office the gazetteer knows
#: ("Clinton campaign manager Robby Mook", "Alan Cole, an economist at the Tax Foundation"). With
#: `TITLE_ROLES` they let a statement keep the role the article gives, as text, when no office links.
DESCRIPTIVE_ROLES: frozenset[str] = frozenset(
    {
        "adviser", "advisor", "aide", "analyst", "anchor", "attorney", "ceo", "chair", "chairman",
        "chairwoman", "chief", "coach", "columnist", "commander", "commissioner", "consultant",
        "correspondent", "counsel", "co-founder", "candidate", "director", "economist", "editor",
        "executive", "fellow", "founder", "gov.", "gen.", "head", "host", "lawyer", "leader",
        "lt.", "manager", "nominee", "official", "officer", "organizer", "pastor", "pollster",
        "president", "professor", "publisher", "rep.", "reporter", "researcher", "rev.", "scholar",
        "scientist", "sen.", "sheriff", "spokesman", "spokeswoman", "spokesperson", "strategist",
        "surrogate", "treasurer", "general", "secretary", "mayor", "governor", "senator",
        "ambassador", "minister", "judge", "justice", "representative", "congressman",
        "congresswoman", "activist", "historian", "expert",
    }
)

#: Cue verbs that report speech only with a particle or preposition ("call for", "point out").
CUE_PARTICLES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "point": frozenset({"out"}),
}

#: Nouns naming a meeting event, and verbs that report one.
MEETING_NOUNS: frozenset[str] = frozenset(
    {
        "talk",
        "talks",
        "meeting",
        "negotiation",
        "summit",
        "consultation",
        "session",
        "call",
        "round",
        "conference",
        "visit",
        "discussion",
    }
)
MEETING_VERBS: frozenset[str] = frozenset({"meet", "negotiate", "hold", "host", "visit"})

#: Head nouns of described legislation ("a bipartisan sanctions bill").
LEGISLATION_NOUNS: frozenset[str] = frozenset(
    {"bill", "act", "law", "legislation", "resolution", "decree", "amendment", "statute", "ordinance"}
)

#: Words that tell a legislation's status.
LEGISLATIVE_STATUS_WORDS: dict[str, str] = {
    "propose": "proposed",
    "introduce": "proposed",
    "draft": "proposed",
    "await": "pending",
    "pending": "pending",
    "consider": "pending",
    "debate": "pending",
    "pass": "passed",
    "approve": "passed",
    "adopt": "passed",
    "enact": "enacted",
    "sign": "enacted",
}
