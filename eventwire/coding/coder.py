"""Assemble events: trigger hits + actors + location + date + counts, then merge.

One event per (type, location, day) within an article, as ACLED codes them; each event
keeps the sentences that support it as evidence with character offsets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventwire.coding import actors as act
from eventwire.coding import location as loc
from eventwire.coding.counts import carry_counts, implicit_deaths, tally
from eventwire.coding.captures import capture_of_people, people_only, seizure_tags
from eventwire.coding.crosswalk import ARMED_SECTORS as ARMED
from eventwire.coding.crosswalk import STATE_FORCES
from eventwire.coding.detect import Hit, find_hits
from eventwire.coding.hit_rules import (
    abduction_of_victim,
    accident,
    aftermath,
    armed_post,
    backgrounded,
    bodies_folded,
    crowd_in,
    crowd_scuffle,
    crowd_violence,
    fight_policed,
    fought_by_hand,
    grievances_dropped,
    harmless,
    in_grievance,
    in_scope,
    named_cause,
    military_cargo,
    noise_making,
    plunder_by_group,
    plunder_of,
    policed,
    refined_mode,
    settings_folded,
    solidarity_dropped,
    victim_was_armed,
    warning_shots,
)
from eventwire.coding.lexicon import RIOT_ACTORS, TERRITORY_WORDS
from eventwire.coding.flags import (is_commitment, is_historical, is_hypothetical, is_negated,
                                   is_refused, is_ultimatum)
from eventwire.coding.merge import merge_events, recode
from eventwire.coding.weapons import remote_weapon
from eventwire.records import (
    Actor,
    DateRef,
    Doc,
    Event,
    Evidence,
    GazetteerEntry,
    Location,
    Place,
    Quantity,
)

COUNT_KINDS = {"ASSAULT": ("dead", "injured"), "PROTEST": ("dead", "injured", "size", "arrested"),
               "COERCE": ("arrested",), "crowd-control": ("dead", "injured", "size", "arrested")}
CONNECTIVES = ("hours later", "later", "soon after", "then", "meanwhile", "during the day",
               "the same day", "that day", "that night", "shortly after", "earlier")
NOT_EVENT_DATE = frozenset({"until", "till", "by", "before", "through", "since"})
CONTEXT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("economic", ("price", "prices", "fuel", "gas", "wage", "wages", "economy", "tax", "inflation")),
    ("peacekeeping", ("peacekeeping", "peacekeepers")),
    ("military", ("troops", "military", "soldiers", "army")),
    ("cyber", ("internet", "online", "network")),
    ("rights_freedoms", ("internet", "censorship", "freedom", "press")),
    ("repression", ("tear gas", "crackdown", "arrest", "detained")),
    ("terrorism", ("terrorist", "terrorism", "bomb")),
    ("election", ("election", "vote", "ballot")),
    ("corruption", ("corruption", "bribe", "embezzle")),
    # not PLOVER contexts: cues the ACLED crosswalk reads
    ("warning-shots", ("in the air", "into the air", "warning shot", "aerial firing")),
    ("accord", ("agreement", "truce", "ceasefire", "cease-fire", "deal", "exchange", "swap")),
    ("war-remnant", ("leftover", "left over", "remnant", "laid during",
                     "accidentally stepped", "from the civil war", "during the war")),
)
CONFLICTUAL = frozenset({"PROTEST", "SANCTION", "COERCE", "ASSAULT"})
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations"}
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
SINGULAR_DETS = frozenset({"a", "an", "another", "one"})
UNDOING = frozenset({"postpone", "cancel", "suspend", "end", "stop", "halt", "avoid",
                     "prevent", "call", "lift", "ease", "ban"})  # verbs that undo their object
DEMONSTRATING = frozenset({"demonstrate", "demonstration", "protest", "rally", "sit-in",
                           "picket"})
RAID_WORDS = frozenset({"raid", "storm", "search", "sweep", "operation"})

CountryEntry = Callable[[str], "GazetteerEntry | None"]
CountryOf = Callable[[str], "str | None"]


@dataclass(slots=True, kw_only=True, frozen=True)
class Coder:
    """Codes events from a parsed, geoparsed, dated document."""

    country_of: CountryOf  # word -> ISO2 (country names and demonyms)
    country_entry: CountryEntry  # ISO2 -> gazetteer entry of the country

    def __call__(self, doc: Doc) -> list[Event]:
        parse = doc.parse
        sents = list(parse.sents)
        ptoks = loc.namesakes_dropped(loc.place_tokens(parse, doc.places))
        focus = self._focus([p.place for p in ptoks if not loc.modifier_only(p)])
        events: list[Event] = []
        for si, sent in enumerate(sents):
            hits = backgrounded(settings_folded(grievances_dropped(
                solidarity_dropped(bodies_folded(find_hits(sent))))))
            if events and hits and all(aftermath(h, sent, doc) for h in hits):
                hits = []  # "At least one girl was wounded.": the harm of the event before
            if events:
                hits = [h for h in hits if not named_cause(h)]
            for hit in hits:
                if plunder_of(hit, events) or crowd_scuffle(hit, events) or \
                        fight_policed(hit, events) or abduction_of_victim(hit, events):
                    continue  # looting in an attack, a scuffle at a protest, the police
                    # breaking up a fight: part of it
                events.extend(self._events(doc, sents, si, hit, ptoks, focus,
                                           _scene(events, hit.trigger.event_type)))
            if not hits and events and si > 0:
                self._carry(doc, sent, events)
        stated = tally(doc.article.text)
        if stated is not None:  # the toll the report says it codes, per event
            events = [replace(e, dead=stated) if _violent(e) else e for e in events]
        return merge_events(events)

    def _carry(self, doc: Doc, sent: Any, events: list[Event]) -> None:
        """Counts in a sentence without an event of its own go to the event before it."""
        qs = [q for q in doc.quantities if sent.start_char <= q.start < sent.end_char]
        dead = implicit_deaths(sent)
        if qs or dead is not None:
            last = events[-1]
            events[-1] = carry_counts(last, qs, dead)
            if events[-1] is not last:
                events[-1].evidence.append(_evidence(sent))

    def _focus(self, places: list[Place]) -> Place | None:
        direct = loc.focus_country(places)
        if direct is not None or not places:
            return direct
        codes = [p.entry.country_code for p in places if p.entry.country_code]
        if not codes:
            return None
        code = max(codes, key=codes.count)  # ties: the first named (no hash order)
        entry = self.country_entry(code)
        return Place(start=0, end=0, text=entry.name, entry=entry, score=0.5) if entry else None

    def _events(self, doc: Doc, sents: list[Any], si: int, hit: Hit, ptoks: list[loc.PlaceToken],
                focus: Place | None, scene: Location | None) -> list[Event]:
        sent = sents[si]
        article = doc.article
        places, geo_reason, borrowed = self._places(sents, si, hit, ptoks)
        fallback_country = places[0].entry.country_code if places else (
            focus.entry.country_code if focus else None)
        actors = self._actors(hit.subjects + hit.agent, fallback_country, sent)
        recipients = [] if hit.trigger.event_type == "MOBILIZE" else self._actors(
            hit.objects, fallback_country, sent)
        victim = victim_was_armed(sents, si) if hit.trigger.event_type == "ASSAULT" and all(
            r.sector in ("CVL", None) for r in recipients) else None
        if victim:  # "... The victim had charges against him for drug trafficking."
            recipients = [replace(act.generic_actor("CRM", fallback_country), text=victim)]
        named = [a for a in actors if a.sector not in ("CVL", "PRO", None)]
        if hit.trigger.event_type == "PROTEST" and plunder_by_group(hit, actors):
            # "Boko Haram looted a refugee camp": a named group's looting, no crowd's riot
            hit = replace(hit, trigger=replace(hit.trigger, event_type="COERCE", mode="seize"),
                          mode="seize")
        if hit.trigger.event_type == "PROTEST" and not {a.sector for a in named} & ARMED:
            # ACLED names a protest's crowd generically; armed looters are no crowd
            actors = [act.crowd_actor(hit.mode or "demo", fallback_country), *named]
        date_ref = self._date(doc, sents, si, hit)
        date, precision = (date_ref.date, date_ref.time_precision) if date_ref else (
            article.published, 1)
        if date_ref is not None and _approximate(article.text, date_ref):
            precision = max(precision, 2)  # "around 4 May": ACLED codes the week
        lemma = hit.token.lemma_.lower()
        armed = bool({a.sector for a in actors} & ARMED)
        if lemma == "arrive" and not armed and not military_cargo(hit) and hit.mode != "flee":
            return []  # only forces (or a ship of tanks) arriving are a deployment
        if hit.mode == "flee" and hit.token.dep_ in ("amod", "acl", "compound") and not \
                _clause_on_its_subject(hit.token):
            return []  # "a displaced person", "refugees displaced from Syria": no event
        if hit.trigger.event_type == "RETREAT" and hit.mode == "flee" and armed:
            hit.mode = "withdraw"  # fighters fleeing retreat; civilians fleeing are displaced
        if noise_making(hit):
            return []  # "protesting by beating utensils"
        if hit.mode != "flee" and not in_scope(hit.trigger.event_type, actors + recipients) or \
                accident(hit, sent, actors):
            return []
        counts = self._counts(doc.quantities, sent, hit)
        if hit.trigger.event_type == "COERCE" and hit.mode == "arrest" and counts.get("arrested") is None:
            counts["arrested"] = _count_people(hit.objects)
        if hit.trigger.event_type == "ASSAULT" and counts.get("dead") is None:
            counts["dead"] = implicit_deaths(sent)
        evidence = [_evidence(sent)]
        mode = refined_mode(hit, sent)
        if mode == "firearms" and si and warning_shots(sent) and crowd_in(sents[si - 1]):
            mode = "crowd-control"  # "They stormed the house. Forces fired into the air."
        flags = {"negated": is_negated(hit.token), "hypothetical": is_hypothetical(hit.token),
                 "historical": is_historical(date, article.published)}
        etype = hit.trigger.event_type
        if etype == "ASSAULT" and mode == "crowd-control" and (crowd_violence(hit, sent) or any(
                o.lemma_.lower() in RIOT_ACTORS for o in hit.objects)):  # "dispersed the mob"
            # police dispersing a crowd that burned tyres or threw stones: ACLED codes the
            # riot (the crowd first, the police as the other side)
            etype, mode = "PROTEST", "riot"
            actors, recipients = [act.crowd_actor("riot", fallback_country)], [
                a for a in actors if a.sector not in ("PRO", "RIO", "CVL")]
        if etype == "ASSAULT" and lemma in RAID_WORDS and actors and all(
                a.sector in STATE_FORCES for a in actors) and harmless(sent):
            etype, mode = "COERCE", None  # a police raid or search that hurts no one
        if etype == "ASSAULT" and mode == "destroy":
            etype = "COERCE"  # an attack on property only (PLOVER: COERCE, destroy)
        if etype == "COERCE" and mode == "destroy" and (fired := remote_weapon(sent)):
            etype, mode = "ASSAULT", fired  # "destroyed a bulldozer using an ATGM": a strike
        if etype == "COERCE" and mode == "seize" and people_only(hit.objects):
            etype, mode = capture_of_people({a.sector for a in actors if a.sector},
                                            {a.sector for a in recipients if a.sector})
        if etype == "PROTEST" and lemma in ("storm", "raid") and {
                a.sector for a in actors} & ARMED:
            etype, mode = "ASSAULT", None  # troops storming a town raid it; no crowd protests
            actors = [a for a in actors if a.sector not in ("PRO", "RIO") or a.text]
        promised = is_commitment(_governor_verb(hit.token))
        if is_ultimatum(hit.token) and not flags["negated"]:
            etype, mode, flags["hypothetical"] = "THREATEN", THREAT_MODES.get(etype), False
        elif is_refused(hit.token) and etype != "REJECT":
            etype, mode, flags["negated"] = "REJECT", None, False  # "refused to deploy"
        elif etype in COOPERATIVE | {"AGREE"} and flags["negated"] and (
                not flags["hypothetical"] or promised):
            etype, mode, flags["negated"] = "REJECT", None, False  # "will not accept refugees"
            flags["hypothetical"] = False
        elif etype in COOPERATIVE and (flags["hypothetical"] or promised):
            etype, mode, flags["hypothetical"] = "AGREE", None, False  # promised cooperation
        elif etype in CONFLICTUAL and not flags["negated"] and promised:
            etype, mode = "THREATEN", THREAT_MODES.get(etype)  # announced hostile action
            flags["hypothetical"] = False
        context = _context(sent.text) + (["intervened"] if policed(hit, sent) else [])
        if etype == "ASSAULT" and armed_post(hit.objects):
            context.append("armed-target")
        if etype == "ASSAULT" and mode == "sideAB" and fought_by_hand(hit):
            context.append("brawl")  # stones, sticks or fists in the clash's own clause
        if etype == "PROTEST" and lemma in DEMONSTRATING:
            context.append("demonstrated")  # a demonstration, whoever holds it (not looting)
        context += seizure_tags(etype, mode, hit, recipients, context, told=(
            sents[si - 1].text if si else "") + " " + sent.text, dead=counts.get("dead"))
        base = Event(
            id="", doc_id=article.id, event_type=etype, mode=mode, context=context,
            date=date.isoformat() if date else None,
            time_precision=precision if date else None, actors=actors, recipients=recipients,
            evidence=evidence, **counts, **flags,
        )
        if not places and scene is not None and geo_reason != "nationwide":
            return [_finish(replace(base, location=replace(
                scene, reason="place of the event before it")), sent.start_char, date_ref is not None)]
        if not places and geo_reason != "nationwide" and focus is not None:
            # "Van Governor's Office extended the ban"
            places = loc.named_in(sent, ptoks, focus.entry.country_code)
            geo_reason = "place named in the event's sentence" if places else geo_reason
        if not places and focus is not None:
            places, geo_reason, borrowed = [focus], geo_reason or "document's main country", True
        out = []
        for place in places or [None]:
            location = None if place is None else loc.to_location(
                place, geo_precision=loc.precision(place, borrowed=borrowed), reason=geo_reason)
            ev = replace(base, location=location)
            out.append(_finish(ev, sent.start_char, date_ref is not None))
        return out

    def _places(self, sents: list[Any], si: int, hit: Hit, ptoks: list[loc.PlaceToken]
                ) -> tuple[list[Place], str, bool]:
        sent = sents[si]
        protest = hit.trigger.event_type == "PROTEST" or hit.mode == "crowd-control"
        aside = (lambda t: in_grievance(t, hit.token)) if protest else None
        # (what a protest is about is not where it is)
        chosen = loc.event_places(sent, hit.token, ptoks, aside)
        if chosen:
            return chosen, "locative in the event's sentence", False
        if loc.nationwide(sent):
            return [], "nationwide", True
        if si + 1 < len(sents) and loc.tells_scene(sents[si + 1]):
            cands = loc.locatives_in(sents[si + 1], ptoks)
            if cands:  # "... set fire to a vehicle. The incident occurred in Thessaloniki."
                return loc.choose(cands)[:1], "locative in the next sentence", False
        reach = loc.LOOKBACK if sent.text.strip().lower().startswith(CONNECTIVES) else 1
        for back in range(1, reach + 1):
            if si - back < 0:
                break
            prev = sents[si - back]
            cands = loc.locatives_in(prev, ptoks)
            if cands:
                return loc.choose(cands)[:1], f"locative {back} sentence(s) earlier", back > 1
        return [], "", True

    def _actors(self, tokens: list[Any], fallback_country: str | None, sent: Any) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            actor = act.make_actor(act.noun_phrase(tok), country_of=self.country_of,
                                   fallback_country=fallback_country)
            if actor is not None:
                out.append(actor)
        return act.dedupe(out)

    def _date(self, doc: Doc, sents: list[Any], si: int, hit: Hit) -> DateRef | None:
        """The date in the trigger's clause or a clause above it; else the narrative date."""
        sent, text = sents[si], doc.article.text
        here = [d for d in doc.dates if sent.start_char <= d.start < sent.end_char
                and not _bounded(text, d)]
        clause = _clause(hit.token)
        governing = {clause.i, *(a.i for a in clause.ancestors)}
        roots = {id(d): _date_root(doc.parse, d) for d in here}
        inside = [d for d in here if roots[id(d)] is not None
                  and _clause(roots[id(d)]).i in governing]
        if inside:  # a date on the trigger itself or on its clause's verb beats one
            # inside another noun phrase ("after Holi on Friday, curfew was imposed on
            # Saturday"; "visited Godhra, where the train was attacked on 27 February")
            return min(inside, key=lambda d: (
                not _modifies(roots[id(d)], hit.token.i),
                not _modifies(roots[id(d)], clause.i), abs(d.start - hit.token.idx)))
        reach = loc.LOOKBACK if sent.text.strip().lower().startswith(CONNECTIVES) else 1
        for back in range(1, reach + 1):
            if si - back < 0:
                break
            prev = sents[si - back]
            if not any(t.pos_ in ("VERB", "AUX") for t in prev):
                break  # a heading starts a new time frame
            cands = [d for d in doc.dates if prev.start_char <= d.start < prev.end_char
                     and not _bounded(text, d)]
            main = [d for d in cands if (r := _date_root(doc.parse, d)) is not None
                    and _clause(r).i == prev.root.i]
            if cands:  # the date of the sentence's own clause, not "the killing the
                # previous day" it mentions; else the last date named
                return (main or cands)[-1]
        return None

    def _counts(self, quantities: list[Quantity], sent: Any, hit: Hit) -> dict[str, int | None]:
        kinds = COUNT_KINDS.get(hit.mode if hit.mode == "crowd-control" else hit.trigger.event_type, ())
        counts: dict[str, int | None] = {}
        for q in quantities:
            if sent.start_char <= q.start < sent.end_char and q.kind in kinds:
                prev = counts.get(q.kind)
                counts[q.kind] = q.value if prev is None else min(prev, q.value)
        return counts


