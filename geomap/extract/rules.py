"""Rule tables for place extraction: the words that look like places but are not.

Everything here is data, kept apart from the code that applies it (:mod:`geomap.extract.spans`):

* :data:`DEMONYMS` -- adjective or people word → the country (or region) it names; a demonym
  is reported only as a mention flagged ``demonym``, never as a strike site.
* :data:`ABBREVIATIONS` -- ``U.S.``, ``UK`` ... → country; reported flagged ``abbreviation``.
* :data:`ORGANISATIONS` -- armed groups, agencies, media: a place inside one ("Islamic
  Resistance in Iraq") is flagged ``organisation``.
* :data:`PERSON_TITLES`, :data:`GIVEN_NAMES`, :data:`KNOWN_PERSONS` -- person names
  (al-Sudani is not Sudan, Lloyd Austin is not Austin): places inside them are dropped.
* :data:`VESSEL_WORDS`, :data:`MEDIA_WORDS`, :data:`FACILITY_WORDS` -- a capitalised name after
  "the tanker", "the website" or before "Street" is a ship, an outlet or a street, not a place
  (a street is reported in its town by :mod:`geomap.extract.streets`).
* :data:`STOPWORDS` -- single words that are also place names in a world gazetteer (``Of``,
  ``Mobile``, ``Reading``, ``Tower`` alone, months, weekdays ...): never a place on their own.
* :data:`ARABIC_ARTICLES` -- ``al-``, ``el-``, ``ad-`` ... dropped before matching, as the
  gazetteer's :func:`~geomap.gazetteer.normalize_name` does.
* :data:`GENERIC_SUFFIXES` -- words after a name that say what it is ("province", "air base").
"""

from __future__ import annotations

__all__ = [
    "DEMONYMS",
    "ABBREVIATIONS",
    "STATE_ABBREVIATIONS",
    "ORGANISATIONS",
    "PERSON_TITLES",
    "GIVEN_NAMES",
    "PLACE_GIVEN_NAMES",
    "INSTITUTION_HEADS",
    "KNOWN_PERSONS",
    "NAME_PARTICLES",
    "VESSEL_WORDS",
    "MEDIA_WORDS",
    "FACILITY_WORDS",
    "STOPWORDS",
    "FUNCTION_WORDS",
    "MONTHS",
    "WEEKDAYS",
    "ARABIC_ARTICLES",
    "GEO_HEADS",
    "GEO_TAILS",
    "GENERIC_FOLLOWERS",
    "ENGLISH_ARTICLE_LOOKALIKES",
    "GENERIC_SUFFIXES",
    "GENERIC_PREFIXES",
    "demonym_forms",
    "abbreviation_forms",
    "NOT_ABBREVIATIONS_IN_TEXT",
    "NOT_DEMONYMS_IN_TEXT",
]

#: Demonyms the gazetteer lists that running text uses for an ethnicity, not a place's people:
#: "the black and Latino community" is not Latin America
NOT_DEMONYMS_IN_TEXT: frozenset[str] = frozenset({"Latino", "Latina", "Latinos", "Latinas"})


def demonym_forms() -> dict[str, tuple[str, str | None]]:
    """Every written form (singular, plural) of every demonym -> (name, country code).

    The forms are the gazetteer's (``data/demonyms.csv``, one owner): a demonym of an area
    that spans several countries (``Kurdish``) has no country code."""
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: dict[str, tuple[str, str | None]] = {}
    for form, index in gaz.demonyms().items():
        if form in NOT_DEMONYMS_IN_TEXT:
            continue
        entry = gaz.entry(index)
        out[form] = (entry.name, entry.country_code)
    return out


DEMONYMS: dict[str, tuple[str, str | None]] = demonym_forms()

