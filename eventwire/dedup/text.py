"""Evidence: do the two records' sentences tell the same story?

Two reports of one incident name the same particulars -- a neighbourhood, a victim, a
vehicle, a figure -- even when written independently; reports of two incidents share
only the vocabulary of the genre ("police", "mob", "killed"). The comparison keeps the
content words of each record's evidence (lower-cased words of three or more letters and
numbers) outside boxes of links to other stories, drops function words and the generic
vocabulary of conflict reporting (``GENERIC``), and measures the shared particulars by the overlap coefficient:
shared words / words of the shorter evidence. A record that merges several sentences is
thus compared on its best-covered part. An overlap of 0.8 or more over at least six
words is graded "verbatim": the same report, republished.
"""

from __future__ import annotations

import re
import unicodedata

from eventwire.dedup.verdict import Verdict, unknown
from eventwire.records import Event

MAX_WEIGHT = 0.3
STRONG_OVERLAP = 0.5
VERBATIM_OVERLAP = 0.8
VERBATIM_SHARED = 6
MIN_SHARED = 3  # fewer shared particulars than this are coincidence
_WORD = re.compile(r"[a-z]{3,}|\d+")
# Boxes of links to other stories that slipped into a record's evidence: they are the
# page's furniture, not the event's story. Headline lists are also recognised by their
# separators: non-breaking spaces, or the "Â" they become when mis-decoded.
BOILERPLATE = re.compile(r"related stor|full coverage|you may also like|also read|read more",
                         re.IGNORECASE)
SEPARATORS = ("\u00a0", "\u00c2")


def boilerplate(sentence: str) -> bool:
    return BOILERPLATE.search(sentence) is not None or sum(
        sentence.count(s) for s in SEPARATORS) >= 3

FUNCTION_WORDS = frozenset("""
the and for but nor yet not are was were been being has have had having does did doing
this that these those them they their theirs then than there here where when which who
whom whose what why how all any both each few more most other some such only own same
very can will just should would could might must shall may into onto upon from with
without within about above below after before between during through under over again
further once off out its his her hers him she you your yours our ours who also even
still while because until since though although whether per via amid among against
toward towards around across along behind beyond near one two three four five six seven
eight nine ten
""".split())

# Words of the genre: they occur in reports of any incident and identify none.
GENERIC = frozenset("""
said says told added according reported reports report sources source official officials
police policemen policeman cops forces force security army personnel people persons
person man men woman women killed dead death deaths died injured wounded hurt attack
attacked attacks mob mobs crowd crowds violence violent riot riots rioting rioters clash
clashes clashed incident incidents situation tension tense area areas city town towns
village villages district districts state country government local today yesterday
tomorrow monday tuesday wednesday thursday friday saturday sunday morning afternoon
evening night day days week month year time late early last next several many number
least fired fire firing opened arrested arrest arrests held detained taken custody
protest protests protesters demonstration march rally members group groups case
disperse dispersed rounds round shells shell tear gas teargas lob lobbed lobbing burst
pelting pelted stone stones stoning throwing hurled curfew curfews imposed clamped relaxed
relaxation lifted station stations spot miscreants bodies body shops houses burnt burned
torched ablaze set arson looting looted rampage rampaging injuries hospital hospitalised
seriously condition critical control law order normalcy sensitive communal
""".split())


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form of a name."""
    if not text:
        return ""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("-", " ").split())


def particulars(ev: Event) -> frozenset[str]:
    """The content words of an event's evidence, less function and genre words."""
    story = " ".join(e.text for e in ev.evidence if not boilerplate(e.text))
    words = _WORD.findall(fold(story))
    return frozenset(w for w in words if w not in FUNCTION_WORDS and w not in GENERIC)


def compare_evidence(a: Event, b: Event) -> Verdict:
    wa, wb = particulars(a), particulars(b)
    if not wa or not wb:
        return unknown("evidence", "no evidence text on one side")
    shared = wa & wb
    overlap = len(shared) / min(len(wa), len(wb))
    if len(shared) < MIN_SHARED:
        return Verdict("evidence", "unknown", 0.0, "no particulars in common")
    weight = round(MAX_WEIGHT * overlap, 3)
    sample = ", ".join(sorted(shared, key=lambda w: (-len(w), w))[:5])
    status = "match" if overlap >= STRONG_OVERLAP else "weak"
    grade = "verbatim" if overlap >= VERBATIM_OVERLAP and len(shared) >= VERBATIM_SHARED else ""
    return Verdict("evidence", status, weight, f"{len(shared)} shared ({sample}); "
                   f"overlap {overlap:.2f}", grade)
