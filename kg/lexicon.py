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
    "gov.": "governor",
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
        "applaud", "denounce", "decry", "slam", "blast", "tout", "defend", "laud",
    }
)

#: Verbs that report an intention, a plea or a commitment through an infinitive ("promised to cut
#: taxes", "urged voters to register", "wants to build a wall"), which PolNeAR counts as
#: attributions; the content is the infinitive, with the object it is asked of when there is one.
#: Left out because on PolNeAR dev they more often state a plan or a fact than an attribution:
#: plan, refuse, hope, offer, invite.
INFINITIVE_CUE_VERBS: frozenset[str] = frozenset(
    {
        "promise", "pledge", "vow", "vote", "threaten", "agree", "decline", "decide", "intend",
        "want", "wish", "seek", "aim", "urge", "encourage", "ask", "call", "implore", "press", "push",
        "challenge", "expect", "exhort",
    }
)

#: Verbs that report a characterisation through an object and its predicate ("called climate
#: change a hoax", "labeled him a liar"); the content is "object + predicate".
NAMING_VERBS: frozenset[str] = frozenset({"call", "label", "brand", "dub", "deem", "term"})

#: Nouns that report what their possessor said through a "that" clause ("Trump's claim that ...",
#: "her assertion that ..."); the possessor speaks, the clause is the content.
CLAIM_NOUNS: frozenset[str] = frozenset(
    {
        "claim", "assertion", "contention", "insistence", "allegation", "accusation", "argument",
        "suggestion", "prediction", "promise", "pledge", "vow", "warning", "boast",
    }
)

#: Verbs that report a characterisation through "object as predicate" ("portrayed the deal as a
#: betrayal", "hailed Trump as "The Comeback Kid""); with the naming verbs and `OBJECT_CUE_VERBS`
#: ("dismissed Estonia as ...", "blasted the media for ...") the content is object and predicate.
AS_CUE_VERBS: frozenset[str] = frozenset(
    {
        "describe", "characterize", "characterise", "portray", "depict", "hail", "deride", "mock",
        "ridicule", "lambaste", "paint", "brand", "label", "dub",
    }
)

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

#: Common given names whose bearers are overwhelmingly of one gender, for pronoun agreement ("she"
#: does not stand for a man named Donald). A name missing here tells nothing; ambiguous names
#: (Jordan, Taylor, Leslie, Kim, Jean) are left out on purpose.
MALE_GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "aaron", "abdullah", "adam", "ahmed", "alan", "albert", "alberto", "alex", "alexander",
        "alexei", "alfred", "ali", "andre", "andrew", "andrei", "angelo", "anthony", "antonio",
        "arnold", "arthur", "barack", "ben", "benjamin", "benny", "bernard", "bernie", "bill", "billy",
        "bob", "bobby", "boris", "brad", "bradley", "brandon", "brian", "bruce", "bryan", "carl",
        "carlos", "charles", "charlie", "chris", "christopher", "chuck", "clarence", "colin", "craig",
        "dan", "daniel", "danny", "darrell", "dave", "david", "dennis", "dick", "dmitry", "don",
        "donald", "doug", "douglas", "duncan", "dwight", "earl", "ed", "eddie", "edward", "emmanuel",
        "eric", "erik", "ernest", "frank", "franklin", "fred", "frederick", "gary", "george", "gerald",
        "gordon", "greg", "gregory", "hans", "harold", "harry", "henry", "howard", "hugh", "ian",
        "igor", "isaac", "jack", "jacob", "jake", "james", "jamie", "jared", "jason", "jeb", "jeff",
        "jeffrey", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny", "jon", "jonathan", "jose",
        "joseph", "josh", "joshua", "juan", "justin", "keith", "ken", "kenneth", "kevin", "kofi",
        "larry", "lawrence", "leonard", "louis", "luis", "marco", "mario", "mark", "martin", "matt",
        "matthew", "michael", "mike", "mitch", "mitt", "mohammed", "muhammad", "nathan", "neil", "newt",
        "nicholas", "nick", "nicolas", "noah", "oliver", "omar", "orrin", "patrick", "paul", "pedro",
        "peter", "phil", "philip", "pierre", "ralph", "randy", "ray", "raymond", "reince", "richard",
        "rick", "robert", "robby", "rod", "roger", "ron", "ronald", "rudy", "russell", "ryan", "sam",
        "samuel", "scott", "sean", "sergei", "sergey", "stephen", "steve", "steven", "stuart", "ted",
        "thomas", "tim", "timothy", "todd", "tom", "tommy", "tony", "vladimir", "walter", "wayne",
        "william", "willie", "xi", "yuri"
    }
)
FEMALE_GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "abigail", "alice", "alicia", "alison", "amanda", "amy", "andrea", "angela", "angelina", "ann",
        "anna", "anne", "annie", "barbara", "betsy", "betty", "beverly", "brenda", "carla", "carly",
        "carol", "caroline", "catherine", "cathy", "charlotte", "cheryl", "christina", "christine",
        "claire", "cynthia", "dana", "debbie", "deborah", "debra", "diana", "diane", "donna", "doris",
        "dorothy", "elaine", "eleanor", "elizabeth", "ellen", "emily", "emma", "erin", "eva", "evelyn",
        "gillian", "gina", "gloria", "hannah", "heather", "helen", "hillary", "holly", "hope", "ivana",
        "ivanka", "jane", "janet", "janice", "jennifer", "jessica", "jill", "joan", "joanna", "joyce",
        "judith", "judy", "julia", "julie", "karen", "kate", "katherine", "kathleen", "kathy", "kelly",
        "kellyanne", "kirsten", "laura", "lauren", "linda", "lisa", "lois", "lori", "louise", "lucy",
        "lynn", "madeleine", "margaret", "maria", "marie", "marilyn", "martha", "mary", "megan",
        "melania", "melanie", "melissa", "michele", "michelle", "monica", "nancy", "natalie", "nicole",
        "nikki", "olivia", "pamela", "patricia", "paula", "peggy", "rachel", "rebecca", "rose", "ruth",
        "sally", "samantha", "sandra", "sarah", "sharon", "shirley", "stephanie", "susan", "suzanne",
        "tammy", "teresa", "theresa", "tina", "valerie", "victoria", "virginia", "wendy"
    }
)