#: Abbreviations the gazetteer lists (``Gazetteer.abbreviations()``, built from
#: data/country_aliases.csv and data/admin1_aliases.csv: one owner) that running text uses as
#: words, titles or other abbreviations, so they are not read as places: "Miss." and "Del."
#: before a name, "Ind." for independent ("I-Ind."), "Wash." and "Man." rarely mean a state.
NOT_ABBREVIATIONS_IN_TEXT: frozenset[str] = frozenset(
    {"Wash.", "Miss.", "Me.", "Del.", "Ind.", "Man.", "Vic.", "Cal."}
)


def abbreviation_forms(*kinds: str) -> dict[str, tuple[str, str | None]]:
    """The gazetteer's abbreviations as typed -> (its entry's name, country code), for entries
    of ``kinds`` ("country", "admin1", "region": ``EU``, ``MENA``, whose code is None),
    without :data:`NOT_ABBREVIATIONS_IN_TEXT`."""
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: dict[str, tuple[str, str | None]] = {}
    for form, index in gaz.abbreviations().items():
        entry = gaz.entry(index)
        if form not in NOT_ABBREVIATIONS_IN_TEXT and entry.kind in kinds and (
            entry.country_code or entry.kind == "region"
        ):
            out[form] = (entry.name, entry.country_code)
    return out


#: abbreviations matched case-sensitively -> (name to geocode, country code; None for an
#: area of several countries such as the EU)
ABBREVIATIONS: dict[str, tuple[str, str | None]] = abbreviation_forms("country", "region")
#: US states in AP style -> (state, "US"); reported flagged ``abbreviation``
STATE_ABBREVIATIONS: dict[str, tuple[str, str | None]] = abbreviation_forms("admin1")

#: Organisations. All-capital entries match case-sensitively, the others ignoring case.
ORGANISATIONS: tuple[str, ...] = (
    # armed groups and their fronts
    "Islamic Resistance in Iraq", "Islamic Resistance", "Islamic State in Iraq and Syria",
    "Islamic State in Iraq and the Levant", "Islamic State", "ISIS", "ISIL", "Daesh",
    "Kataib Hezbollah", "Kata'ib Hezbollah", "Kataib Sayyid al-Shuhada",
    "Harakat al-Nujaba", "Harakat Hezbollah al-Nujaba", "Nujaba", "Asaib Ahl al-Haq",
    "Badr Organization", "Hezbollah", "Hizbollah", "Hizballah", "Hamas", "Houthi", "Houthis",
    "Ansar Allah", "Ansarullah", "Popular Mobilization Forces", "Popular Mobilisation Forces",
    "Popular Mobilization Units", "Popular Mobilization", "Popular Mobilisation",
    "Hashed al-Shaabi", "Hashd al-Shaabi", "Hashd al-Shabi", "PMF", "PMU",
    "Syrian Democratic Forces", "SDF", "Syrian Arab Army", "Free Syrian Army",
    "Hayat Tahrir al-Sham", "HTS", "al-Qaeda in the Arabian Peninsula", "al-Qaeda", "AQAP",
    "Islamic Revolutionary Guard Corps", "Revolutionary Guard Corps", "Revolutionary Guards",
    "Revolutionary Guard", "IRGC", "Quds Force", "Radwan Force", "Qassam Brigades",
    "Izz ad-Din al-Qassam Brigades", "al-Qassam Brigades", "Islamic Jihad",
    "Palestinian Islamic Jihad", "Al-Aqsa Martyrs Brigades", "Peshmerga",
    "Kurdistan Workers' Party", "Kurdistan Workers Party", "PKK", "YPG",
    "Kurdistan Regional Government", "KRG", "Kurdistan Democratic Party", "KDP",
    "Patriotic Union of Kurdistan", "PUK",
    "Rapid Support Forces", "RSF", "Sudanese Armed Forces", "Jama'at Nusrat al-Islam wal-Muslimin",
    "JNIM", "al-Qaida", "al Qaeda", "Al Qaida", "Islamic State West Africa Province", "ISWAP",
    "Islamic State Sahel Province", "Islamic State Khorasan Province", "Islamic State Khorasan",
    "ISKP", "IS-K", "Islamic State Central Africa Province", "ISCAP",
    "Islamic State Somalia Province", "Islamic State Mozambique Province",
    "Islamic State in the Greater Sahara", "Boko Haram", "al-Shabab", "al-Shabaab", "Taliban",
    "Wagner Group", "Wagner", "Africa Corps", "Tatmadaw", "Arakan Army",
    "Kachin Independence Organization", "Kachin Independence Army", "People's Defence Force",
    "Ukrainian Armed Forces", "Amaq",
    # militaries, governments, international bodies
    "Israel Defense Forces", "Israeli Defense Forces", "IDF", "Mossad", "Shin Bet",
    "Central Command", "CENTCOM", "Pentagon", "White House", "State Department",
    "Royal Air Force", "RAF", "Royal Navy", "United Kingdom Maritime Trade Operations", "UKMTO",
    "World Health Organization", "FBI", "Secret Service", "Red Cross", "Red Crescent",
    "Doctors Without Borders", "Human Rights Watch", "Amnesty International",
    "United Nations", "UNIFIL", "UNRWA", "NATO", "Arab League",
    "Gulf Cooperation Council", "Operation Prosperity Guardian", "Prosperity Guardian",
    "Syrian Observatory for Human Rights", "Lebanese Armed Forces",
    # media and companies
    "Reuters", "Associated Press", "AFP", "Agence France-Presse", "CBS News", "CNN", "BBC",
    "Al Jazeera", "Al Arabiya", "Al-Masirah", "Al Mayadeen", "SANA", "IRNA", "Tasnim",
    "Fars news agency", "Fars News", "Mehr news agency", "Saba news agency", "Getty",
    "Trafigura", "Maersk", "Hapag-Lloyd", "Ambrey", "Lloyd's List", "Gannett",
)

