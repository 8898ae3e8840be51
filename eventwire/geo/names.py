"""Name normalisation, spelling variants and the small hand-written name tables.

Everything here is a pure function or an immutable table. The tables are facts
(AP-style state abbreviations, country abbreviations, demonyms, a few macro-regions
and water bodies that the packaged GeoNames extracts lack).
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import Mapping

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-"
_TRANS = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: " " for c in _DASHES}})
_SPACE_RE = re.compile(r"\s+")
_LATIN_RE = re.compile(r"^[\u0020-\u024f\u1e00-\u1eff\u2018\u2019\u02bc\u02bb]+$")
_CODE_RE = re.compile(r"\d|^[A-Z0-9]{1,3}$|://|www\.|\.(com|org|net)")
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i", "ʻ": "'"})


def normalize(name: str) -> str:
    """Casefold, strip accents, unify apostrophes and hyphens, collapse spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_TRANS).casefold().replace("'", "")
    return _SPACE_RE.sub(" ", text).strip()


def is_usable_alternate(name: str) -> bool:
    """Keep Latin-script alternate names; drop URLs, codes and odd lengths."""
    if not 2 <= len(name) <= 60:
        return False
    return bool(_LATIN_RE.match(name)) and not _CODE_RE.search(name)


ADMIN_SUFFIXES: tuple[str, ...] = (
    " oblysy", " oblast", " oblast'", " oblasti", " province", " region", " county",
    " district", " state", " governorate", " prefecture", " parish", " municipality",
    " department", " territory", " city", " township", " borough", " village", " town",
    " provinz", " kraj", " krai", " voivodeship", " emirate", " raion", " rayon",
    " twp", " twp.",
)
ADMIN_PREFIXES: tuple[str, ...] = (
    "the ", "city of ", "town of ", "village of ", "province of ", "state of ",
    "county of ", "republic of ", "kingdom of ", "greater ",
)
_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("ou", "u"), ("u", "ou"), ("y", "i"), ("i", "y"), ("kh", "h"), ("ck", "k"),
    ("dzh", "j"), ("j", "dzh"), ("ya", "ia"), ("iy", "i"), ("ai", "ay"), ("ay", "ai"),
    ("q", "k"), ("k", "q"), ("ph", "f"), ("w", "v"), ("v", "w"), ("ee", "i"),
)


def strip_affixes(norm: str) -> list[str]:
    """Return ``norm`` without one generic prefix or administrative suffix."""
    out: list[str] = []
    for suffix in ADMIN_SUFFIXES:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
            out.append(norm[: -len(suffix)].strip())
    for prefix in ADMIN_PREFIXES:
        if norm.startswith(prefix) and len(norm) > len(prefix) + 2:
            out.append(norm[len(prefix):].strip())
    for short in (" co.", " co"):  # "Loudon Co." -> "Loudon County"
        if norm.endswith(short) and len(norm) > len(short) + 2:
            out.append(norm[: -len(short)] + " county")
    return out + orthographic_variants(norm)


def orthographic_variants(norm: str) -> list[str]:
    """The same name spelled out: "st. petersburg" -> "saint petersburg", "mt. hood" ->
    "mount hood", "ft. worth" -> "fort worth"."""
    out: list[str] = []
    if norm.startswith("st "):
        out.append("saint " + norm[3:])
    if norm.startswith("st. "):
        out.append("saint " + norm[4:])
        out.append("st " + norm[4:])
    if norm.startswith("mt. ") or norm.startswith("ft. "):
        out.append(("mount " if norm[0] == "m" else "fort ") + norm[4:])
    return out


def spelling_variants(norm: str) -> list[str]:
    """Transliteration variants: leading J<->Zh, ou<->u, y<->i and similar single edits."""
    out: list[str] = []
    if norm.startswith("j"):
        out.append("zh" + norm[1:])
    if norm.startswith("zh"):
        out.append("j" + norm[2:])
    for old, new in _SUBSTITUTIONS:
        if old in norm:
            out.append(norm.replace(old, new))
    return [v for v in dict.fromkeys(out) if v != norm]


