"""Geoparsing: embedded GeoNames gazetteer, toponym recognition and resolution.

>>> gaz = Gazetteer.open()                       # doctest: +SKIP
>>> Geoparser(gaz).resolve_spans(text, [(0, 6)])  # doctest: +SKIP
"""

from __future__ import annotations

from eventwire.geo.gazetteer import Gazetteer, Match
from eventwire.geo.resolve import Geoparser
from eventwire.geo.toponyms import ToponymFinder, ToponymSpan

__all__ = ["Gazetteer", "Geoparser", "Match", "ToponymFinder", "ToponymSpan"]
