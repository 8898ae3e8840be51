"""Who did what to whom on the parse: a verb's subjects, objects and agent, with repairs
for what the small parser gets wrong (a subject made an apposition of a place, a passive
subject lost to a bracket, conjoined parties)."""

from __future__ import annotations

from typing import Any

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "attr", "oprd")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")
# Nouns that describe a place set beside it ("Montenegro, the scene of clashes"), not a party.
PLACE_DESCRIPTIONS = frozenset({"scene", "site", "capital", "city", "town", "village", "region",
                                "province", "home", "seat", "heart", "hub", "centre", "center",
                                "stronghold", "birthplace", "epicentre", "epicenter", "border"})
SPEECH_VERBS = frozenset({"say", "declare", "insist", "reiterate", "announce", "conclude", "tell",
                          "state", "stress", "warn", "write", "add", "argue", "urge"})


def arguments(verb: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """(subjects, objects, agent) of a verb: passive subjects are objects; "at the hands of
    X" is an agent; a clause's missing subject comes from the clause it hangs on."""
    subjects: list[Any] = []
    objects: list[Any] = []
    agent: list[Any] = []
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            subjects.append(child)
        elif child.dep_ in PASSIVE_SUBJECTS:
            objects.append(child)
        elif child.dep_ in OBJECTS:
            objects.append(child)
        elif child.dep_ == "agent":
            agent.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "at":
            agent.extend(_hands_of(child))
    if not objects and verb.pos_ == "VERB":  # "attacked and burned a school": both acts'
        objects = _shared_object(verb)
    subjects = _speaker_for_pronoun(verb, subjects)
    if not subjects and verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl"):
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ in ("dobj", "pobj") and (
                verb.tag_ != "VBN"):  # "made two attempts to attack": the maker attacks
            subjects.extend(c for c in head.head.children if c.dep_ in SUBJECTS)
        elif verb.dep_ == "relcl" or verb.dep_ == "acl":
            (objects if verb.tag_ == "VBN" else subjects).append(head)
        else:
            if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
                head = head.head  # "he is ready to host talks": the one who is ready
            subjects.extend(_speaker_for_pronoun(
                head, [c for c in head.children if c.dep_ in SUBJECTS]))
            if verb.dep_ == "conj" and not objects:
                objects.extend(c for c in head.children if c.dep_ in PASSIVE_SUBJECTS)
    passive = [c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i]
    if passive and not any(o.pos_ in NOMINAL for o in objects):
        objects = [o for o in objects if o.pos_ != "PUNCT"] + _stray_argument(passive[0])
    elif not passive and not subjects and verb.dep_ == "ROOT":
        subjects = _stray_argument(verb)
    return (expand_conj(_appositions(subjects)), expand_conj(_appositions(objects)),
            expand_conj(agent))


def _shared_object(verb: Any) -> list[Any]:
    """The object of the verb joined to this one by "and" ("gunmen attacked and damaged
    the building"), when that verb has no subject of its own."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(
                c.dep_ in SUBJECTS + PASSIVE_SUBJECTS for c in conj.children):
            return [c for c in conj.children if c.dep_ == "dobj"]
    return []


def _speaker_for_pronoun(verb: Any, subjects: list[Any]) -> list[Any]:
    """"Japan said it had halted aid": a pronoun subject of a reported clause is the
    speaker."""
    if subjects and all(t.pos_ == "PRON" for t in subjects) and verb.dep_ == "ccomp" and \
            verb.head.lemma_.lower() in SPEECH_VERBS:
        speakers = [c for c in verb.head.children if c.dep_ in SUBJECTS and c.pos_ != "PRON"]
        return speakers or subjects
    return subjects


def _stray_argument(before: Any) -> list[Any]:
    """The subject the small parser lost ("1 security personnel [assumed military] was
    shot", "in Ciudad Victoria, Tamaulipas, members of the Gulf Cartel delivered food",
    where it made the people an apposition of the place): the head noun of the phrase just
    before the verb or its passive auxiliary, within its clause, skipping bracketed
    asides and prepositional objects."""
    depth = 0
    for i in range(before.i - 1, before.sent.start - 1, -1):
        tok = before.doc[i]
        if tok.text in ("]", ")"):
            depth += 1
        elif tok.text in ("[", "("):
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif tok.text in (",", ";", ":") or tok.pos_ in ("VERB", "AUX"):
            return []
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("pobj", "compound", "poss"):
            return [tok]
    return []


def _appositions(tokens: list[Any]) -> list[Any]:
    """"In Tijuana, Baja California, an off-duty officer was shot": the small parser makes
    the place the subject and the person its apposition; the person is the party. The
    chain may run through more names ("in La Central, Colima, a police patrol was shot")."""
    out = []
    for t in tokens:
        if t.ent_type_ not in ("GPE", "LOC") and (t.pos_ != "PROPN" or t.ent_type_ == "PERSON"):
            out.append(t)  # (a place the tagger took for an organisation is a name too)
            continue
        cur = t
        for _ in range(3):
            appos = [c for c in cur.children if c.dep_ == "appos"]
            if not appos:
                break
            cur = appos[-1]
            if cur.pos_ != "PROPN":
                break
        if cur.lemma_.lower() in PLACE_DESCRIPTIONS:
            cur = t  # "Serbia eased measures in Montenegro, the scene of violence": a place
        out.append(cur if cur.pos_ != "PROPN" else t)
    return out


def _hands_of(prep: Any) -> list[Any]:
    """'at the hands of an angry mob' -> [mob]."""
    for pobj in prep.children:
        if pobj.lemma_.lower() == "hand":
            return [g for c in pobj.children if c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"]
    return []


def expand_conj(tokens: list[Any]) -> list[Any]:
    out = list(tokens)
    for t in tokens:
        out.extend(c for c in t.conjuncts if c not in out)
    return out
