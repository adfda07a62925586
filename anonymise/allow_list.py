"""Words and phrases that must stay readable in anonymised notes: services, organisations, benefits,
days, months, UK places, nationalities and languages. A place is not a person, and a service's name is
what the themes are about.

`DEFAULT_ALLOW_LIST` is built in; a deployment adds its own with a text file (one phrase a line, `#`
starts a comment) read by `load_allow_list(path)`. The name recogniser matches phrases case-insensitively
on whole words and drops any name found inside one ("Hope" in "Hope House"), but not a longer name
that contains one ("Mrs Preston" is still a person although "Preston" is a place).
Some words are left out on purpose because they are common first names: Angus, Arun, Eden, Hart,
India, Kenya, Jordan, Georgia, Christian, Beverley, Stanley, Evelyn, Lee, Ashton; and "Lee Green", which is
also a plausible full name.
"""
from __future__ import annotations

from pathlib import Path

from engine.core.errors import InputError

SERVICES = [
    "Citizens Advice", "Citizens Advice Bureau", "CAB", "food bank", "foodbank", "food banks", "GP", "GPs",
    "jobcentre", "Jobcentre Plus", "Job Centre", "Job Centre Plus", "JCP", "Refuge", "Age UK",
    "the council", "council", "Shelter", "Mind", "Samaritans", "Universal Credit", "UC", "PIP",
    "Personal Independence Payment", "DWP", "Department for Work and Pensions", "HMRC", "NHS", "NHS 111",
    "A&E", "Trussell Trust", "Trussell", "StepChange", "Step Change", "Women's Aid", "Womens Aid",
    "Salvation Army", "Barnardo's", "Barnardos", "Macmillan", "Macmillan Cancer Support", "Red Cross",
    "British Red Cross", "Oxfam", "Mencap", "Scope", "Turn2us", "National Debtline", "Christians Against Poverty",
    "CAP", "housing association", "social services", "Age Concern", "Crisis",
    "St Mungo's", "Centrepoint", "Childline", "NSPCC", "Relate", "Gingerbread", "Carers UK", "Cruse",
    "Victim Support", "Rethink", "Rethink Mental Illness", "Sense", "Leonard Cheshire", "Home-Start",
    "Homestart", "Sure Start", "Surestart", "MoneyHelp", "MoneyHelper", "Money Advice Service", "Pension Credit",
    "Housing Benefit", "Council Tax", "Council Tax Reduction", "Council Tax Support", "Child Benefit",
    "Tax Credits", "Working Tax Credit", "Child Tax Credit", "ESA", "JSA", "DLA", "Attendance Allowance",
    "Carer's Allowance", "Carers Allowance", "Discretionary Housing Payment", "DHP", "Local Welfare",
    "Household Support Fund", "Healthy Start", "Blue Badge", "Motability", "Access to Work", "Ofgem",
    "British Gas", "EDF", "E.ON", "Octopus", "Ovo", "Thames Water", "Severn Trent", "United Utilities",
    "Yorkshire Water", "Anglian Water", "Southern Water", "Welsh Water", "Scottish Power", "Warm Home Discount",
    "Police", "the police", "CAMHS", "IAPT", "Talking Therapies", "Probation", "Probation Service",
    "Home Office", "UKVI", "Migrant Help", "Red Cross", "Refugee Council", "Law Centre", "Shelter Cymru",
    "Advice NI", "Citizens Advice Scotland", "Money Advice Trust", "Debt Relief Order", "DRO", "IVA",
    "Bank of England", "Post Office", "Royal Mail", "Barclays", "Lloyds", "HSBC", "NatWest", "Santander",
    "Nationwide", "Halifax", "Monzo", "Tesco", "Sainsbury's", "Asda", "Morrisons", "Aldi", "Lidl",
    "Iceland", "Greggs", "McDonald's", "Primark", "Boots", "Argos", "Amazon", "Uber", "Deliveroo",
    "Clarion", "Peabody", "L&Q", "Sanctuary", "Riverside", "Places for People", "Home Group", "Notting Hill Genesis",
    "Hope House", "Universal", "Pension", "Bedroom Tax", "Sure Start Maternity Grant", "Food Foundation",
    "Mears", "Serco", "Clearsprings", "Clearsprings Ready Homes", "Microsoft", "Microsoft Teams", "Teams", "Zoom",
    "WhatsApp", "Facebook", "Google", "Earl Grey", "Hospital", "Covid", "Long Covid", "Marie Curie", "Alzheimer's Society", "Diabetes UK", "Cancer Research UK",
]
DAYS_MONTHS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Christmas", "Easter", "Ramadan", "Eid", "Diwali", "Bank Holiday",
]
# Nations, regions, counties, London boroughs and the larger towns and cities. Comma-separated text so
# the list stays readable.
_PLACES = """
UK, United Kingdom, Britain, Great Britain, England, Scotland, Wales, Northern Ireland, Ireland,
London, Greater London, North East, North West, South East, South West, East Midlands, West Midlands,
Yorkshire, East Anglia, Cornwall, Devon, Dorset, Somerset, Wiltshire, Gloucestershire, Herefordshire,
Worcestershire, Shropshire, Staffordshire, Cheshire, Lancashire, Cumbria, Northumberland, Durham,
Derbyshire, Nottinghamshire, Leicestershire, Lincolnshire, Northamptonshire, Warwickshire,
Oxfordshire, Buckinghamshire, Bedfordshire, Hertfordshire, Cambridgeshire, Norfolk, Suffolk, Essex,
Notts, Lancs, Yorks, Herts, Bucks, Beds, Wilts, Glos, Hants, Leics, Lincs, Northants, Staffs, Worcs, Cambs, Oxon, Berks,
Derbys, Kent, Surrey, Sussex, East Sussex, West Sussex, Hampshire, Berkshire, Isle of Wight, Merseyside,
Greater Manchester, Tyne and Wear, South Yorkshire, West Yorkshire, North Yorkshire, Rutland,
Barking, Dagenham, Barnet, Bexley, Brent, Bromley, Camden, Croydon, Ealing, Enfield, Greenwich,
Hackney, Hammersmith, Fulham, Haringey, Harrow, Havering, Hillingdon, Hounslow, Islington,
Kensington, Chelsea, Kingston, Lambeth, Lewisham, Merton, Newham, Redbridge, Richmond, Southwark,
Sutton, Tower Hamlets, Waltham Forest, Wandsworth, Westminster, City of London, Brixton, Peckham,
Tottenham, Stratford, Walthamstow, Woolwich, Deptford, Catford, Whitechapel, Stepney, Poplar,
Manchester, Salford, Bolton, Bury, Oldham, Rochdale, Stockport, Tameside, Trafford, Wigan, Liverpool,
Knowsley, Sefton, Wirral, St Helens, Birmingham, Coventry, Dudley, Sandwell, Solihull, Walsall,
Wolverhampton, Leeds, Bradford, Calderdale, Kirklees, Wakefield, Sheffield, Rotherham, Barnsley,
Doncaster, Newcastle, Gateshead, Sunderland, North Tyneside, South Tyneside, Middlesbrough,
Hartlepool, Stockton, Darlington, Redcar, Hull, York, Harrogate, Scarborough, Bristol, Bath, Exeter,
Plymouth, Torquay, Truro, Bournemouth, Poole, Southampton, Portsmouth, Brighton, Hove, Hastings,
Eastbourne, Crawley, Worthing, Reading, Slough, Oxford, Cambridge, Norwich, Ipswich, Colchester,
Chelmsford, Southend, Basildon, Luton, Bedford, Milton Keynes, Northampton, Peterborough,
Leicester, Nottingham, Derby, Lincoln, Stoke, Stoke-on-Trent, Stafford, Telford, Shrewsbury,
Hereford, Worcester, Gloucester, Cheltenham, Swindon, Salisbury, Preston, Blackpool, Blackburn,
Burnley, Lancaster, Carlisle, Chester, Crewe, Warrington, Halton, Widnes, St Albans, Watford,
Stevenage, Guildford, Woking, Maidstone, Canterbury, Dover, Medway, Chatham, Margate, Gravesend,
Dartford, Cardiff, Swansea, Newport, Wrexham, Bangor, Aberystwyth, Merthyr Tydfil, Rhondda,
Edinburgh, Glasgow, Aberdeen, Dundee, Inverness, Stirling, Perth, Paisley, Belfast, Derry,
Londonderry, Lisburn, Newry, Grimsby, Scunthorpe, Wolverhampton, Nuneaton, Rugby, Kettering,
Corby, Wellingborough, Mansfield, Chesterfield, Huddersfield, Halifax, Dewsbury, Batley, Keighley,
Harlow, Thurrock, Tilbury, Gravesham, Ashford, Folkestone, Hertford, Hemel Hempstead,
Weymouth, Yeovil, Taunton, Barnstaple, Penzance, Newquay, Falmouth, Kendal, Workington,
Whitehaven, Barrow, Morecambe, Accrington, Oldbury, West Bromwich, Smethwick, Handsworth,
Sparkbrook, Moss Side, Longsight, Rusholme, Hulme, Wythenshawe, Toxteth, Anfield, Kirkby, Bootle
"""
# The remaining local authority districts of the UK (ONS names), and a few towns and wards.
_LOCAL_AUTHORITIES = """
Aberdeen City, Aberdeenshire, Adur, Allerdale, Amber Valley, Antrim and Newtownabbey, Ards and North Down,
Argyll and Bute, Armagh City, Banbridge and Craigavon, Ashfield, Aylesbury Vale, Babergh, Barking and
Dagenham, Barrow-in-Furness, Basingstoke and Deane, Bassetlaw, Bath and North East Somerset, Blaby,
Blackburn with Darwen, Blaenau Gwent, Bolsover, Boston, Bournemouth, Christchurch and Poole, Bracknell
Forest, Braintree, Breckland, Brentwood, Bridgend, Brighton and Hove, Broadland, Bromsgrove, Broxbourne,
Broxtowe, Caerphilly, Cannock Chase, Carmarthenshire, Castle Point, Causeway Coast and Glens, Central
Bedfordshire, Ceredigion, Charnwood, Cherwell, Cheshire East, Cheshire West and Chester, Chichester,
Chiltern, Chorley, Christchurch, City of Edinburgh, Clackmannanshire, Conwy, Copeland, Cotswold, County
Durham, Craven, Cumberland, Dacorum, Daventry, Denbighshire, Derbyshire Dales, Derry City and Strabane,
Dumfries and Galloway, Dundee City, East Ayrshire, East Cambridgeshire, East Devon, East Dorset, East
Dunbartonshire, East Hampshire, East Hertfordshire, East Lindsey, East Lothian, East Northamptonshire, East
Renfrewshire, East Riding of Yorkshire, East Staffordshire, East Suffolk, Eastleigh, Elmbridge, Epping
Forest, Epsom and Ewell, Erewash, Falkirk, Fareham, Fenland, Fermanagh and Omagh, Fife, Flintshire,
Folkestone and Hythe, Forest Heath, Forest of Dean, Fylde, Gedling, Glasgow City, Gosport, Great Yarmouth,
Gwynedd, Hambleton, Hammersmith and Fulham, Harborough, Havant, Hertsmere, High Peak, Highland, Hinckley and
Bosworth, Horsham, Huntingdonshire, Hyndburn, Inverclyde, Isle of Anglesey, Isles of Scilly, Kensington and
Chelsea, King's Lynn and West Norfolk, Kingston upon Hull, Kingston upon Thames, Lewes, Lichfield, Lisburn
and Castlereagh, Maldon, Malvern Hills, Melton, Mendip, Mid Devon, Mid Suffolk, Mid Sussex, Mid Ulster, Mid
and East Antrim, Midlothian, Mole Valley, Monmouthshire, Moray, Na h-Eileanan Siar, Neath Port Talbot, New
Forest, Newark and Sherwood, Newcastle upon Tyne, Newcastle-under-Lyme, Newry, Mourne and Down, North
Ayrshire, North Devon, North Dorset, North East Derbyshire, North East Lincolnshire, North Hertfordshire,
North Kesteven, North Lanarkshire, North Lincolnshire, North Norfolk, North Northamptonshire, North
Somerset, North Warwickshire, North West Leicestershire, Nuneaton and Bedworth, Oadby and Wigston, Orkney
Islands, Pembrokeshire, Pendle, Perth and Kinross, Powys, Purbeck, Redcar and Cleveland, Redditch, Reigate
and Banstead, Renfrewshire, Rhondda Cynon Taf, Ribble Valley, Richmond upon Thames, Richmondshire, Rochford,
Rossendale, Rother, Runnymede, Rushcliffe, Rushmoor, Ryedale, Scottish Borders, Sedgemoor, Selby, Sevenoaks,
Shetland Islands, Somerset West and Taunton, South Ayrshire, South Bucks, South Cambridgeshire, South
Derbyshire, South Gloucestershire, South Hams, South Holland, South Kesteven, South Lakeland, South
Lanarkshire, South Norfolk, South Northamptonshire, South Oxfordshire, South Ribble, South Somerset, South
Staffordshire, Southend-on-Sea, Spelthorne, St Edmundsbury, St. Helens, Staffordshire Moorlands, Stockton-
on-Tees, Stratford-on-Avon, Stroud, Suffolk Coastal, Surrey Heath, Swale, Tamworth, Tandridge, Taunton
Deane, Teignbridge, Telford and Wrekin, Tendring, Test Valley, Tewkesbury, Thanet, Three Rivers, Tonbridge
and Malling, Torbay, Torfaen, Torridge, Tunbridge Wells, Uttlesford, Vale of Glamorgan, Vale of White Horse,
Warwick, Waveney, Waverley, Wealden, Welwyn Hatfield, West Berkshire, West Devon, West Dorset, West
Dunbartonshire, West Lancashire, West Lindsey, West Lothian, West Northamptonshire, West Oxfordshire, West
Somerset, West Suffolk, Westmorland and Furness, Weymouth and Portland, Winchester, Windsor and Maidenhead,
Wokingham, Wychavon, Wycombe, Wyre, Wyre Forest, Aston, Ashby, Beeston, West Bridgford
"""
# Market towns and London districts not above: a contact cue ("Home visit to Penrith") would otherwise take
# them for names. Places that are also first names (Beverley, Stanley, Evelyn, Lee, Ashton) stay out.
_TOWNS_AND_DISTRICTS = """
Penrith, Keswick, Appleby, Appleby-in-Westmorland, Kirkby Stephen, Alston, Alston Moor, Cockermouth, Maryport,
Ulverston, Windermere, Ambleside, Wigton, Brampton, Sedbergh, Kirkby Lonsdale, Hexham, Morpeth, Alnwick,
Berwick-upon-Tweed, Consett, Bishop Auckland, Barnard Castle, Whitby, Skipton, Ripon, Thirsk, Malton,
Northallerton, Otley, Ilkley, Pontefract, Castleford, Goole, Bridlington, Driffield, Louth, Spalding,
Grantham, Stamford, Newark, Worksop, Retford, Buxton, Matlock, Bakewell, Ashbourne, Glossop, Macclesfield,
Congleton, Nantwich, Northwich, Knutsford, Leek, Uttoxeter, Burton upon Trent, Hinckley, Loughborough,
Melton Mowbray, Market Harborough, Oakham, Banbury, Bicester, Witney, Abingdon, Didcot, Aylesbury,
High Wycombe, Amersham, Chesham, Hitchin, Letchworth, Bishop's Stortford, Saffron Walden, Bury St Edmunds,
Newmarket, Thetford, Dereham, Cromer, Lowestoft, Felixstowe, Clacton, Tonbridge, Faversham, Whitstable,
Herne Bay, Ramsgate, Broadstairs, Haywards Heath, Bognor Regis, Littlehampton, Petersfield, Andover,
Basingstoke, Romsey, Lymington, Ringwood, Wimborne, Dorchester, Bridport, Sherborne, Shaftesbury, Frome,
Glastonbury, Bridgwater, Minehead, Tiverton, Okehampton, Tavistock, Newton Abbot, Totnes, Bideford,
Ilfracombe, Bodmin, Launceston, Liskeard, St Austell, Redruth, Camborne, Helston, Cirencester, Ledbury,
Leominster, Ross-on-Wye, Ludlow, Bridgnorth, Oswestry, Market Drayton, Welshpool, Llandrindod Wells, Brecon,
Abergavenny, Monmouth, Chepstow, Pontypridd, Aberdare, Llanelli, Carmarthen, Haverfordwest, Machynlleth,
Dolgellau, Caernarfon, Pwllheli, Llandudno, Colwyn Bay, Rhyl, Prestatyn, Holyhead, Llangefni, Ayr,
Kilmarnock, Dumfries, Stranraer, Hawick, Galashiels, Peebles, Kelso, Livingston, Kirkcaldy, Dunfermline,
St Andrews, Arbroath, Montrose, Forfar, Elgin, Fort William, Oban, Thurso, Stornoway, Kirkwall, Lerwick,
Motherwell, Coatbridge, Airdrie, Greenock, Dumbarton, Clydebank, Cumbernauld, East Kilbride, Armagh, Omagh,
Enniskillen, Coleraine, Ballymena, Larne, Newtownards, Craigavon, Portadown, Lurgan, Dungannon, Cookstown,
Blackheath, Brockley, Crofton Park, Downham, Forest Hill, Grove Park, Hither Green, Ladywell, New Cross,
Rushey Green, Sydenham, Bellingham, Telegraph Hill, Honor Oak, Hilly Fields, Ladywell Fields, Lewisham Central,
Bermondsey, Camberwell, Dulwich, Elephant and Castle, Clapham, Balham, Tooting, Streatham, Battersea, Putney,
Wimbledon, Mitcham, Morden, Norbury, Thornton Heath, Penge, Beckenham, Eltham, Plumstead, Thamesmead, Erith,
Abbey Wood, Charlton, Kidbrooke, Canning Town, Beckton, Forest Gate, East Ham, West Ham, Leyton, Leytonstone,
Mile End, Shadwell, Limehouse, Bethnal Green, Shoreditch, Dalston, Stoke Newington, Homerton, Clapton,
Edmonton, Wood Green, Hornsey, Muswell Hill, Holloway, Archway, Finsbury Park, Kentish Town, Kilburn,
Willesden, Harlesden, Wembley, Neasden, Southall, Acton, Hanwell, Northolt, Uxbridge, Feltham, Brentford,
Chiswick, Shepherd's Bush, Notting Hill, Paddington, Marylebone, Soho, Pimlico, Vauxhall, Stockwell,
Kennington, Norwood, Romford, Ilford, Chingford, King's Lynn, Bishop's Castle, Bishop's Waltham, Lyme Regis,
Great Yarmouth, Kirkby-in-Ashfield, Sutton-in-Ashfield, Newcastle-under-Lyme, Stockton-on-Tees
"""
# More towns written from general knowledge in the sixth round (industrial, coastal, new and market towns
# across the UK that a note names as where a service is): the same rule, first names left out (Nelson, Clifton,
# Washington, Sale, Street, Sandy, Leigh, Barry, Keith, Royston and Arnold are words or names first), and towns
# that are also common surnames (Featherstone, Morley, Middleton, Crosby, Hyde, Dunbar, ...) left out too.
_MORE_TOWNS = """
Birkenhead, Wallasey, Bebington, Ellesmere Port, Runcorn, Skelmersdale, Ormskirk, Southport, Litherland,
Maghull, Westhoughton, Ashton-under-Lyne, Stalybridge, Dukinfield, Droylsden, Altrincham, Stretford, Urmston,
Chadderton, Littleborough, Ramsbottom, Haslingden, Rawtenstall, Bacup, Brierfield, Padiham, Oswaldtwistle,
Great Harwood, Fleetwood, Thornton-Cleveleys, Lytham St Annes, Carnforth, Heysham, Jarrow, Hebburn,
South Shields, Wallsend, Whitley Bay, Tynemouth, North Shields, Cramlington, Bedlington, Seaham, Peterlee,
Houghton-le-Spring, Chester-le-Street, Spennymoor, Newton Aycliffe, Shildon, Billingham, Thornaby,
Ingleby Barwick, Guisborough, Saltburn, Stokesley, Selby, Tadcaster, Horsforth, Guiseley, Yeadon,
Sowerby Bridge, Hebden Bridge, Todmorden, Holmfirth, Mirfield, Heckmondwike, Cleckheaton, Knottingley,
Hemsworth, Wath upon Dearne, Mexborough, Conisbrough, Bawtry, Dinnington, Rawmarsh, Wombwell, Penistone,
Stocksbridge, Dronfield, Clay Cross, Alfreton, Ilkeston, Long Eaton, Belper, Swadlincote, Hucknall,
Kirkby in Ashfield, Mansfield Woodhouse, Shirebrook, Bolsover, Sleaford, Skegness, Mablethorpe, Horncastle,
Market Rasen, Barton-upon-Humber, Cleethorpes, Immingham, Cottingham, Hornsea, Withernsea, Pocklington,
Kidderminster, Stourport, Bromsgrove, Droitwich, Tenbury Wells, Stourbridge, Halesowen, Brierley Hill,
Kingswinford, Tipton, Wednesbury, Willenhall, Bloxwich, Darlaston, Brownhills, Sutton Coldfield, Erdington,
Chelmsley Wood, Leamington Spa, Royal Leamington Spa, Stratford-upon-Avon, Bedworth, Daventry, Towcester,
Brackley, Rushden, Desborough, Rugeley, Hednesford, Kidsgrove, Biddulph, Burslem, Wem, Church Stretton,
Ironbridge, Corsham, Chippenham, Calne, Devizes, Melksham, Trowbridge, Warminster, Royal Wootton Bassett,
Tidworth, Amesbury, Stroud, Tewkesbury, Lydney, Cinderford, Radstock, Midsomer Norton, Clevedon, Portishead,
Nailsea, Weston-super-Mare, Burnham-on-Sea, Crewkerne, Exmouth, Sidmouth, Honiton, Crediton, Dawlish,
Teignmouth, Brixham, Paignton, Dartmouth, Kingsbridge, Ivybridge, Saltash, Torpoint, Wadebridge, Padstow,
St Ives, Swanage, Wareham, Blandford Forum, Ferndown, Verwood, Fordingbridge, Totton, Hythe, Fareham,
Gosport, Waterlooville, Havant, Farnborough, Aldershot, Camberley, Godalming, Haslemere, Leatherhead,
Redhill, Reigate, Caterham, Oxted, East Grinstead, Burgess Hill, Horsham, Shoreham-by-Sea, Lancing, Seaford,
Newhaven, Peacehaven, Uckfield, Crowborough, Hailsham, Bexhill, Tenterden, Sandwich, Sittingbourne,
Sheerness, Rochester, Gillingham, Strood, Snodland, Swanley, Sevenoaks, Edenbridge, Tunbridge Wells, Grays,
Purfleet, Stanford-le-Hope, Canvey Island, Benfleet, Rayleigh, Wickford, Billericay, Brentwood, Epping,
Loughton, Waltham Abbey, Witham, Halstead, Harwich, Frinton-on-Sea, Walton-on-the-Naze, Haverhill,
Stowmarket, Woodbridge, Beccles, Bungay, Diss, Wymondham, Attleborough, Swaffham, Downham Market, Hunstanton,
Fakenham, North Walsham, Wisbech, Whittlesey, Chatteris, St Neots, Huntingdon, Biggleswade, Leighton Buzzard,
Dunstable, Houghton Regis, Ampthill, Flitwick, Tring, Berkhamsted, Harpenden, Welwyn Garden City, Hoddesdon,
Cheshunt, Borehamwood, Potters Bar, Bushey, Rickmansworth, Maidenhead, Windsor, Bracknell, Wokingham,
Newbury, Thatcham, Henley-on-Thames, Wallingford, Thame, Kidlington, Chipping Norton, Carterton, Buckingham,
Wolverton, Bletchley, Olney, Penarth, Caerphilly, Pontypool, Cwmbran, Ebbw Vale, Tredegar, Blackwood,
Bargoed, Neath, Port Talbot, Maesteg, Porthcawl, Bridgend, Ammanford, Llandeilo, Pembroke Dock,
Milford Haven, Tenby, Fishguard, Lampeter, Holywell, Connah's Quay, Ruthin, Llangollen, Abergele,
Blaenau Ffestiniog, Porthmadog, Bathgate, Broxburn, Bonnyrigg, Dalkeith, Penicuik, Musselburgh, Haddington,
North Berwick, Grangemouth, Bo'ness, Alloa, Glenrothes, Methil, Cowdenbeath, Lochgelly, Rosyth,
Inverkeithing, Cupar, Carnoustie, Brechin, Stonehaven, Peterhead, Fraserburgh, Inverurie, Ellon, Buckie,
Dingwall, Portree, Campbeltown, Dunoon, Rothesay, Helensburgh, Bearsden, Milngavie, Kirkintilloch,
Bishopbriggs, Rutherglen, Cambuslang, Wishaw, Bellshill, Lanark, Carluke, Strathaven, Kilwinning, Saltcoats,
Ardrossan, Largs, Troon, Prestwick, Girvan, Cumnock, Renfrew, Barrhead, Port Glasgow, Gourock, Lockerbie,
Castle Douglas, Newton Stewart, Jedburgh, Holywood, Carrickfergus, Newtownabbey, Ballyclare, Ballymoney,
Portrush, Limavady, Strabane, Magherafelt, Downpatrick, Banbridge, Dromore, Ballynahinch
"""
_NATIONS_AND_LANGUAGES = """
Africa, African, America, American, Europe, European, Asia, Asian, EU, EEA, Poland, Polish, Romania, Romanian,
Lithuania, Lithuanian, Latvia, Latvian, Bulgaria, Bulgarian, Ukraine, Ukrainian, Russia, Russian, Syria,
Syrian, Afghanistan, Afghan, Iran, Iranian, Iraq, Iraqi, Kurdistan, Kurdish, Somalia, Somali, Somaliland,
Eritrea, Eritrean, Sudan, Sudanese, Ethiopia, Ethiopian, Nigeria, Nigerian, Ghana, Ghanaian, Zimbabwe,
Zimbabwean, Pakistan, Pakistani, Bangladesh, Bangladeshi, Indian, Sri Lanka, Sri Lankan, Turkey, Turkish,
Albania, Albanian, Portugal, Portuguese, Spain, Spanish, Italy, Italian, France, French, Germany, German,
Denmark, Danish, Brazil, Brazilian, Jamaica, Jamaican, Caribbean, Hong Kong, China, Chinese, Vietnam,
Vietnamese, Philippines, Filipino, Arabic, Arab, Urdu, Punjabi, Bengali, Sylheti, Gujarati, Tamil, Farsi,
Pashto, Dari, Tigrinya, Amharic, Hindi, Cantonese, Mandarin, English, British, Scottish, Welsh, Irish,
Muslim, Hindu, Sikh, Jewish, Islam
"""