def _parse_table(raw: str) -> Mapping[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for item in raw.split(";"):
        item = item.strip()
        if item:
            key, _, values = item.partition(":")
            table[key.strip()] = tuple(v.strip() for v in values.split("|") if v.strip())
    return MappingProxyType(table)


# AP-style and postal abbreviations of US states (state code -> abbreviations).
US_STATE_ABBREVIATIONS: Mapping[str, tuple[str, ...]] = _parse_table(
    "AL:Ala.;AK:Alaska;AZ:Ariz.;AR:Ark.;CA:Calif.|Cal.;CO:Colo.|Col.;CT:Conn.;DE:Del.;"
    "DC:D.C.;FL:Fla.;GA:Ga.;HI:Hawaii;ID:Idaho;IL:Ill.;IN:Ind.;IA:Iowa;KS:Kan.|Kans.;"
    "KY:Ky.;LA:La.;ME:Maine;MD:Md.;MA:Mass.;MI:Mich.;MN:Minn.;MS:Miss.;MO:Mo.;"
    "MT:Mont.;NE:Neb.|Nebr.;NV:Nev.;NH:N.H.;NJ:N.J.;NM:N.M.|N.Mex.;NY:N.Y.;"
    "NC:N.C.;ND:N.D.|N.Dak.;OH:Ohio;OK:Okla.;OR:Ore.|Oreg.;PA:Pa.|Penn.;RI:R.I.;"
    "SC:S.C.;SD:S.D.|S.Dak.;TN:Tenn.;TX:Texas|Tex.;UT:Utah;VT:Vt.;VA:Va.;WA:Wash.;"
    "WV:W.Va.|W. Va.;WI:Wis.|Wisc.;WY:Wyo."
)

# Abbreviations of other countries' first-level divisions (ISO 3166-2 code -> forms).
ADMIN1_ABBREVIATIONS: Mapping[str, tuple[str, ...]] = _parse_table(
    "AU-NSW:NSW|N.S.W.;AU-QLD:Qld|Qld.;AU-VIC:Vic.;AU-TAS:Tas.;AU-ACT:ACT;"
    "CA-BC:B.C.|BC;CA-ON:Ont.;CA-QC:Que.;CA-AB:Alta.;CA-SK:Sask.;CA-MB:Man.;CA-NS:N.S.;"
    "CA-NB:N.B.;CA-NL:Nfld.;CA-PE:P.E.I.|PEI"
)

# Demonyms of first-level divisions (ISO 3166-2 code -> singular forms; "s" plurals
# are added by the builder). Forms that clash with a country's demonym ("Georgian")
# or name another place ("Washingtonian") are left out.
ADMIN1_DEMONYMS: Mapping[str, tuple[str, ...]] = _parse_table(
    "US-AL:Alabamian|Alabaman;US-AK:Alaskan;US-AZ:Arizonan;US-AR:Arkansan;"
    "US-CA:Californian;US-CO:Coloradan;US-CT:Connecticuter;US-DE:Delawarean;"
    "US-FL:Floridian;US-HI:Hawaiian;US-ID:Idahoan;US-IL:Illinoisan;US-IN:Hoosier|Indianan;"
    "US-IA:Iowan;US-KS:Kansan;US-KY:Kentuckian;US-LA:Louisianan|Louisianian;US-ME:Mainer;"
    "US-MD:Marylander;US-MI:Michigander|Michiganian;US-MN:Minnesotan;US-MS:Mississippian;"
    "US-MO:Missourian;US-MT:Montanan;US-NE:Nebraskan;US-NV:Nevadan;"
    "US-NH:New Hampshirite;US-NJ:New Jerseyan|New Jerseyite;US-NM:New Mexican;"
    "US-NY:New Yorker;US-NC:North Carolinian;US-ND:North Dakotan;US-OH:Ohioan;"
    "US-OK:Oklahoman;US-OR:Oregonian;US-PA:Pennsylvanian;US-RI:Rhode Islander;"
    "US-SC:South Carolinian;US-SD:South Dakotan;US-TN:Tennessean;US-TX:Texan;US-UT:Utahn;"
    "US-VT:Vermonter;US-VA:Virginian;US-WV:West Virginian;US-WI:Wisconsinite;"
    "US-WY:Wyomingite;CA-ON:Ontarian;CA-QC:Quebecer|Quebecker;CA-AB:Albertan;"
    "CA-BC:British Columbian;CA-MB:Manitoban;CA-NS:Nova Scotian;CA-NL:Newfoundlander;"
    "CA-NB:New Brunswicker;AU-QLD:Queenslander;AU-TAS:Tasmanian;RU-DA:Dagestani;"
    "RU-CE:Chechen;RU-IN:Ingush;RU-SE:North Ossetian;RU-BA:Bashkir;"
    "IN-TN:Tamilian;IN-KL:Keralite;IN-GJ:Gujarati;IN-MH:Maharashtrian;IN-BR:Bihari;"
    "PK-BA:Baloch|Baluch;ES-CT:Catalan;DE-BY:Bavarian;IT-82:Sicilian;"
    "FR-20R:Corsican;MX-CHH:Chihuahuan"
)

# Continent adjectives (continent name -> singular forms; plurals added by the builder).
CONTINENT_DEMONYMS: Mapping[str, tuple[str, ...]] = _parse_table(
    "Europe:European;Africa:African;Asia:Asian;North America:North American;"
    "South America:South American;Antarctica:Antarctic"
)

# GeoNames ids and points of the hand-written macro-regions that GeoNames has.
MACRO_REGION_GEONAMES: Mapping[str, tuple[int, float, float]] = MappingProxyType({
    "Middle East": (6269133, 33.1391, 35.8587),
    "European Union": (6695072, 50.8386, 4.37599),
    "Red Sea": (235615, 19.0, 39.5),
    "Caribbean": (3572951, 15.0, -75.0),
})


def demonym_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    """Singular forms and their plurals ("Ohioan", "Ohioans")."""
    return tuple(f for w in words for f in (w, w + "s"))


# Macro-regions that lie within one country (name -> ISO2), for country context.
REGION_COUNTRIES: Mapping[str, str] = MappingProxyType({
    "Gaza Strip": "PS", "West Bank": "PS", "Darfur": "SD", "Donbas": "UA", "Sinai": "EG",
    "Abkhazia": "GE", "South Ossetia": "GE", "Transnistria": "MD",
})

# Country abbreviations and short forms (ISO2 -> names).
COUNTRY_ABBREVIATIONS: Mapping[str, tuple[str, ...]] = _parse_table(
    "US:U.S.|US|USA|U.S.A.|United States of America|America|the States;"
    "GB:U.K.|UK|Britain|Great Britain;AE:UAE|U.A.E.;"
    "CD:DRC|D.R.C.|DR Congo|Congo-Kinshasa|Democratic Republic of Congo;"
    "CG:Congo-Brazzaville|Republic of Congo;KR:South Korea|ROK;KP:North Korea|DPRK;"
    "RU:Russian Federation;CN:PRC|Mainland China;TW:ROC;CZ:Czech Republic;"
    "CI:Ivory Coast;MM:Burma;SZ:Swaziland;MK:Macedonia;TR:Turkiye;CV:Cape Verde;"
    "VA:Vatican|Holy See;PS:Palestine|Palestinian Territories|Occupied Palestinian Territories;"
    "NL:Holland;IR:Persia;TL:East Timor;SA:KSA;BA:Bosnia;LA:Laos;SY:Syria;VN:Vietnam;"
    "BO:Bolivia;VE:Venezuela;TZ:Tanzania;MD:Moldova;FM:Micronesia"
)

# Demonyms and nationality adjectives (ISO2 -> words); plurals are handled by lookup.
DEMONYMS: Mapping[str, tuple[str, ...]] = _parse_table(
    "AF:Afghan|Afghani;AL:Albanian;DZ:Algerian;AD:Andorran;AO:Angolan;AG:Antiguan;"
    "AR:Argentine|Argentinian|Argentinean;AM:Armenian;AU:Australian|Aussie;AT:Austrian;"
    "AZ:Azerbaijani|Azeri;BS:Bahamian;BH:Bahraini;BD:Bangladeshi;BB:Barbadian|Bajan;"
    "BY:Belarusian|Belarussian|Byelorussian;BE:Belgian;BZ:Belizean;BJ:Beninese;"
    "BT:Bhutanese;BO:Bolivian;BA:Bosnian|Bosniak;BW:Botswanan|Motswana|Batswana;"
    "BR:Brazilian;BN:Bruneian;BG:Bulgarian;BF:Burkinabe|Burkinabé;BI:Burundian;"
    "KH:Cambodian|Khmer;CM:Cameroonian;CA:Canadian;CV:Cape Verdean;"
    "CF:Central African;TD:Chadian;CL:Chilean;CN:Chinese;CO:Colombian;KM:Comoran|Comorian;"
    "CD:Congolese;CR:Costa Rican;CI:Ivorian;HR:Croatian|Croat;CU:Cuban;CY:Cypriot;"
    "CZ:Czech;DK:Danish|Dane;DJ:Djiboutian;DM:Dominican;DO:Dominican;EC:Ecuadorian|Ecuadorean;"
    "EG:Egyptian;SV:Salvadoran|Salvadorean;GQ:Equatoguinean|Equatorial Guinean;"
    "ER:Eritrean;EE:Estonian;SZ:Swazi|Eswatini;ET:Ethiopian;FJ:Fijian;FI:Finnish|Finn;"
    "FR:French|Frenchman|Frenchwoman;GA:Gabonese;GM:Gambian;GE:Georgian;"
    "DE:German;GH:Ghanaian;GR:Greek;GD:Grenadian;GT:Guatemalan;GN:Guinean;"
    "GW:Bissau-Guinean;GY:Guyanese;HT:Haitian;HN:Honduran;HU:Hungarian;IS:Icelandic|Icelander;"
    "IN:Indian;ID:Indonesian;IR:Iranian|Persian;IQ:Iraqi;IE:Irish|Irishman;IL:Israeli;"
    "IT:Italian;JM:Jamaican;JP:Japanese;JO:Jordanian;KZ:Kazakh|Kazakhstani|Kazak;"
    "KE:Kenyan;KI:I-Kiribati;KP:North Korean;KR:South Korean|Korean;XK:Kosovar|Kosovan;"
    "KW:Kuwaiti;KG:Kyrgyz|Kirghiz|Kyrgyzstani;LA:Lao|Laotian;LV:Latvian;LB:Lebanese;"
    "LS:Basotho|Mosotho;LR:Liberian;LY:Libyan;LI:Liechtensteiner;LT:Lithuanian;"
    "LU:Luxembourgish|Luxembourger;MG:Malagasy;MW:Malawian;MY:Malaysian;MV:Maldivian;"
    "ML:Malian;MT:Maltese;MH:Marshallese;MR:Mauritanian;MU:Mauritian;MX:Mexican;"
    "FM:Micronesian;MD:Moldovan;MC:Monegasque|Monacan;MN:Mongolian;ME:Montenegrin;"
    "MA:Moroccan;MZ:Mozambican;MM:Burmese|Myanmar;NA:Namibian;NR:Nauruan;NP:Nepali|Nepalese;"
    "NL:Dutch|Dutchman;NZ:New Zealander|Kiwi;NI:Nicaraguan;NE:Nigerien;NG:Nigerian;"
    "MK:Macedonian|North Macedonian;NO:Norwegian;OM:Omani;PK:Pakistani;PW:Palauan;"
    "PS:Palestinian;PA:Panamanian;PG:Papua New Guinean;PY:Paraguayan;PE:Peruvian;"
    "PH:Filipino|Philippine|Filipina;PL:Polish|Pole;PT:Portuguese;QA:Qatari;RO:Romanian;"
    "RU:Russian;RW:Rwandan;KN:Kittitian|Nevisian;LC:Saint Lucian;VC:Vincentian;"
    "WS:Samoan;SM:Sammarinese;ST:Santomean;SA:Saudi|Saudi Arabian;SN:Senegalese;"
    "RS:Serbian|Serb;SC:Seychellois;SL:Sierra Leonean;SG:Singaporean;SK:Slovak|Slovakian;"
    "SI:Slovenian|Slovene;SB:Solomon Islander;SO:Somali|Somalian;ZA:South African;"
    "SS:South Sudanese;ES:Spanish|Spaniard;LK:Sri Lankan|Sinhalese;SD:Sudanese;SR:Surinamese;"
    "SE:Swedish|Swede;CH:Swiss;SY:Syrian;TW:Taiwanese;TJ:Tajik|Tajikistani|Tadjik;"
    "TZ:Tanzanian;TH:Thai;TL:Timorese|East Timorese;TG:Togolese;TO:Tongan;"
    "TT:Trinidadian|Tobagonian;TN:Tunisian;TR:Turkish|Turk;TM:Turkmen|Turkmenistani;"
    "TV:Tuvaluan;UG:Ugandan;UA:Ukrainian;AE:Emirati;GB:British|Briton|Brit|English|Scottish|"
    "Welsh|Scot;US:American;UY:Uruguayan;UZ:Uzbek|Uzbekistani;VU:Ni-Vanuatu;"
    "VE:Venezuelan;VN:Vietnamese;YE:Yemeni|Yemenite;ZM:Zambian;ZW:Zimbabwean;"
    "PR:Puerto Rican;GL:Greenlandic|Greenlander;HK:Hongkonger;"
    "CG:Congolese;BL:Barthélemois;GU:Guamanian"
)

# Macro-regions and water bodies: (name, alternates, lat, lon, feature_code).
# GeoNames ids are not shipped for these, so they get synthetic negative ids.
MACRO_REGIONS: tuple[tuple[str, tuple[str, ...], float, float, str], ...] = (
    ("Middle East", ("Mideast", "Near East"), 29.0, 41.0, "RGN"),
    ("Central Asia", (), 45.0, 68.0, "RGN"),
    ("Caribbean", ("the Caribbean", "Caribbean Sea"), 15.0, -73.0, "RGN"),
    ("Balkans", ("Balkan Peninsula", "the Balkans"), 42.5, 21.0, "RGN"),
    ("Sahel", ("the Sahel",), 14.5, 3.0, "RGN"),
    ("Horn of Africa", (), 8.0, 45.0, "RGN"),
    ("Caucasus", ("the Caucasus", "North Caucasus", "South Caucasus"), 42.5, 44.0, "RGN"),
    ("Southeast Asia", ("South-East Asia", "South East Asia"), 10.0, 106.0, "RGN"),
    ("East Asia", (), 35.0, 115.0, "RGN"),
    ("South Asia", (), 22.0, 79.0, "RGN"),
    ("West Africa", (), 12.0, -3.0, "RGN"),
    ("East Africa", (), 1.0, 36.0, "RGN"),
    ("North Africa", (), 27.0, 14.0, "RGN"),
    ("Southern Africa", (), -23.0, 25.0, "RGN"),
    ("Central Africa", (), 2.0, 20.0, "RGN"),
    ("Sub-Saharan Africa", (), 0.0, 22.0, "RGN"),
    ("Latin America", (), -10.0, -65.0, "RGN"),
    ("Central America", (), 13.5, -86.0, "RGN"),
    ("Western Europe", (), 48.0, 5.0, "RGN"),
    ("Eastern Europe", (), 50.0, 28.0, "RGN"),
    ("Scandinavia", (), 62.0, 15.0, "RGN"),
    ("Persian Gulf", ("the Gulf", "Arabian Gulf", "Gulf region"), 27.0, 51.0, "GULF"),
    ("Maghreb", ("the Maghreb",), 31.0, 3.0, "RGN"),
    ("Levant", ("the Levant",), 33.5, 36.5, "RGN"),
    ("Kurdistan", ("Iraqi Kurdistan",), 36.5, 44.0, "RGN"),
    ("Donbas", ("Donbass",), 48.0, 38.5, "RGN"),
    ("Kashmir", (), 34.5, 76.0, "RGN"),
    ("Darfur", (), 13.5, 24.0, "RGN"),
    ("Caspian Sea", ("the Caspian",), 41.7, 50.6, "LK"),
    ("Black Sea", (), 43.4, 34.0, "SEA"),
    ("Mediterranean Sea", ("the Mediterranean", "Mediterranean"), 35.0, 18.0, "SEA"),
    ("Red Sea", (), 20.3, 38.5, "SEA"),
    ("Baltic Sea", ("the Baltic",), 58.5, 20.0, "SEA"),
    ("North Sea", (), 56.0, 3.0, "SEA"),
    ("South China Sea", (), 12.0, 114.0, "SEA"),
    ("East China Sea", (), 29.0, 125.0, "SEA"),
    ("Arabian Sea", (), 15.0, 65.0, "SEA"),
    ("Aral Sea", (), 45.0, 60.0, "LK"),
    ("Dead Sea", (), 31.5, 35.5, "LK"),
    ("Sea of Azov", ("Azov Sea",), 46.0, 36.5, "SEA"),
    ("Gulf of Aden", (), 12.5, 48.0, "GULF"),
    ("Gulf of Mexico", (), 25.0, -90.0, "GULF"),
    ("Strait of Hormuz", (), 26.6, 56.3, "STRT"),
    ("Atlantic Ocean", ("the Atlantic", "Atlantic"), 0.0, -30.0, "OCN"),
    ("Pacific Ocean", ("the Pacific", "Pacific"), 0.0, -160.0, "OCN"),
    ("Indian Ocean", (), -20.0, 80.0, "OCN"),
    ("Arctic Ocean", ("the Arctic", "Arctic"), 85.0, 0.0, "OCN"),
    ("Lake Chad", (), 13.0, 14.5, "LK"),
    ("Lake Victoria", (), -1.0, 33.0, "LK"),
    ("Gaza Strip", ("Gaza",), 31.4, 34.4, "RGN"),
    ("West Bank", (), 31.9, 35.2, "RGN"),
    ("Sinai", ("Sinai Peninsula",), 29.5, 33.8, "PEN"),
    ("European Union", ("EU", "E.U."), 50.0, 10.0, "RGN"),
    ("Abkhazia", ("Abkhaz", "Abkhazians"), 43.0, 41.0, "RGN"),
    ("South Ossetia", ("South Ossetian", "South Ossetians"), 42.3, 44.0, "RGN"),
    ("Transnistria", (), 47.2, 29.4, "RGN"),
)

MONTHS_AND_DAYS: frozenset[str] = frozenset(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday "
    "wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
    .split()
)
