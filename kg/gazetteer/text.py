"""Name normalisation and spelling variants for gazetteer aliases.

Input: a surface string (a name, an abbreviation, a title). Output: the normalised lookup key that
both the builder and the reader use (`normalize_alias`), and spelling variants of personal names
that news wires transliterate differently ("Zelenskyy"/"Zelensky", "Andrii"/"Andriy").
"""

from __future__ import annotations

import re
import unicodedata

# Typographic variants that news text uses interchangeably with the ASCII form.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u02bc\u02bb\u00b4\u0060\u2032"), "'")
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"), "-")
_DROP = re.compile(r"[.,\"\u201c\u201d\u201e\u00ab\u00bb]")
_SPACE_LIKE = re.compile(r"[\s\-_/]+")
_QID = re.compile(r"^Q[1-9][0-9]*$")


def normalize_alias(text: str) -> str:
    """The lookup key of a name: casefolded, without diacritics, periods, commas and a leading "the".

    "U.S." -> "us", "the United States" -> "united states", "Kyiv’s" -> "kyiv's",
    "Guinea-Bissau" -> "guinea bissau", "Zelenskyy" -> "zelenskyy".
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_HYPHENS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # A few letters have no decomposition but an obvious ASCII reading.
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    text = text.replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("Œ", "OE")
    text = _DROP.sub("", text.casefold())
    text = _SPACE_LIKE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def is_qid(text: str) -> bool:
    return bool(_QID.match(text))


def is_latin(text: str) -> bool:
    """True when every letter of `text` is Latin script (with or without diacritics)."""
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


# -- personal names -----------------------------------------------------------------------------

# Endings that romanisations of Russian, Ukrainian and Belarusian names spell several ways. Each
# group lists interchangeable spellings of one Cyrillic ending; a token ending in any member gets
# the others. Order inside a group does not matter. "-y" also ends English names ("Kennedy"), so
# the builder applies these variants only to officials of East Slavic and Central Asian countries.
_ENDING_GROUPS: tuple[tuple[str, ...], ...] = (
    ("skyy", "skyi", "skiy", "skii", "sky"),  # Zelenskyy, Zelenskyi, Zelenskiy, Zelensky
    ("tskyy", "tskyi", "tskiy", "tskii", "tsky"),
    # "-ey"/"-ay" come before the "-y" group so that "Sergey" is not read as "Serge-y".
    ("ey", "ei"),  # Sergey, Sergei; Aleksey, Aleksei
    ("ay", "ai"),  # Nikolay, Nikolai
    ("iy", "ii", "y"),  # Andriy, Andrii; Dmitriy, Dmitrii, Dmitry; Serhiy, Serhii
    ("iia", "iya", "ia"),  # Yuliia, Yuliya, Yulia
)
_MIN_STEM = 3


def _token_variants(token: str) -> set[str]:
    variants = {token}
    low = token.lower()
    for group in _ENDING_GROUPS:
        # Longest matching member wins, so "Zelenskyy" is read as "-skyy", not "-y".
        for ending in sorted(group, key=len, reverse=True):
            if low.endswith(ending) and len(low) - len(ending) >= _MIN_STEM:
                stem = token[: len(token) - len(ending)]
                variants.update(stem + other for other in group)
                break
        else:
            continue
        break
    if low.endswith("andr"):
        variants.add(token[:-2] + "der")  # Aleksandr -> Aleksander (-> Alexander below)
    if "ks" in low:
        variants.update({v.replace("ks", "x").replace("Ks", "X") for v in variants})
    return variants


_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|evych|ich|ych|ovna|evna|ivna|ichna|yivna)$", re.I)


def drop_patronymic(name: str) -> str | None:
    """'Oleg Nikolaevich Bekmemetiev' -> 'Oleg Bekmemetiev'; None when there is no patronymic."""
    parts = name.split()
    if len(parts) == 3 and _PATRONYMIC.search(parts[1]) and not parts[1].endswith("."):
        return f"{parts[0]} {parts[2]}"
    return None


def slavic_name_variants(name: str, limit: int = 24) -> list[str]:
    """Transliteration variants of an East Slavic personal name, the name itself excluded.

    "Volodymyr Zelenskyy" -> ["Volodymyr Zelenskii", "Volodymyr Zelenskiy", "Volodymyr Zelensky", ...];
    "Andrii Kostin" -> ["Andriy Kostin", "Andry Kostin"]. Sorted, at most `limit` of them.
    """
    tokens = name.split()
    if not tokens or len(tokens) > 4:
        return []
    combos: list[str] = [""]
    for token in tokens:
        options = sorted(_token_variants(token))
        combos = [f"{c} {o}".strip() for c in combos for o in options]
        if len(combos) > 4 * limit:
            break
    out = sorted(set(combos) - {name})
    return out[:limit]


def surname(name: str) -> str | None:
    """The last token of a multi-token personal name, or None for single tokens and initials."""
    parts = [p for p in name.replace(",", " ").split() if p]
    if len(parts) < 2:
        return None
    last = parts[-1]
    if last.rstrip(".").lower() in {"jr", "sr", "ii", "iii", "iv"} and len(parts) >= 3:
        last = parts[-2]
    if len(last.rstrip(".")) < 3 or last.endswith("."):
        return None
    return last


# English short forms of given names that news uses for people whose Wikidata label has the full
# form ("Dan Pfeiffer" is Daniel Pfeiffer). Short form -> full forms.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "al": ("albert", "alan", "alfred"), "alex": ("alexander", "alexandr", "alexei"), "andy": ("andrew",),
    "ben": ("benjamin",), "bernie": ("bernard",), "bill": ("william",), "bob": ("robert",),
    "bobby": ("robert",), "chris": ("christopher", "christian"), "chuck": ("charles",),
    "dan": ("daniel",), "danny": ("daniel",), "dave": ("david",), "dick": ("richard",),
    "don": ("donald",), "ed": ("edward",), "gene": ("eugene",), "greg": ("gregory",),
    "jim": ("james",), "jimmy": ("james",), "joe": ("joseph",), "jon": ("jonathan",),
    "jeff": ("jeffrey",), "ken": ("kenneth",), "larry": ("lawrence",), "liz": ("elizabeth",),
    "matt": ("matthew",), "mike": ("michael",), "mitch": ("mitchell",), "nick": ("nicholas",),
    "pat": ("patrick", "patricia"), "pete": ("peter",), "ron": ("ronald",), "sam": ("samuel",),
    "steve": ("stephen", "steven"), "ted": ("edward", "theodore"), "tim": ("timothy",),
    "tom": ("thomas",), "tony": ("anthony",), "vince": ("vincent",), "walt": ("walter",),
}


def formal_name_variants(name: str) -> list[str]:
    """`name` with a short given name spelled out: "Dan Pfeiffer" -> ["Daniel Pfeiffer"]."""
    parts = name.split()
    if len(parts) < 2:
        return []
    return [" ".join([full.capitalize(), *parts[1:]]) for full in NICKNAMES.get(parts[0].casefold(), ())]


# -- organisation names -------------------------------------------------------------------------

# British and American spellings that organisation names use either way ("Food and Agriculture
# Organisation", "Ministry of Defense"). Each pair is (British, American), per word ending.
_SPELLINGS: tuple[tuple[str, str], ...] = (("isation", "ization"), ("ence", "ense"), ("ntre", "nter"),
                                           ("our", "or"))
# Legal forms and holding words that news adds to or leaves off a company's name.
_LEGAL_FORMS = frozenset("inc incorporated corp corporation co ltd limited plc llc lp sa ag nv se "
                         "holdings group".split())


def organisation_name_variants(name: str) -> list[str]:
    """Other spellings of an organisation's name, the name itself excluded: the other side's
    spelling ("Food and Agriculture Organisation" -> "... Organization"), without a legal form or
    holding word at the end ("Reuters Holdings Plc" -> "Reuters Holdings", "Reuters") and
    without a possessive in front ("the U.N.'s Food ..." -> "Food ..."). At least one word stays."""
    words = name.split()
    if words and re.search(r"['\u2019]s$", words[0]) and len(words) > 1:
        words = words[1:]
    found: list[str] = []

    def add(ws: list[str]) -> None:
        text = " ".join(ws)
        if text != name and text not in found:
            found.append(text)

    respelled = []
    for w in words:
        low = w.lower()
        for gb, us in _SPELLINGS:
            if len(low) > len(gb) + 2 and low.endswith(gb):
                w = w[: -len(gb)] + _same_case(us, w[-len(gb):])
                break
            if len(low) > len(us) + 2 and low.endswith(us) and gb != "our":
                w = w[: -len(us)] + _same_case(gb, w[-len(us):])
                break
        respelled.append(w)
    add(words)
    add(respelled)
    trimmed = list(words)
    while len(trimmed) > 1 and trimmed[-1].rstrip(".,").lower() in _LEGAL_FORMS:
        trimmed = trimmed[:-1]
        trimmed[-1] = trimmed[-1].removesuffix(",")
        add(trimmed)
    return found


def _same_case(new: str, old: str) -> str:
    return new.upper() if old.isupper() else new


def is_acronym(text: str) -> bool:
    """Whether `text` is written as an acronym: two or more capital letters, periods and "&"
    aside ("AP", "U.S.", "AT&T")."""
    letters = text.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def is_acronym_of(acronym: str, name: str) -> bool:
    """Whether `acronym` abbreviates `name` as an article defines it, "Full Name (ACR)": its
    capitals are the initials of the name's capitalised words, in order, some words left out
    ("FDA" of "U.S. Food and Drug Administration", "FAO" of "Food and Agriculture Organisation").
    A trailing lowercase plural is allowed ("ECUs"); a ticker ("GECL.L") or a word is not."""
    letters = acronym.replace(".", "").replace("&", "")
    if letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    initials = [w[0] for w in re.split(r"[\s\-]+", name) if w[:1].isupper()]
    if len(initials) < 2 or letters[0] != initials[0] and letters[0] not in initials[1:2]:
        return False
    position = 0
    for ch in letters:
        while position < len(initials) and initials[position] != ch:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True
