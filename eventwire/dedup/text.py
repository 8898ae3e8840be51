"""Evidence: do the two records' sentences tell the same story?

Two reports of one incident name the same particulars -- a neighbourhood, a victim, a
vehicle, a figure -- even when written independently; reports of two incidents share
only the vocabulary of the genre ("police", "mob", "killed"). The comparison keeps the
content words of each record's evidence sentences (lower-cased words of three or more
letters and numbers) outside boxes of links to other stories, drops function words and
the generic vocabulary of conflict reporting (``GENERIC``), and weighs each word by its
rarity in general news (rarity.py: inverse document frequency), so a shared village or
surname counts for far more than a shared "president".

Three measures, all on weighted words, make the evidence's points (compare.py):

- ``event``: the weighted overlap coefficient (shared weight / weight of the lighter
  side) of the two records' *first* sentences -- the sentence each event was coded from;
- ``all``: the same over all their evidence sentences (a record that merges several
  sentences is compared on its best-covered part);
- ``shared``: the weight the best-matching pair of sentences shares (how much
  particular detail agrees, not just what fraction).

An unweighted overlap of 0.8 or more over at least six words is graded "verbatim": the
same report, republished.

A name the two reports spell differently ("Raval" and "Rawal") is one particular in
common: before the measures, each unknown word of the second record that is one letter
away from an unknown word of the first takes the first's spelling (spelling.py).
"""

from __future__ import annotations

import math
import re
import unicodedata

from eventwire.dedup.rarity import weight
from eventwire.dedup.spelling import respell, variants
from eventwire.dedup.verdict import Verdict, unknown
from eventwire.records import Event

# points (log-odds, see compare.py) for each measure; fitted on the dev pairs, rounded
EVENT_POINTS = 0.75
ALL_POINTS = 1.54
SHARED_POINTS = 0.93
SHARED_FLOOR = 5.0  # one moderately rare word in common is no shared story
STRONG_OVERLAP = 0.4
MIN_MASS = 20.0  # about three rare words
VERBATIM_OVERLAP = 0.8
VERBATIM_SHARED = 6
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


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(text))
                     if w not in FUNCTION_WORDS and w not in GENERIC)


def sentences(ev: Event) -> list[frozenset[str]]:
    """The content words of each evidence sentence, less boilerplate, function and genre
    words; sentences left empty are dropped."""
    found = (_content(e.text) for e in ev.evidence if not boilerplate(e.text))
    return [words for words in found if words]


def particulars(ev: Event) -> frozenset[str]:
    """The content words of an event's evidence, less function and genre words."""
    return frozenset().union(*sentences(ev))


def mass(words: frozenset[str]) -> float:
    return sum(weight(w) for w in words)


def overlap(wa: frozenset[str], wb: frozenset[str]) -> float:
    """Weighted overlap coefficient: shared weight / weight of the lighter side (at least
    ``MIN_MASS``: one rare word in common is not a story in common)."""
    return mass(wa & wb) / max(MIN_MASS, min(mass(wa), mass(wb)))


def evidence_points(event: float, whole: float, shared: float) -> float:
    return (EVENT_POINTS * event + ALL_POINTS * whole
            + SHARED_POINTS * math.log1p(max(0.0, shared - SHARED_FLOOR)))


def compare_evidence(a: Event, b: Event) -> Verdict:
    sa, sb = sentences(a), sentences(b)
    if not sa or not sb:
        return unknown("evidence", "no evidence text on one side")
    wa, wb = frozenset().union(*sa), frozenset().union(*sb)
    spelling = variants(wa, wb)  # names b spells another way take a's spelling
    sb = [respell(words, spelling) for words in sb]
    wb = respell(wb, spelling)
    common = wa & wb
    if not common:
        return Verdict("evidence", "unknown", 0.0, "no particulars in common")
    event = overlap(sa[0], sb[0])
    whole = overlap(wa, wb)
    shared = max(mass(x & y) for x in sa for y in sb)
    points = round(evidence_points(event, whole, shared), 2)
    plain = len(common) / min(len(wa), len(wb))
    grade = "verbatim" if plain >= VERBATIM_OVERLAP and len(common) >= VERBATIM_SHARED else ""
    status = "match" if max(event, whole) >= STRONG_OVERLAP else "weak"
    sample = ", ".join(sorted(common, key=lambda w: (-weight(w), w))[:5])
    return Verdict("evidence", status, points,
                   f"event sentences {event:.2f}, all evidence {whole:.2f} of weighted "
                   f"particulars, best sentence pair shares {shared:.0f} "
                   f"({len(common)} words in common: {sample})"
                   + "".join(f"; {theirs} spelt {ours}" for theirs, ours in
                             sorted(spelling.items()) if ours in common), grade)
