"""Named armed organisations and security agencies: who a name stands for.

A report says "a QSD member was killed" or "members of the CJNG handed out food"; the
head noun ("member") says nothing of who the person is, and ACLED's coding turns on it
(a member of an armed group killed is a clash, not violence against a civilian; an armed
group handing out food is a change to its activity). PLOVER's actor objects likewise
identify the organisation behind a mention.

The table is written by hand from public, general knowledge (the organisations' own names,
their countries, whether they are state forces, rebels, militias or gangs). It covers
organisations worldwide, not those of any one data file. Sectors: MIL/COP/SPY state forces,
REB rebels, MLT militias (political or communal), CRM gangs and cartels. A private
military company working for a state counts as that state's forces. As in ACLED's coding, forces of a de facto authority
(the Houthis, the Libyan National Army, the Southern Transitional Council) and militias made
part of the state (Iraq's Popular Mobilization Forces) are state forces. The country is where the group fights (ISO 3166-1 alpha-2;
empty for groups active in many countries).

Acronyms (all capitals) match a token exactly, with a plural "s"; names match as words,
ignoring case, hyphens and apostrophes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

# sector country | name | other names and acronyms (";"-separated)
_TABLE = """
REB AF | Taliban | Taleban; Islamic Emirate of Afghanistan
REB AF | Islamic State Khorasan Province | ISKP; IS-K; ISIS-K; Islamic State Khorasan; ISIS Khorasan
MIL AF | National Directorate of Security | NDS
MIL AF | Afghan National Army | ANA
COP AF | Afghan National Police | ANP
COP AF | Afghan Local Police | ALP
MIL AF | Afghan National Defense and Security Forces | ANDSF; ANSF
REB - | Islamic State | ISIS; ISIL; IS; Daesh; Daish; Da'esh
REB - | al-Qaeda | al-Qaida; al Qaeda; al Qaida
REB YE | al-Qaeda in the Arabian Peninsula | AQAP
REB ML | al-Qaeda in the Islamic Maghreb | AQIM
REB ML | Jama'at Nusrat al-Islam wal-Muslimin | JNIM; GSIM; Nusrat al-Islam
REB ML | Islamic State in the Greater Sahara | ISGS; EIGS; Islamic State Sahel
REB NG | Islamic State West Africa Province | ISWAP
REB CD | Islamic State Central Africa Province | ISCAP
REB NG | Boko Haram | Jama'atu Ahlis Sunna Lidda'awati wal-Jihad; JAS
REB NG | Ansaru
REB SO | al-Shabaab | al-Shabab; Shabaab; Shabab; Harakat al-Shabaab al-Mujahideen
REB BF | Ansarul Islam | Ansar ul Islam
REB ML | Macina Liberation Front | Katiba Macina; FLM
REB ML | National Movement for the Liberation of Azawad | MNLA
REB ML | Coordination of Azawad Movements | CMA
MLT ML | GATIA
MLT ML | Dan Na Ambassagou
MIL ML | Malian Armed Forces | FAMa
MLT BF | Volunteers for the Defense of the Homeland | VDP
MLT BF | Koglweogo
MIL YE | Houthis | Houthi; Ansar Allah; Ansarallah
MIL YE | Southern Transitional Council | STC
MIL YE | Security Belt Forces | Security Belt
MIL YE | Hadrami Elite Forces | Hadrami Elite
MIL YE | Shabwani Elite Forces | Shabwani Elite
MIL YE | Giants Brigades | Al-Amaliqa
MLT LB | Hezbollah | Hizbollah; Hizballah; Hizbullah
REB PS | Hamas | Izz ad-Din al-Qassam Brigades; al-Qassam Brigades; Qassam Brigades
REB PS | Palestinian Islamic Jihad | PIJ; al-Quds Brigades; Saraya al-Quds
REB PS | al-Aqsa Martyrs' Brigades | al-Aqsa Martyrs Brigades
MIL IL | Israel Defense Forces | IDF
SPY IL | Shin Bet | Shabak; Israel Security Agency
SPY IL | Mossad
REB SY | Hayat Tahrir al-Sham | HTS; Tahrir al-Sham; Jabhat al-Nusra; Nusra Front; Jabhat Fateh al-Sham
REB SY | Syrian Democratic Forces | SDF; QSD
REB SY | People's Protection Units | YPG; YPJ
REB SY | Free Syrian Army | FSA
REB SY | Syrian National Army
REB SY | National Front for Liberation | NFL; Jabhat al-Wataniya lil-Tahrir
REB SY | Sultan Murad Division | Sultan Murad Brigade
REB SY | Hamza Division | Hamza Brigade; al-Hamza Division
REB SY | Faylaq al-Sham | Sham Legion
REB SY | Ahrar al-Sham
REB SY | Jaysh al-Islam | Jaish al-Islam
REB SY | Jaysh al-Izza | Jaish al-Izza
REB SY | Hurras al-Din | Hurras ad-Din; Tanzim Hurras al-Din
REB SY | Ansar al-Tawhid
REB SY | Turkistan Islamic Party | TIP
REB SY | Ahrar al-Sharqiya
MLT SY | National Defence Forces | National Defense Forces
MLT SY | Liwa al-Quds | Al-Quds Brigade
MIL SY | Syrian Arab Army | SAA
MIL SY | Tiger Forces
MIL IQ | Popular Mobilization Forces | PMF; PMU; Hashd al-Shaabi; al-Hashd al-Shaabi; Popular Mobilisation Forces; Popular Mobilization Units
MLT IQ | Kata'ib Hezbollah | Kataib Hezbollah; Kataib Hizbollah
MLT IQ | Asa'ib Ahl al-Haq | Asaib Ahl al-Haq
MLT IQ | Saraya al-Salam | Peace Brigades
MIL IQ | Peshmerga
REB TR | Kurdistan Workers' Party | PKK
REB IR | Party of Free Life of Kurdistan | PJAK
MIL IR | Islamic Revolutionary Guard Corps | IRGC; Revolutionary Guards; Revolutionary Guard; Quds Force; Sepah
MLT IR | Basij
REB IR | Jaish al-Adl
MIL LY | Libyan National Army | LNA; Libyan Arab Armed Forces; LAAF
GOV LY | Government of National Accord
REB EG | Sinai Province | Wilayat Sinai; Ansar Bait al-Maqdis
REB EH | Polisario Front | Polisario
MIL RU | Wagner Group | Wagner; PMC Wagner
MIL RU | Rosgvardia | Rosgvardiya; National Guard of Russia
SPY RU | Federal Security Service | FSB
REB UA | Donetsk People's Republic | DPR; DNR
REB UA | Luhansk People's Republic | LPR; LNR; Lugansk People's Republic
REB PK | Tehrik-i-Taliban Pakistan | TTP; Pakistani Taliban; Tehreek-e-Taliban Pakistan
REB PK | Balochistan Liberation Army | BLA
REB PK | Balochistan Liberation Front | BLF
REB PK | Lashkar-e-Jhangvi | LeJ
SPY PK | Inter-Services Intelligence | ISI
MIL PK | Frontier Corps
REB IN | Lashkar-e-Taiba | LeT; Lashkar-e-Toiba
REB IN | Jaish-e-Mohammed | JeM; Jaish-e-Muhammad
REB IN | Hizbul Mujahideen | Hizbul Mujahedeen
REB IN | The Resistance Front | TRF
REB IN | Communist Party of India (Maoist) | CPI (Maoist); CPI-Maoist; Naxal; Naxals; Naxalite; Naxalites
REB - | Maoists | Maoist
REB IN | United Liberation Front of Asom | ULFA; ULFA-I
REB IN | National Socialist Council of Nagaland | NSCN; NSCN-IM; NSCN-K
COP IN | Central Reserve Police Force | CRPF
MIL IN | Border Security Force | BSF
COP IN | Indo-Tibetan Border Police | ITBP
COP IN | Central Industrial Security Force | CISF
MIL IN | Assam Rifles
MIL IN | Rashtriya Rifles
MIL CN | People's Liberation Army | PLA; PLAN
COP CN | People's Armed Police
MIL MM | Tatmadaw | Myanmar Armed Forces
REB MM | Arakan Army
REB MM | Kachin Independence Army | Kachin Independence Organization; KIO
REB MM | Karen National Union | KNU; Karen National Liberation Army; KNLA
REB MM | Ta'ang National Liberation Army | TNLA
REB MM | Myanmar National Democratic Alliance Army | MNDAA
REB MM | United Wa State Army | UWSA
REB MM | Restoration Council of Shan State | RCSS; Shan State Army-South; SSA-S
REB MM | Shan State Progress Party | SSPP; Shan State Army-North; SSA-N
REB MM | Arakan Rohingya Salvation Army | ARSA
REB MM | Democratic Karen Buddhist Army | DKBA
REB PH | New People's Army | NPA
REB PH | Moro Islamic Liberation Front | MILF
REB PH | Moro National Liberation Front | MNLF
REB PH | Bangsamoro Islamic Freedom Fighters | BIFF
REB PH | Abu Sayyaf | Abu Sayyaf Group; ASG
REB PH | Maute Group | Maute; Dawlah Islamiyah
MLT PH | Citizen Armed Force Geographical Unit | CAFGU
COP PH | Philippine National Police | PNP
REB TH | Barisan Revolusi Nasional | BRN
MIL ID | Indonesian National Armed Forces | TNI
REB ID | Free Papua Movement | OPM; TPNPB; West Papua National Liberation Army
REB ID | East Indonesia Mujahideen | Mujahidin Indonesia Timur
REB LK | Liberation Tigers of Tamil Eelam | LTTE; Tamil Tigers
COP BD | Rapid Action Battalion | RAB
MIL BD | Border Guard Bangladesh | BGB
REB CD | Allied Democratic Forces | ADF; ADF-NALU
REB CD | March 23 Movement | M23
REB CD | Democratic Forces for the Liberation of Rwanda | FDLR
MLT CD | CODECO | Cooperative for the Development of Congo
MLT CD | Mai-Mai | Mai Mai; Mayi-Mayi; Mayi Mayi
MLT CD | Raia Mutomboki
MLT CD | Nyatura
MLT CD | Nduma Defence of Congo-Renove | NDC-R; NDC-Renove
MLT CD | Patriotic Resistance Front of Ituri | FRPI
MLT CD | Twirwaneho
MIL CD | Armed Forces of the Democratic Republic of the Congo | FARDC
COP CD | Congolese National Police | PNC
SPY CD | National Intelligence Agency | ANR
MIL CF | Central African Armed Forces | FACA
REB CF | Union for Peace in the Central African Republic | UPC
REB CF | Popular Front for the Renaissance of the Central African Republic | FPRC
REB CF | Return, Reclamation, Rehabilitation | 3R
REB CF | Patriotic Movement for Central Africa | MPC
REB CF | Seleka | ex-Seleka
MLT CF | Anti-Balaka | anti-balaka
MLT BI | Imbonerakure
REB BI | RED-Tabara
REB BI | National Forces of Liberation | FNL
REB UG | Lord's Resistance Army | LRA
MIL UG | Uganda People's Defence Force | UPDF
MIL KE | Kenya Defence Forces | KDF
MIL ET | Ethiopian National Defense Force | ENDF
REB ET | Oromo Liberation Army | OLA; OLF-Shene; Shene
REB ET | Tigray People's Liberation Front | TPLF; Tigray Defense Forces; TDF
MLT ET | Fano
MLT SO | Ahlu Sunna Wal Jama'a | ASWJ; Ahlu Sunna Waljamaa
MIL SD | Rapid Support Forces | RSF
MIL SD | Sudanese Armed Forces | SAF
REB SD | Sudan People's Liberation Movement-North | SPLM-N; SPLA-N; SPLM/A-N
REB SD | Sudan Liberation Army | SLA; SLM; SLM/A; SLA-AW; SLM-AW; SLA-MM
REB SD | Justice and Equality Movement | JEM
MIL SS | South Sudan People's Defence Forces | SSPDF; SPLA
REB SS | Sudan People's Liberation Movement-in-Opposition | SPLM-IO; SPLA-IO
REB SS | National Salvation Front
MLT SS | White Army
REB TD | Front for Change and Concord in Chad | FACT
REB CM | Ambazonia Defence Forces | ADF Ambazonia; Amba Boys; Ambazonian separatists; Ambazonian Defence Forces
MIL CM | Rapid Intervention Battalion | BIR
MLT NG | Civilian Joint Task Force | CJTF; Civilian JTF
MLT NG | Eastern Security Network | ESN
MLT NG | Amotekun
SPY NG | Department of State Services | DSS
COP NG | Nigeria Security and Civil Defence Corps | NSCDC
REB MZ | Ahlu Sunnah Wa-Jama | Ansar al-Sunna
REB MZ | Renamo Military Junta
COP ZA | South African Police Service | SAPS
MIL ZA | South African National Defence Force | SANDF
CRM MX | Jalisco New Generation Cartel | CJNG; Cartel Jalisco Nueva Generacion; Jalisco Cartel
CRM MX | Sinaloa Cartel | Cartel de Sinaloa; Chapitos; Los Chapitos
CRM MX | Los Zetas | Zetas
CRM MX | Cartel del Noreste | CDN; Northeast Cartel
CRM MX | Gulf Cartel | Cartel del Golfo
CRM MX | La Familia Michoacana | Familia Michoacana
CRM MX | Los Viagras | Los Viagra; Viagras
CRM MX | Carteles Unidos
CRM MX | Santa Rosa de Lima Cartel | Cartel de Santa Rosa de Lima; CSRL
CRM MX | Guerreros Unidos
CRM MX | Los Rojos
CRM MX | Beltran Leyva Organization | Beltran Leyva; Beltran-Leyva; BLO
CRM MX | Knights Templar Cartel | Caballeros Templarios; Los Caballeros Templarios
CRM MX | La Union Tepito | Union Tepito
CRM MX | Juarez Cartel | La Linea; Cartel de Juarez
CRM MX | Los Ardillos
CRM MX | Cartel de Tlahuac
MIL MX | SEDENA
REB CO | Revolutionary Armed Forces of Colombia | FARC; FARC-EP; FARC dissidents
REB CO | National Liberation Army of Colombia | ELN; Ejercito de Liberacion Nacional
REB CO | Popular Liberation Army | EPL; Los Pelusos
CRM CO | Gulf Clan | Clan del Golfo; AGC; Autodefensas Gaitanistas de Colombia; Urabenos; Los Urabenos
CRM CO | Los Caparros | Caparrapos; Los Caparrapos
CRM CO | Los Rastrojos | Rastrojos
COP CO | ESMAD
MLT VE | Colectivos | colectivo
MIL VE | Bolivarian National Armed Forces | FANB
MIL VE | Bolivarian National Guard | GNB
COP VE | Special Actions Forces | FAES
SPY VE | Bolivarian National Intelligence Service | SEBIN
CRM VE | Tren de Aragua
CRM BR | Primeiro Comando da Capital | PCC; First Capital Command
CRM BR | Comando Vermelho | Red Command
CRM BR | Familia do Norte | FDN
COP BR | BOPE
CRM SV | Mara Salvatrucha | MS-13; MS13
CRM SV | Barrio 18 | Barrio-18; Calle 18; 18th Street Gang; Mara 18
REB PE | Shining Path | Sendero Luminoso
CRM HT | G9 Family and Allies | G9; G-9; G9 an Fanmi
CRM HT | 400 Mawozo
MLT US | Proud Boys
REB GB | New IRA | Real IRA; Continuity IRA
MLT GB | Ulster Volunteer Force | UVF
MLT GB | Ulster Defence Association | UDA
REB ES | Euskadi Ta Askatasuna
"""


@dataclass(slots=True, frozen=True)
class Organisation:
    name: str
    sector: str
    country: str | None


def _key(text: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-free form of a name."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’`]", "", text.lower())
    return " ".join(re.sub(r"[-/]", " ", text).split()).removeprefix("the ")


def _is_acronym(alias: str) -> bool:
    """"QSD", "M23", "LeT", "SPLM-N": written in capitals, matched as written."""
    return len(alias) <= 8 and " " not in alias and alias[:1].isupper() and (
        sum(c.isupper() or c.isdigit() for c in alias) >= 2)


def _parse(table: str) -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    acronyms: dict[str, Organisation] = {}
    names: dict[str, Organisation] = {}
    for line in table.strip().splitlines():
        head, name, *rest = (part.strip() for part in line.split("|"))
        sector, country = head.split()
        org = Organisation(name=name, sector=sector, country=None if country == "-" else country)
        for alias in [name] + [a.strip() for a in (rest[0].split(";") if rest else [])]:
            if _is_acronym(alias):
                acronyms[alias] = org
            if not _is_acronym(alias) or "-" in alias or "/" in alias:
                names[_key(alias)] = org  # "SPLM-N" may come as three tokens
    return acronyms, names


def _first_words(names: Mapping[str, Organisation]) -> dict[str, int]:
    """First word of a name -> the most tokens a name starting with it can take (a cheap
    prefilter; hyphens and apostrophes are tokens of their own, so twice its words). A
    first word ending in "s" is also listed without it ("Lord" before "'s")."""
    most: dict[str, int] = {}
    for key in names:
        first, n = key.split()[0], 2 * len(key.split())
        most[first] = max(most.get(first, 0), n)
    return {**{w[:-1]: n for w, n in most.items() if w.endswith("s")}, **most}


ACRONYMS, NAMES = (MappingProxyType(table) for table in _parse(_TABLE))
FIRST_WORDS: MappingProxyType[str, int] = MappingProxyType(_first_words(NAMES))


def acronym(text: str) -> Organisation | None:
    """An organisation named by an acronym, exactly as written ("QSD", "FARDCs")."""
    return ACRONYMS.get(text) or (ACRONYMS.get(text[:-1]) if text.endswith("s") else None)


def find(tokens: Any) -> tuple[Organisation, int] | None:
    """The first organisation named in a run of spaCy tokens, and the index (in ``tokens``)
    of the first word of its name. Longer names win ("Islamic State Khorasan Province"
    over "Islamic State")."""
    words = list(tokens)
    for i, tok in enumerate(words):
        if not tok.text[:1].isalnum():
            continue
        first = _key(tok.text).split(" ")[0]
        for n in range(min(FIRST_WORDS.get(first, 0), len(words) - i), 0, -1):
            text = "".join(t.text_with_ws for t in words[i:i + n]).strip()
            key = _key(text)
            org = NAMES.get(key) or (NAMES.get(key[:-1]) if key.endswith("s") else None)
            if org is not None and (n > 1 or tok.text[:1].isupper()):
                return org, i
        org = acronym(tok.text)
        if org is not None:
            return org, i
    return None
