"""eventwire: news articles in, geocoded PLOVER/ACLED event records out.

>>> import eventwire
>>> events = eventwire.extract(text, published="2022-01-06")   # doctest: +SKIP
"""

from __future__ import annotations

import logging

from eventwire.api import extract, geoparse
from eventwire.errors import EventwireError, InputError, ResourceError, StageError
from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Article, Event, Evidence, Location, Place

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
__all__ = [
    "Actor", "Article", "Event", "EventwireError", "Evidence", "InputError", "Location",
    "Pipeline", "Place", "ResourceError", "StageError", "extract", "geoparse",
]