PERSON_TITLES: tuple[str, ...] = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Secretary", "Defense Secretary",
    "Defence Secretary", "Secretary of State", "Foreign Secretary", "Senator", "Sen.", "Rep.",
    "Gen.", "General", "Lt.", "Lt. Gen.", "Maj.", "Maj. Gen.", "Col.", "Capt.", "Captain",
    "Adm.", "Admiral", "Sgt.", "Staff Sgt.", "Spc.", "Pvt.", "Cpl.", "Commander", "Brig. Gen.",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Sheikh", "Sayyed", "Sayyid", "Ayatollah", "Imam", "King",
    "Queen", "Prince", "Crown Prince", "Emir", "Pope", "spokesman", "spokeswoman",
    "spokesperson", "leader", "chief", "commander", "envoy", "ambassador", "Ambassador",
    "Rev.", "Gov.", "Lt. Gov.", "Mayor", "Sheriff", "Judge", "Coach", "Officer", "Detective",
    "Commissioner", "Superintendent", "Councilman", "Councilwoman", "Alderman", "Rabbi",
    "Bishop", "Justice", "Prof.", "Professor", "Chancellor", "Speaker",
)

#: given names that start a person's name (a place word after them in the same name is dropped)
GIVEN_NAMES: frozenset[str] = frozenset(
    "Mohammed Mohammad Muhammad Mohamed Ahmed Ahmad Ali Hassan Hasan Hussein Husain Saleh Salih "
    "Wissam Mushtaq Abdul Abdel Abd Abdullah Ismail Yahya Khaled Khalid Mahmoud Mustafa Youssef "
    "Yusuf Ibrahim Hamid Saeed Said Qassem Qasem Razi Sadegh Hojjatollah Peshraw Najib Nabih "
    "Yoav Benjamin Antony Lloyd John Joe Jake Rishi David Grant Pat Sabrina Bashar Hadi Hamza "
    "Fuad Fouad Faleh Hadi Hossein Ebrahim Masoud Nechirvan Kais Qais Akram Nouri Muqtada "
    "Moqtada Omar Osama Kamal Jamal Tariq Ziad Samir Azzam Taleb Talib Basim Yahia "
    "Amir Ismail Hossein Mohsen Esmail Abbas Naim Hashem Marwan Mohammed-Bagher "
    # common English given names (world and local news: "Mary Chester", "James Read")
    "James Robert Michael William Richard Joseph Thomas Charles Christopher Daniel Matthew "
    "Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian Timothy Ronald Edward "
    "Jason Jeffrey Ryan Jacob Gary Eric Jonathan Stephen Larry Justin Brandon Frank Gregory "
    "Raymond Samuel Alexander Dennis Jerry Tyler Aaron Adam Nathan Zachary Peter Kyle Walter "
    "Ethan Jeremy Harold Keith Roger Noah Gerald Carl Terry Sean Dylan Bryan Billy Alan Roy "
    "Ralph Randy Eugene Vincent Philip Bobby Johnny Bradley Mary Patricia Jennifer Linda Barbara "
    "Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna "
    "Michelle Dorothy Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy "
    "Shirley Angela Helen Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel "
    "Catherine Carolyn Janet Ruth Heather Diane Julie Joyce Olivia Christina Lauren Joan Evelyn "
    "Judith Megan Cheryl Andrea Hannah Martha Jacqueline Gloria Ann Teresa Kathryn Sara Janice "
    "Doris Abigail Judy Denise Amber Marilyn Beverly Danielle Theresa Brittany Natalie Isabella "
    "Alex Abraham Jim Jimmy Bob Tom Mike Dave Steve Tim Chris Nick Ben Sam Dan Tony Mitch "
    "Beth Salah Manuel Hosni Barack Hillary Alexis Kayla Vladimir Sergei Sergey Dmitry "
    "Volodymyr Emmanuel Olaf Keir Boris Xi "
    "Arthur Scott Marc Eileen Yvonne Ronnie Blanche Minnie Mimi Dona Gail Shelly Sherry Bill "
    "Hani".split()
)

