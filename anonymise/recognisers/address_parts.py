"""Word lists for the street address recogniser (anonymise/recognisers/street_address.py): plain strings of
"|"-separated alternatives, ready to drop into a regular expression. Nothing is compiled here.
"""
from __future__ import annotations

# ------------------------------------------------------------------ UK streets
# Street suffixes after a house number and Capitalised name words ("14 Elm Road", "9 Ashdown Mansions").
SUFFIXES = (
    "Road|Rd|Street|St|Lane|Ln|Close|Cl|Terrace|Terr|Tce|Avenue|Ave|Drive|Dr|Way|Crescent|Cres"
    "|Grove|Gr|Gardens|Gdns|Place|Pl|Court|Ct|Walk|Mews|Row|Hill|Square|Sq|Parade|Pde|View|Rise"
    "|Green|Vale|Park|Gate|Wharf|Yard|Quay|Boulevard|Circus|Approach|Croft|Fold|Chase|Meadows?"
    "|Brow|Embankment|Broadway|Heights|Villas|Cottages|Mansions|Point|Towers?|Lodge"
    "|Wynd|Loan|Brae|Vennel|Garth|Mount|Promenade|Circle|Paddocks|Ginnel|Twitten|Wynd|Buildings"
)
# Building names after a flat number ("Flat 4 Rose House", "Apartment 5, Kingfisher Court").
BUILDINGS = "Court|House|Mansions|Lodge|Towers?|Heights|Buildings|Apartments|Point|Hall|Block|Wharf|Quay|Hotel|Hostel|Inn"
# House names that stand in for a number before a street ("Brook Cottage, Colliery Row", "The Old Forge, ...").
HOUSE_NAMES = (
    "Cottage|Forge|View|Lodge|Farm|Barn|Mill|Grange|Manor|Villa|Bungalow|Rectory|Vicarage|Croft|Orchard"
    "|Stables|Nook|Haven|Retreat|Schoolhouse|Farmhouse|Coachhouse|Oast|End|Granary|Ghyll|Gill|Bothy|Byre"
    "|Steading|Howe|House"
)
# Street words a house name may stand before without a number ("Hillside Farm, Church Bank", "Stonecroft, Fell
# Side"): the suffixes, and the rural ones that are too loose after a bare number.
RURAL_SUFFIXES = SUFFIXES + "|Bank|Side|Top|Bottom|Fell|Moor|Common|Green|End"
# All-lower-case streets ("lives at 14 elm road", "flat 12, ashdown lodge"): the long forms only, so that
# "st", "dr" and "ct" (saint, doctor, court case) never end a street.
LOWER_SUFFIXES = (
    "road|street|lane|close|terrace|avenue|drive|way|crescent|grove|gardens|place|court|walk|mews|row"
    "|hill|square|parade|view|rise|green|vale|park|gate|wharf|yard|quay|boulevard|circus|approach|croft"
    "|fold|chase|meadows?|brow|embankment|broadway|heights|villas|cottages|mansions|point|towers?|lodge"
    "|wynd|loan|brae|vennel|garth|promenade|paddocks|buildings"
)
LOWER_BUILDINGS = "house|buildings|apartments|hall|block|hotel|hostel|inn"
# Words that never start or fill a lower-case street name ("at 3 on the road", "to 3 very close friends").
STOPWORDS = (
    "the|a|an|on|in|of|to|at|by|for|and|or|but|with|from|his|her|their|my|our|your|this|that|is|was"
    "|per|every|each|times|days|weeks|months|years|hours|minutes|minute|mins?|miles?|mile|pounds"
    "|very|really|quite|so|too|more|most|less|few|several|many|other|different|separate|extra|further"
    "|same|whole|full|half|free|own|not|no|all|some|any|both|also|just|only|about|around|over|under"
    "|people|kids|children|friends|occasions|visits|sessions|appointments|calls|steps|things|bags|boxes"
    "|january|february|march|april|may|june|july|august|september|october|november|december"
)
# Units whose number is not a flat ("a flat 12% fee", "a flat 12 months").
QUANTITIES = r"%|per\b|months?\b|weeks?\b|years?\b|days?\b|hours?\b|pounds?\b|quid\b|rate\b"

