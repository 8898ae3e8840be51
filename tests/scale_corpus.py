"""A small corpus of short wire-style articles for the scale tests (WARC, watch, workers,
batch), written for these tests: 36 articles, each a few sentences about protests, clashes,
arrests or talks in a real city, with a publication date. Plus helpers that wrap them as
HTML pages and as WARC records.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass

PLACES = [
    ("Nairobi", "Kenya", "Kenyan"), ("Lagos", "Nigeria", "Nigerian"),
    ("Karachi", "Pakistan", "Pakistani"), ("Dhaka", "Bangladesh", "Bangladeshi"),
    ("Lima", "Peru", "Peruvian"), ("Bogota", "Colombia", "Colombian"),
    ("Kampala", "Uganda", "Ugandan"), ("Khartoum", "Sudan", "Sudanese"),
    ("Tunis", "Tunisia", "Tunisian"), ("Colombo", "Sri Lanka", "Sri Lankan"),
    ("Quito", "Ecuador", "Ecuadorian"), ("Harare", "Zimbabwe", "Zimbabwean"),
]

TEMPLATES = [
    ("Thousands protest fuel prices in {city}",
     "Thousands of people marched through {city} on Tuesday to protest against a rise in fuel "
     "prices, witnesses said. The demonstrators, many of them students and traders, gathered "
     "outside parliament and chanted slogans against the government of {country}. Police "
     "watched from a distance and the march ended peacefully in the evening. Organisers said "
     "they would return next week if prices were not cut, and the {demonym} finance ministry "
     "said it would review the decision."),
    ("Police fire tear gas at {city} protesters",
     "Police in {city} fired tear gas and rubber bullets on Wednesday to disperse hundreds of "
     "protesters who had blocked a main road, a Reuters witness said. At least {injured} people "
     "were injured and {arrested} were arrested, according to a police spokesman. The "
     "protesters were demanding the release of an opposition leader who was detained last "
     "month. The {demonym} interior minister said the police had acted to restore order."),
    ("Gunmen kill {dead} in attack near {city}",
     "Gunmen killed {dead} villagers in an attack on a market near {city} on Monday, local "
     "officials said. The attackers arrived on motorcycles and opened fire on traders before "
     "fleeing into the bush, a district official told reporters. Security forces were sent "
     "to the area and a search for the gunmen was under way. No group has claimed "
     "responsibility for the attack, the latest in a series of killings in {country}."),
    ("{country} and neighbours hold border talks in {city}",
     "Officials from {country} and two neighbouring states met in {city} on Thursday for talks "
     "on border security and trade, the foreign ministry said. The delegations agreed to set "
     "up a joint commission and to meet again in three months. The {demonym} foreign minister "
     "said the talks had been frank and useful. Diplomats said the meeting was the first of "
     "its kind in more than a decade."),
]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    text: str
    published: dt.date


def stories(count: int = 36) -> list[Story]:
    """``count`` short articles, cycling through the places and templates."""
    out = []
    for i in range(count):
        city, country, demonym = PLACES[i % len(PLACES)]
        title, body = TEMPLATES[i % len(TEMPLATES)]
        values = {"city": city, "country": country, "demonym": demonym,
                  "dead": 3 + i % 7, "injured": 10 + i, "arrested": 5 + i % 11}
        published = dt.date(2023, 1, 2) + dt.timedelta(days=i)
        out.append(Story(id=f"story-{i:02d}", title=title.format(**values),
                         text=body.format(**values), published=published))
    return out


def page(story: Story, *, url: str = "") -> bytes:
    """A news web page around the story: navigation, the article, a related-links footer."""
    paragraphs = "".join(f"<p>{html.escape(s.strip())}.</p>"
                         for s in story.text.split(". ") if s.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(story.title)}</title>"
        f"<meta property='article:published_time' content='{story.published}T08:00:00Z'>"
        f"<link rel='canonical' href='{html.escape(url)}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{html.escape(story.title)}</h1>{paragraphs}</article>"
        "<footer><a href='/about'>About us</a> <a href='/privacy'>Privacy</a></footer>"
        "</body></html>"
    ).encode("utf-8")


def index_page() -> bytes:
    """A section front: headlines and links, no article."""
    links = "".join(f"<li><a href='/news/{s.id}'>{html.escape(s.title)}</a></li>"
                    for s in stories(12))
    return (f"<!DOCTYPE html><html><head><title>World news</title></head><body><h1>World</h1>"
            f"<ul>{links}</ul></body></html>").encode("utf-8")


def warc_bytes(records: list[tuple[str, str, bytes, str]], *, gzip: bool) -> bytes:
    """A WARC file from ``(kind, uri, body, content_type)`` tuples: kind ``response``
    (an HTTP 200 response), ``response404``, ``request`` or ``resource``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for kind, uri, body, content_type in records:
        writer.write_record(_record(writer, kind, uri, body, content_type, StatusAndHeaders))
    return buf.getvalue()


def _record(writer, kind, uri, body, content_type, status_and_headers):
    warc_headers = {"WARC-Date": "2023-02-01T10:00:00Z"}
    if kind == "request":
        http = status_and_headers(f"GET {uri} HTTP/1.1", [("Host", "news.example")],
                                  is_http_request=True)
        return writer.create_warc_record(uri, "request", payload=io.BytesIO(b""),
                                         http_headers=http, warc_headers_dict=warc_headers)
    if kind == "resource":
        return writer.create_warc_record(uri, "resource", payload=io.BytesIO(body),
                                         warc_content_type=content_type,
                                         warc_headers_dict=warc_headers)
    status = "404 Not Found" if kind == "response404" else "200 OK"
    http = status_and_headers(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=http, warc_headers_dict=warc_headers)
