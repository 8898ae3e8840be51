"""Properties of the whole pipeline on generated documents: offsets always point into the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.records import Article

SENTENCES = [
    "Police arrested 12 protesters in Lagos on Monday.",
    "Thousands of people marched through Santiago to demand higher pensions.",
    "At least three soldiers were killed when gunmen attacked a checkpoint near Mosul.",
    "The government declared a state of emergency in the capital.",
    "Officials said the talks would resume next week.",
    "Troops were deployed to the border region at the weekend.",
    "No one was injured, according to the local press.",
    "Rioters set fire to a police station in Dhaka late Friday.",
    "The minister did not attend the meeting.",
    "You may also like",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picks=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    seps=st.lists(st.sampled_from([" ", "\n", "\n\n", "  \n "]), min_size=6, max_size=6),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_every_offset_points_into_the_text(pipeline, picks, seps, day):
    text = "".join(s + seps[i] for i, s in enumerate(picks))
    doc = pipeline.process(Article(id="gen", text=text, published=day))
    for span in [*doc.sentences, *doc.places, *doc.dates, *doc.quantities]:
        assert text[span.start:span.end] == span.text
    for ev in doc.events:
        assert ev.evidence
        for e in ev.evidence:
            assert text[e.start:e.end] == e.text
        if ev.date:
            assert dt.date.fromisoformat(ev.date) <= day + dt.timedelta(days=14)  # "next week"
        assert 0 <= ev.confidence <= 1