def _split(block: str) -> list[str]:
    return [p.strip() for p in block.replace("\n", " ").split(",") if p.strip()]


PLACES = _split(_PLACES) + _split(_LOCAL_AUTHORITIES) + _split(_TOWNS_AND_DISTRICTS) + _split(_MORE_TOWNS)
NATIONS_AND_LANGUAGES = _split(_NATIONS_AND_LANGUAGES)


def _dedupe(phrases: list[str]) -> list[str]:
    """First spelling of each phrase, ignoring case; inner whitespace collapsed."""
    seen: dict[str, str] = {}
    for phrase in phrases:
        phrase = " ".join(phrase.split())
        if phrase:
            seen.setdefault(phrase.casefold(), phrase)
    return list(seen.values())


DEFAULT_ALLOW_LIST: list[str] = _dedupe(SERVICES + DAYS_MONTHS + PLACES + NATIONS_AND_LANGUAGES)


def load_allow_list(path: Path | None = None) -> list[str]:
    """The defaults plus a deployment's own phrases (one a line; blank lines and `#` comments ignored).

    `path=None` gives the defaults. A path that does not exist or cannot be read raises `InputError`.
    """
    phrases = list(DEFAULT_ALLOW_LIST)
    if path is None:
        return phrases
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"The allow-list file {path.name!r} was not found. Create it (one service or place name a "
            "line, '#' for comments) or remove the allow-list setting to use the built-in list.",
            where=str(path),
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"The allow-list file {path.name!r} could not be read as UTF-8 text ({type(exc).__name__}). "
            "Save it as plain UTF-8 text, one phrase a line.",
            where=str(path),
        ) from exc
    phrases.extend(line.split("#", 1)[0] for line in text.splitlines())
    return _dedupe(phrases)