# ------------------------------------------------------------------ addresses from elsewhere
MONTHS = (
    "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August"
    "|September|October|November|December"
)
# Capitalised words that never start a street or place name.
NOT_NAMES = "Apt|Apartment|Suite|Unit|Flat|Box|PSC|Mrs?|Ms|Miss|Dr|The|Phone|Mobile|Tel|Fax|Desk|DOB|NI|NHS|GP|Ref|No"
# Small words inside a street name ("Rua do Arenque", "Erzsébet tér", "ul. Długa").
PARTICLES = (
    "[dl]'\\p{Lu}\\p{L}+|de|da|do|di|du|des|das|dos|del|dei|della|delle|dello|degli|la|le|les|van|von"
    "|der|den|ten|het|z|e|y|nad|u\\.|ul\\.|út|útja|utca|tér|gate|gata|vej|veien|tee|terrasse|kapu|rkp\\.|str\\."
    "|trg|r\\."
)
# Lower-case street words: "36 rue de pologne", "255 hersnapvej 18".
LOWER_STREET_STARTS = "rue|rúa|rua|avenue|avenida|calle|trg"
LOWER_STREET_ENDINGS = "vej|tie|gatan|gata|gade|veien|straße|strasse|straat|laan|weg|katu|kuja"
# Suffixes that make "1234 Main St" a street.
CORE_SUFFIXES = "St|Ave|Blvd|Rd|Dr|Ln|Ct|Pl|Sq|Ter|Way|Pkwy|Hwy|Cir|Trl"
CORE_SUFFIXES_LONG = "Boulevard|Parkway|Highway|Circle|Trail|Loop|Alley|Plaza|Str\\.?"
# Street words in other languages: endings ("Koskikatu", "Hauptstraße") and first words ("Rue", "Via").
STREET_WORD_ENDINGS = (
    "katu|kuja|tie|gatan|gata|gade|vej|veien|vegen|vägen|väg|straße|strasse|straat|laan|weg|wei|gasse|platz"
    "|allee|torget|stræde|braut|tér|út|utca|u\\.|ul\\."
)
STREET_WORD_STARTS = (
    "Rue|Via|Viale|Vicolo|Piazza|Piazzetta|Calle|Carrer|Avenida|Avda\\.|Avenue|Rua|Praça|Largo|Corso|Strada"
    "|Paseo|Plaza|Travessa|Λεωφόρος|Οδός|Πλατεία"
)
# Capitalised words before a number that are not a street ("Year 9", "Room 101", "Windows 10").
NOT_STREETS = (
    "Year|Stage|Band|Level|Step|Phase|Section|Room|Ward|Page|Chapter|Tier|Week|Day|Grade|Bus|Route|Table|Line"
    "|Platform|Terminal|Floor|Version|Windows|Covid|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
COUNTRIES = (
    "United Kingdom|United States|USA|UK|England|Scotland|Wales|Northern Ireland|Ireland|Cyprus|Greenland"
    "(?:er)?|Belgium|Netherlands|Spain|Estonia|Uruguay|Austria|Norway|New Zealand|Sweden|Czech Republic|Brazil"
    "|Hungary|Tunisia|Iceland|Canada|France|Germany|South Africa|Poland|Portugal|Switzerland|Finland|Denmark"
    "|Italy|Slovenia|Slovakia|Australia|Greece|Luxembourg|Mexico|Argentina|Chile|Croatia|Romania|Bulgaria"
    "|Lithuania|Latvia|Ukraine|Turkey|India|Japan|China"
)
# The second half of a street name after the street ("14 Crown Street Kishiev Squares").
NAMED_PART_SUFFIXES = (
    "Alley|Bridge|Brooks?|Bypass|Camp|Canyon|Cape|Causeway|Cent(?:er|re)|Circles?"
    "|Cliffs?|Club|Commons?|Corners?|Course|Courts?|Coves?|Creek|Crescent|Crest|Crossing|Crossroad|Curve|Dale|Dam"
    "|Divide|Drives?|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort"
    "|Freeway|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbou?rs?|Haven|Heights|Highway|Hills?|Hollow|Inlet|Islands?"
    "|Isle|Junctions?|Keys?|Knolls?|Lakes?|Land|Landing|Lanes?|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Meadows?"
    "|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways?|Pass|Passage|Path"
    "|Pike|Pines?|Place|Plains?|Plaza|Points?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?"
    "|Route|Row|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Station|Stravenue|Stream|Streets?|Summit|Terrace"
    "|Throughway|Trace|Track|Trafficway|Trail|Tunnel|Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?"
    "|Ville|Vista|Walks?|Wall|Ways?|Wells?"
)
PLACE_PARTICLES = "de|del|la|le|du|do|da|dos|das|di|nad|pod|u|v|an|am|im|en|sur|y|i|na"