def _clause_on_its_subject(tok: Any) -> bool:
    """"On 9 May, 210 migrants returned from Peru": the small parser made the verb a
    participle of its subject, which no verb governs (the sentence has no other)."""
    return tok.dep_ == "acl" and not any(a.pos_ in ("VERB", "AUX") for a in tok.head.ancestors)


def _scene(events: list[Event], event_type: str) -> Location | None:
    """Where the story is: the last event of the same type, else the last event."""
    same = [e for e in events if e.event_type == event_type and e.location is not None]
    if same:
        return same[-1].location
    return events[-1].location if events else None


def _clause(token: Any) -> Any:
    """The clause a trigger belongs to: its verb, climbing out of noun phrases."""
    tok = token
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _date_root(parse: Any, ref: DateRef) -> Any:
    """The syntactic root of a date mention, or None when it does not align with tokens."""
    span = parse.char_span(ref.start, ref.end, alignment_mode="expand")
    return span.root if span is not None else None


def _modifies(root: Any, word: int) -> bool:
    """Does the date (its ``root``) attach to token ``word`` itself ("was imposed on
    Saturday", "the attack on 27 February"), not to a noun on the way ("after a peaceful
    Holi on Friday, curfew was imposed")?"""
    head = root.head
    if head.dep_ == "prep" and head.i != word:
        head = head.head
    return head.i == word


