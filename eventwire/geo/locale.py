"""The publisher's country, when an article says where it comes from.

An explicit ``Article.locale`` (ISO2, from a JSONL ``locale`` field) wins; otherwise the
country-code top-level domain of ``Article.url`` ("bbc.co.uk" -> GB, "lematin.ma" -> MA).
Country codes that are mostly sold as generic domains (.co, .io, .tv, .me ...) say
nothing about the publisher and are ignored. The geoparser uses the result as one more
piece of country context (see ``Geoparser.__call__``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from eventwire.records import Article

# ccTLDs used mostly as generic names, and the one ccTLD that differs from ISO 3166.
GENERIC_CCTLDS = frozenset({"co", "io", "tv", "me", "fm", "ai", "ly", "cc", "ws", "to", "am",
                            "nu", "tk", "gg", "la", "ag", "sh", "so", "vc", "ac", "gd", "su",
                            "eu", "st", "im", "vu", "bz", "ms", "md", "ps"})
TLD_TO_ISO = {"uk": "GB"}


def host_labels(url: str | None) -> list[str]:
    """The lower-case labels of a URL's host ("http://News.bbc.co.uk/x" -> news, bbc, co,
    uk); [] for no URL or one that does not parse. A bare "bbc.co.uk/x" works too."""
    if not url:
        return []
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return []
    return [p for p in host.rstrip(".").lower().split(".") if p]


def country_of_url(url: str | None) -> str | None:
    """ISO2 country of a URL's country-code domain, else None."""
    labels = host_labels(url)
    if not labels:
        return None
    tld = labels[-1]
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_CCTLDS:
        return None
    return TLD_TO_ISO.get(tld, tld.upper())


def publisher_country(article: Article) -> str | None:
    """The article's explicit locale, else its URL's country, else None."""
    return article.locale or country_of_url(article.url)