#: given names that are also place names ("Charlotte Graham", not "Virginia Beach"): a
#: person only when a capitalised word that is not a place word follows
PLACE_GIVEN_NAMES: frozenset[str] = frozenset(
    "Charlotte Henry Wayne Virginia Douglas Lindsay Sheldon Kingston Madison Austin Jackson "
    "Florence Georgia Lincoln Sydney Orlando Troy Warren Chester Marshall Howard Clay Dallas "
    "Carroll Morgan Mitchell Logan Hudson Camden Tyrone Preston".split()
)

#: people whose names are also place names in a world gazetteer
KNOWN_PERSONS: tuple[str, ...] = (
    "Biden", "Lloyd Austin", "Austin", "Kirby", "Blinken", "Cameron", "David Cameron", "Sunak",
    "Shapps", "Netanyahu", "Gallant", "Gantz", "Khamenei", "Raisi", "Nasrallah", "Sudani",
    "al-Sudani", "Soleimani", "Bashar al-Assad", "Assad", "Haniyeh", "Sinwar", "Mikati",
    "Saree", "Abdul-Malik al-Houthi", "Erdogan", "Sisi", "Putin", "Trump", "Amir-Abdollahian",
    "Arouri", "al-Arouri", "Muhandis", "al-Muhandis", "Barzani", "Talabani", "Jordan Peterson",
    "Michael Jordan", "Chris Jordan", "Jim Jordan", "Clinton", "Bill Clinton", "Hillary Clinton",
    "Bush", "George Bush", "George W. Bush", "Obama", "Barack Obama", "Jimmy Carter", "Reagan",
    "Santa Claus",
    "Mubarak", "Hosni Mubarak", "Jesus", "Abraham Lincoln", "George Washington",
)

#: last words of an institution's name: a place before them names the institution only
#: ("Concordia College", "Rolling Hills Country Club", "the Camp David Accords"). Not the
#: local bodies named after their town or county, whose place is named ("Alexandria City
#: Public Schools", "Rapides Parish Fire District", "Lombard Historical Society")
INSTITUTION_HEADS: tuple[str, ...] = (
    "College", "Country Club", "Detention Center", "Accords", "Telecom", "Competition",
    "Charter School",
    # armed groups named after the place they claim ("Balochistan Liberation Army", "Sinaloa
    # cartel"): the place inside is no place of the story
    "Liberation Army", "Liberation Front", "Liberation Movement", "Cartel", "cartel",
)

