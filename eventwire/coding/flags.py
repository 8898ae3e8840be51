"""Negation, hypothetical and historical flags (PLOVER's auxiliary modes).

Flagged events are kept in the output, marked, and left out of counts and the ACLED
export, so a reader can see what was discarded and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.coding.lexicon import HYPOTHETICAL_HEADS, HYPOTHETICAL_MODIFIERS, MODAL_WORDS

NEGATORS = frozenset({"not", "n't", "never", "no", "without"})
DENIAL_VERBS = frozenset({"deny", "refute"})
HISTORICAL_DAYS = 60


REFUSAL_VERBS = frozenset({"refuse", "decline", "fail"})


def is_negated(token: Any) -> bool:
    """'did not attack', 'no protests were held', 'denied attacking', 'refused to deploy'."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in REFUSAL_VERBS:
        return True
    for tok in (token, token.head):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
            return True
        if tok.lemma_.lower() in DENIAL_VERBS and tok is not token:
            return True
    return False


def is_hypothetical(token: Any) -> bool:
    """Modal, conditional, threatened/planned/called-for/feared events."""
    if token.pos_ == "NOUN" and token.dep_ != "dobj" and any(
            c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_MODIFIERS for c in token.children):
        return True  # "reports of a possible strike" (not "cancelled a planned visit")
    tok = token
    for _ in range(5):
        if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
        if tok is not token and tok.lemma_.lower() in HYPOTHETICAL_HEADS:
            return True
        if tok.dep_ not in ("xcomp", "ccomp", "advcl", "pobj", "prep", "dobj") or tok.head is tok:
            break
        tok = tok.head
    return False


def is_historical(event_date: dt.date | None, published: dt.date | None) -> bool:
    """Background: the event's date lies well before publication."""
    if event_date is None or published is None:
        return False
    return (published - event_date).days > HISTORICAL_DAYS


REPORTING_VERBS = frozenset({"say", "announce", "tell", "declare", "state", "confirm", "warn",
                             "insist", "add", "report"})
COMMITTING_HEADS = frozenset({"offer", "promise", "pledge", "agree", "vow", "decide", "ready",
                              "willing", "prepared", "prepare", "committed", "commit",
                              "undertake", "plan", "intend", "swear"})


def is_commitment(token: Any) -> bool:
    """'will send aid', 'offered to negotiate', 'is ready to withdraw': a promise to act
    (PLOVER codes promised cooperation as AGREE)."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in token.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in token.children) and \
            token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS:
        return True  # "they said they would boycott": the future of reported speech
    tok = token
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "ccomp", "acomp", "advcl") or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in COMMITTING_HEADS:
            return True
    return False


def is_ultimatum(token: Any) -> bool:
    """'will withdraw its force unless the president arranges a ceasefire': an act made
    conditional on the other side's is a threat (PLOVER THREATEN)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in c.children) for c in token.children)


def is_refused(token: Any) -> bool:
    """'refused to deploy peacekeepers': the act refused (PLOVER codes the refusal)."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in REFUSAL_VERBS