def _approximate(text: str, ref: DateRef) -> bool:
    before = text[max(0, ref.start - 16):ref.start].lower().split()
    return bool(before) and before[-1] in ("around", "about", "approximately", "circa", "c.")


def _bounded(text: str, ref: DateRef) -> bool:
    """'until January 19', 'by 2019': an end point or background, not the event's day."""
    before = text[max(0, ref.start - 16):ref.start].lower().split()
    if len(before) > 1 and before[-1] in ("the", "a", "an"):
        before.pop()  # "since the August 13 accord"
    return bool(before) and before[-1] in NOT_EVENT_DATE


def _count_people(objects: list[Any]) -> int | None:
    """'the arrest of a director and another official' -> 2."""
    if not objects:
        return None
    singles = [o for o in objects if o.tag_ in ("NN", "NNP") and any(
        c.lower_ in SINGULAR_DETS for c in o.children)]
    return len(singles) if len(singles) == len(objects) else None


def _governor_verb(tok: Any) -> Any:
    """The verb a noun trigger is the object of ("prepared to impose martial law"), so
    that promises and threats are read off it; a verb trigger is its own."""
    return tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in UNDOING else tok


def _violent(ev: Event) -> bool:
    return ev.event_type == "ASSAULT" or (ev.event_type == "PROTEST" and ev.mode == "riot") \
        or ev.dead is not None