#: particles that may sit inside a person's name
NAME_PARTICLES: frozenset[str] = frozenset(
    "al el ad as ash az ar at bin ibn bint abu abd abdul abdel de van von der da".split()
)

VESSEL_WORDS: tuple[str, ...] = (
    "tanker", "oil tanker", "chemical tanker", "vessel", "ship", "cargo ship", "merchant ship",
    "container ship", "freighter", "bulk carrier", "carrier", "destroyer", "frigate", "warship",
    "cruiser", "submarine", "boat", "dhow", "ferry", "yacht", "MV", "M/V", "USS", "HMS", "INS",
    "FS", "HNLMS", "HDMS", "ITS",
)
MEDIA_WORDS: tuple[str, ...] = (
    "website", "news website", "newspaper", "daily", "channel", "broadcaster", "outlet",
    "news agency", "agency", "station", "television", "TV", "radio",
)
#: the words local news leaves off a county's name ("Avoyelles", "DuPage Sheriff")
COUNTY_WORDS: tuple[str, ...] = ("County", "Parish")
FACILITY_WORDS: tuple[str, ...] = (
    "Street", "St.", "Road", "Avenue", "Boulevard", "Square", "Highway", "Hospital",
    "University", "Stadium", "Hotel", "Mosque", "Church", "School", "Tower", "Towers", "Mall",
    "Company", "Corporation", "Bank", "Club", "Brigade", "Brigades", "Division", "Regiment",
    "Center", "Centre",
)

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)

#: English words that start sentences and headlines (capitalised there, never a place)
FUNCTION_WORDS: tuple[str, ...] = tuple(
    """the a an and but or nor all any some many most more few this that these those he she it
    they we you his her its their our your my him them us in on at by for from to with without
    of off over under after before since until while when where why how what who whom which
    there here then than thus also only even just still yet not no yes as if so such both each
    every either neither other another once again about above below between among against
    during into onto upon within across along around behind beyond near per via like unlike
    although though because however meanwhile moreover instead later earlier today tonight
    yesterday tomorrow now ago last next first second third one two three four five six seven
    eight nine ten hundred thousand dozens is are was were be been being has have had do does
    did will would can could should may might must shall said says told according members
    senior officials official sources witnesses residents people many several me""".split()
)

#: single words that are never a place on their own (compared case-insensitively)
STOPWORDS: frozenset[str] = frozenset(
    w.lower()
    for w in (
        *MONTHS, *WEEKDAYS,
        *"Minutes Hours Days Weeks Months Years Decades Moments".split(),
        *"Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun"
        .split(),
        *"""Of Mobile Reading Tower Towers Police Nice Split Bath Hope Union Orange Mission Marine
        Deal Sale Most Many Over Bar Best Gap Wells Bury Sandy Wall Street Temple Church Market
        Bridge Harbour Harbor Port City Valley Mount Hills Beach Central North South East West
        Northern Southern Eastern Western Middle Upper Lower New Old Great Little Grand Saint
        St Fort Camp Base Station Airport Gulf Sea Bay Lake River Island Cape Point Field Green
        White Black Red Blue Golden Ain Tel Kafr Bab Bir Jabal Wadi Ras Khan Beit Abu Umm Al El
        Army Navy Force Forces Guard Guards Command Ministry Council Government State States
        Kingdom Republic Islamic Arab Arabs Muslim Muslims Shiite Shia Sunni Christian Jewish
        Druze Houthi Houthis Hezbollah Hamas Captagon Tomahawk Typhoon Hermes Reaper Patriot
        Eagle Storm Independence Liberty Freedom Unity Progress Victory Concord Harmony
        Providence Enterprise Commerce Protection Resistance Mobilization Mobilisation Popular
        Democratic Revolutionary Strip Region Province District Governorate Border Crossing
        Crisis Monitor Observatory Associated Press Reuters Getty Pentagon President Minister
        General Prime Secretary Senior Members Media Officials Thus Then Also Said Says
        Western Eastern Image Photo Video Map Sources Source Attack Attacks Strike Strikes
        Drone Drones Missile Missiles Rocket Rockets Target Targets Forces Troops Fighter
        Fighters Kurdish Israeli Iranian American British Syrian Iraqi Yemeni Lebanese
        Palestinian Jordanian Europe Asia Africa America Americas Levant Mashriq Maghreb
        Victoria Florence Jordan Chase Summit Hull Reading Bristol Greater Occupied
        Downtown King Queen Prince Princess Emir Sheikh Sayyed Imam Ayatollah Sultan Pope
        Colonel Captain Admiral Governor Mayor Senator Ambassador Commander Chief
        Air Read Man Branch Center Centre College Commonwealth Christmas Drain Recovery Free
        Casino Capitol Hill Hall Room Code Web Money Pool Bill Far None University English
        Northwest Northeast Southwest Southeast Creek Country Club Fire Police""".split(),
        *FUNCTION_WORDS,
    )
) - frozenset({"jordan", "america", "europe", "asia", "africa", "levant"})