def _context(text: str) -> list[str]:
    lowered = text.lower()
    found = [name for name, words in CONTEXT_WORDS if any(w in lowered for w in words)]
    return found + ["territory"] if any(w in lowered for w in TERRITORY_WORDS) else found


def _evidence(sent: Any) -> Evidence:
    """The sentence as evidence, without the whitespace that trails it."""
    text = sent.text.rstrip()
    return Evidence(text=text, start=sent.start_char, end=sent.start_char + len(text))


def _finish(ev: Event, anchor: int, dated: bool) -> Event:
    ev = recode(ev, intervened=False)
    ev.confidence = _confidence(ev, dated)
    key = f"{ev.doc_id}|{ev.event_type}|{ev.mode}|{anchor}|{ev.location.geonameid if ev.location else ''}"
    ev.id = hashlib.sha1(key.encode()).hexdigest()[:16]
    return ev


def _confidence(ev: Event, dated: bool) -> float:
    score = 0.4
    score += 0.15 if ev.actors or ev.recipients else 0
    score += 0.15 if ev.location and ev.location.geo_precision == 1 else 0.05 if ev.location else 0
    score += 0.1 if dated else 0
    score += 0.1 if ev.acled_event_type else 0
    score -= 0.3 if (ev.negated or ev.hypothetical or ev.historical) else 0
    return round(max(0.05, min(0.95, score)), 2)