#: capitalised geographic heads of "<Head> of <Name>" names ("Cape of Good Hope")
GEO_HEADS: frozenset[str] = frozenset(
    "Cape Isle Island Islands Bay Lake Mount Port Gulf Sea Strait Straits Horn Sound Bight "
    "Gulf Heights Plain Valley Mouth".split()
)

#: capitalised geographic words after a name that make a longer name ("Sinai Peninsula")
GEO_TAILS: frozenset[str] = frozenset(
    "Peninsula Mountains Mountain Desert River Plateau Hills Range Basin Delta Coast Corridor "
    "Plain Plains Lowlands Highlands Marshes Oasis Canyon Wadi Lake Lakes".split()
)

#: capitalised words that may follow a town's name without making a longer name
GENERIC_FOLLOWERS: frozenset[str] = frozenset(
    "International Airport Air Airbase Airfield Base Military Naval Province Governorate City "
    "Port Harbour Harbor District Region Camp Dam Crossing Strait Island Islands Sea Gulf "
    "Valley Heights Municipality County State Refugee Oil Gas Field Terminal Bay "
    # institutions named after their town or state ("Minnesota Department of Transportation",
    # "Douglas County Public Works", "Cottonport Fire Station"): the place is still named
    "Department Police Sheriff Fire Public Hospital School Schools High Council Board Office "
    "Station Court Courthouse Library Museum Stadium Mall Health Transit Water Chamber "
    "Commission Parish Township Metro Regional Municipal Central".split()
)

ARABIC_ARTICLES: frozenset[str] = frozenset(
    "al el il ul ad ed ud adh ag ash esh ush az ez uz as es us ar er ur at et ut ath an en un"
    .split()
)
#: articles that are also common English words: dropped only when hyphen-joined or capitalised
ENGLISH_ARTICLE_LOOKALIKES: frozenset[str] = frozenset("as at an en un us il es et".split())

#: words after a place name that say what kind of place it is (longest first when matching)
GENERIC_SUFFIXES: tuple[str, ...] = (
    "international airport", "air force base", "military base", "naval base", "air base",
    "airbase", "airport", "airfield", "base", "garrison", "outpost", "province", "governorate",
    "region", "district", "sub-district", "oil field", "oilfield", "gas field", "field",
    "refugee camp", "camp", "border crossing", "crossing", "port", "seaport", "harbour",
    "harbor", "dam", "island", "islands", "strait",
)
#: generic words *before* a name ("the province of Sweida")
GENERIC_PREFIXES: dict[str, str] = {
    "province of": "province", "governorate of": "governorate", "region of": "region",
    "district of": "district", "port of": "port", "port city of": "city", "city of": "city",
    "town of": "city", "village of": "city",
}
