"""Words around names and the cue rules of the person-name recogniser (`anonymise.recognisers.names`).

Cue rules take a word that is in NO name list when the words around it make it a person:
  contact  after "visit to", "call with/to/from", "call w/", "spoke to/with", "heard from", "saw", "met",
           "visited", "supporting", "rang", "thank you,", "thanks," ...: "Home visit to Siobhán",
           "Phone call with CHIOMA ADEWALE", "Thank you, aled"   (known 0.7; unknown 0.65; lower 0.6; "Grace" 0.55)
  report   before a speech or report verb, ", dob/born/aged" or "from the team": "Guled explained",
           "Aled Thwaites rang", "noreen attended" (lower case only starting a sentence), "Guled, dob ..."  (0.65)
  speaker  a transcript speaker label at the start of a line: "Amira: ..."                   (0.7)
  form     "Name: EGAL, Sahra": surname first, one span with the comma                        (0.85)
  month    a month that is a first name and a known surname: "Saw June Demir" (not "in June Smith")  (0.8)
An unknown word is taken only if it is not an ordinary word in that position: capitalised, it must not be
exactly an English lemma, a common word (or its inflection) or a plural of a lemma ("Aled" is not "ale"+"d");
ALL CAPS or lower case, it must not be a lemma or any simple inflection of one, nor text-speak ("isnt").
Never: stop words, titles, relationship words, days and months, allow-listed words, street/organisation
words, tokens inside e-mail addresses or codes, words after a house number.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from anonymise.tokens import Tok

_WORDS = str.split
# ---- Words around names (lower-case) ---------------------------------------------------------------
TITLES = frozenset(_WORDS("mr mrs ms mx miss dr doctor prof professor sir dame rev revd reverend cllr councillor"))
TITLES_ALSO_WORDS = frozenset(_WORDS("miss doctor professor sir dame"))  # lower case: need a known name next
_REL = ("son daughter child kid baby mum mam mom mummy mother dad daddy father parent partner husband wife "
        "spouse boyfriend girlfriend fiance fiancee fiancé fiancée ex brother sister sibling twin nan nana nanna "
        "gran granny grandma grandmother grandad granddad grandpa grandfather grandson granddaughter "
        "grandchild niece nephew uncle aunt auntie aunty cousin neighbour neighbor friend mate carer "
        "caregiver client tenant landlord landlady flatmate housemate lodger colleague worker keyworker "
        "caseworker advisor adviser officer counsellor therapist mentor volunteer eldest youngest oldest")
REL_RE = re.compile(r"(?:ex-?|step-?|half-?)?(?:%s)(?:s|es)?(?:-in-law)?|children|kids|grandchildren|regulars"
                    % "|".join(_REL.split()))
NAMING = frozenset(_WORDS("named called aka nicknamed"))
GREETINGS = frozenset(_WORDS("dear hi hiya hello"))  # "Dear Grace," in a copied letter or e-mail
# After a common-word name at the start of a sentence, these verbs make it a person: "Grace said".
SPEECH_VERBS = frozenset(_WORDS(
    "said says told asked rang phoned called emailed texted messaged attended explained stated reported "
    "disclosed declined refused agreed wants wanted feels felt thinks thought lives mentioned confirmed"))
# "a man called Steve", "she is called Jaz": the word before "called" that makes it a naming
PERSON_NOUNS = frozenset(_WORDS("a an man woman boy girl lady guy bloke someone somebody person"
                             " chap lad is was be been"))
POSSESSIVES = frozenset(_WORDS("her his my their our your the client's clients' whose"))
NON_NAME = frozenset(_WORDS(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december mon tue tues wed thu thur thurs fri sat sun jan feb mar "
    "apr jun jul aug sep sept oct nov dec i ok okay re fw fwd cc pm am nfa dna dob doa nino tel mob ref "
    "email e-mail econsult yaris corsa micra qashqai fiesta berlingo zafira sandero octavia"  # car models
    " i'm i've i'd i'll im"
    " mate mates love hun hon pet babe darling bro sis guys all everyone folks team"))  # terms of address
# Words after a name that make it a street, building or organisation ("Victoria Street", "Hope House").
SUFFIXES = frozenset(_WORDS(
    "road rd street st avenue ave lane ln close drive dr way crescent place square gardens court terrace "
    "mews row walk rise parade estate house centre center hospital hospice school academy college boulevard "
    "university surgery practice clinic station line housing homes home trust foundation project council "
    "ltd limited plc llp co inc corp llc gmbh sons bros solicitors associates partners investments services "
    "service church chapel mosque temple gurdwara library nursery primary ward unit tower building "
    "buildings market arms inn hotel hostel lodge group charity society association fund partnership "
    "network hub cafe café club team programme program campaign appeal bank orchestra band loop bypass "
    "trail creek union flat flats cliffs pass point points crossing junction ridge valley plaza highway "
    "motorway wharf quay circus approach embankment"))
LOWER_SUFFIXES = frozenset(_WORDS("road street avenue station line hospital surgery clinic ward estate"))
# ... and words that are also common surnames: they end a name only when another suffix follows
# ("Forrest Hill Road"), otherwise "Callum Hill" is a full name.
SURNAME_SUFFIXES = frozenset(_WORDS("hill hills green park parks hall wells banks chase wood cross bridge "
                                    "field fields vale brook grove heath"))
PARTICLES = frozenset(_WORDS("van von de der den da di du le la ten ter bin binti bint al el ibn abu dos das "
                             "del della"))
PLACE_PREFIXES = frozenset(_WORDS("st saint san santa sao são los las rue rua via avenida avda calle ul "
                                  "port fort mount lake"))
BLOCKERS = frozenset(_WORDS(
    "the a an this that these those in on at of for by since until till during every each next last our "
    "your their its my his her no some any all from into via per"))
CONTRACTED = frozenset(_WORDS("i you we they he she it that there who what where let don can won isn"))

@functools.lru_cache(maxsize=4096)
def is_rel(low: str) -> bool:
    """A relationship word: "son", "ex-partner", "step-daughters", "sister-in-law"."""
    return bool(REL_RE.fullmatch(low))


# A label opening a line: "Worker:", "Q:", "INT:", "Mrs. E Kaya:", "Participant 2:", "Support needed:".
_LINE_LABEL = re.compile(r"[ \t•*>–—-]*[^\W_][\w .'’()/&-]{0,38}:[ \t]*\Z")


def utterance_start(text: str, toks: list[Tok], i: int) -> bool:
    """Token i opens a sentence after a label at the start of its line: "Worker: Will you be okay?",
    "R: Bill after bill", "Support needed: Mark the file". A lower-case word must follow it on the line
    (a bare field value, "Next of kin: Grace", or a full name, "Name: Will Smith", is not a sentence)."""
    tok = toks[i]
    head = text[text.rfind("\n", 0, tok.start) + 1:tok.start]
    if ":" not in head or i + 1 >= len(toks):
        return False
    gap, nxt = text[tok.end:toks[i + 1].start], toks[i + 1]
    if not (gap == " " and (nxt.shape == "lower" or nxt.text == "I") or gap in ("'s ", "’s ") and nxt.shape == "lower"):
        return False  # "Worker: Will you", "R: Will I get ...", "R: Summer's worse"
    return bool(_LINE_LABEL.match(head)) and len(head.split()) <= 5


def slot_gap_ok(text: str, toks: list[Tok], i: int) -> bool:
    """The gap after relationship or naming word i leads to its name slot ("her son, Dev", "daughter (Amira)"):
    not a line break, a possessive ("son's") or a speaker label before an utterance ("Worker: Will you")."""
    gap = text[toks[i].end:toks[i + 1].start]
    if "\n" in gap or gap.strip(" ,(:-–—\"'“") != "" or text[toks[i].end:toks[i].end + 2] in ("'s", "’s"):
        return False
    return ":" not in gap or not utterance_start(text, toks, i + 1)


# ---- Cue words (lower-case) ------------------------------------------------------------------------
# A name follows these directly ("Saw Aled", "met with Zofia", "supporting Guled").
CONTACT_WORDS = frozenset(_WORDS("saw met visited visiting supporting supported phoned rang texted emailed "
                                 "messaged contacted starring featuring"))
# ... or these and a preposition: "visit to", "call with", "call w/", "spoke to", "heard from".
CONTACT_HEADS = frozenset(_WORDS("visit visits call calls calling spoke speak speaking spoken talked talk talking "
                                 "chat chatted chatting heard meeting session appointment catch-up message text msg"))
CONTACT_PREPS = frozenset(_WORDS("to with from by"))
# Verbs whose object is a person, and phrases ending "to"/"by" before one: "asked jo to", "told thu",
# "according to mo", "case passed to dom", "seen by dr li" (they join CONTACT_WORDS / CONTACT_HEADS).
PERSON_OBJECT_VERBS = frozenset(_WORDS("asked told advised informed reminded thanked accompanied collected "
                                       "signposted"))
PERSON_OBJECT_HEADS = frozenset(_WORDS("according passed handed seen referred introduced"))
# Two- and three-letter given names and diminutives common across UK communities (English, Scottish, Irish,
# Welsh, South Asian, Chinese, Vietnamese, Korean, West African, Arabic); written from general knowledge,
# not from any test set. Many are also short words or abbreviations ("mo", "jo", "ed", "di"), so they are
# taken in lower case only in a person slot (after a contact, object or report cue, a title or a relationship
# word), never on their own strength.
SHORT_GIVEN = frozenset(_WORDS(
    "jo mo bo al ed di vi ty si cy em ez ali amy ann bea bev ben bex cal dom dot eve fay gaz guy hal ian "
    "ida isa jan jas jaz jay jen jim joe jon kai kat kaz kev kim kit len lee leo lou liz lyn mel meg mia nat "
    "ned nia nic pat peg raj ram ray rob ron roy sam sal sid sue taz ted tim tom val viv wyn zac zak zoe "
    "abu ade aba ama ayo bim dee efe ife obi oke ola uju "
    "li xu wu vu hu ma yi yu bo lei lin jun hui hao qi thi thu mai lan hoa duc anh binh huy kim lee min "
    "wei xin yan mei jie fei hua jia yue ying ling qing "
    "sun woo ji hye "
    "adi ali ari avi eli ira jai ravi sai anu oma huda nur noor"))
# Short surnames (Chinese, Vietnamese, Korean) taken in lower case after a first name or a title.
SHORT_SURNAMES = frozenset(_WORDS("li xu wu vu hu ma ng ho yu lu he lo lam lee kim park choi tran pham le ly "
                                  "vo do bui dao ngo mai lin hao fu gu tan yip"))
THANKS = frozenset(_WORDS("thank thanks cheers"))
# A name comes just before these: "Guled explained", "Aled Thwaites rang the office".
REPORT_VERBS = frozenset(_WORDS(
    "said says told tells explained explains reported reports mentioned mentions admitted admits confirmed "
    "confirms attended attends came comes rang rings phoned asked asks stated states disclosed discloses "
    "agreed agrees feels felt thinks thought wants wanted lives described describes shared shares added "
    "replied arrived called texted emailed messaged popped dropped turned spent began started joined"))
# After a name: ", dob 7.8.1992", ", born 1950", ", aged 34", " from the team".
_AFTER_NAME = re.compile(r",? ?\(?(?:dob\b|d\.o\.b|born\b|aged?\b|date of birth)|"
                         r" from (?:the|our) (?:team|office|project|charity|centre|center|service|staff)\b",
                         re.IGNORECASE)
AFTER_TRIGGERS = frozenset(_WORDS("dob d born aged age date from"))
# Transcript and form labels that are not speakers ("Interviewer:", "Tel:").
LABELS = frozenset(_WORDS(
    "interviewer interviewee resident client staff worker volunteer caseworker note notes action actions outcome "
    "date time ref re subject from to cc bcc tel mob mobile phone email address postcode ward dob nino ni nhs q a "
    "ps nb fyi summary update attendees present apologies agenda name names participant respondent facilitator "
    "speaker chair member customer patient tenant caller officer advisor adviser manager coordinator reason "
    "referral referrer source type status priority category int intv iv res resp mod fac participant area age "
    "transcript story adv advr cw sw kw vol su sup caseworker keyworker customer visitor person guest user "
    "booker driver escort passenger dispatcher befriender mentor carer nurse doctor gp receptionist interpreter "
    "parent pupil student learner applicant complainant landlord agent host"))
# Lower-case words that are not dictionary lemmas but are not names either.
TEXTSPEAK = frozenset(_WORDS(
    "isnt dont cant wont didnt doesnt hasnt havent wasnt werent arent couldnt wouldnt shouldnt aint im ive id "
    "ill hes shes theyre thats theres whats youre youve weve tho thru u ur yr pls plz thx ty cos coz cuz gonna "
    "wanna gotta yeah yeh yep yup nope nah innit lol omg aswell alot etc eg ie asap tbc tba btw imo idk okay "
    "hiya xx xxx ta hun babe bday"))
# Months that are also first names: a name only with a known surname after ("June Demir", not "June 2024").
MONTH_NAMES = frozenset(_WORDS("april may june august"))
_DATE_WORDS = frozenset(_WORDS("in on of since until till by from last next early late mid during before after"))
CONTACT_WORDS = CONTACT_WORDS | PERSON_OBJECT_VERBS
CONTACT_HEADS = CONTACT_HEADS | PERSON_OBJECT_HEADS
LOWER_TITLES = frozenset(_WORDS("mr mrs ms mx dr cllr revd"))  # lower-case titles that are never everyday words
_NOT_AFTER_TITLE = frozenset(_WORDS("and or the a an is was to of in on at for with by from if as but not so has had "
                                    "have will would can could said says who which that this there their"))
CUE_TRIGGERS = CONTACT_WORDS | CONTACT_HEADS | THANKS | REPORT_VERBS | AFTER_TRIGGERS | MONTH_NAMES | {"name"}
_VOWELS = frozenset("aeiouy")
_SURNAME_PARTICLE = re.compile(r"(?:al|el|abu|abou|bin|ben|ibn|bint|ould|ul|ud)-[a-z]{2,}$")


class CueRules:
    """The contact, report and speaker rules; mixed into `NameRecogniser` (which supplies `lex`, `_allow`,
    `_blocked`, `_known`, `_extend`, `_list_next` and the text helpers)."""

    # ---- word classes -------------------------------------------------------------------------
    def _allowed_word(self, tok: Tok) -> bool:
        """The token alone is an allow-listed phrase ("Penrith", "Shelter")."""
        return any(len(words) == 1 for words in self._allow.get(tok.low, ()))

    def _unknown_ok(self, tok: Tok) -> bool:
        """A word in no name list that can still be a name in a strong person context (see the docstring)."""
        key, lex = tok.key, self.lex
        if len(key) < 2 or self._blocked(tok) or self._allowed_word(tok) or key in lex.common:
            return False
        parts = [p for p in re.split(r"[-']", key) if p]
        if tok.shape == "title":
            return not any(lex.plain_word(p) for p in parts)
        if len(key) < 3 or key in TEXTSPEAK or not _VOWELS.intersection(key) or key in LABELS:
            return False
        return tok.shape in ("upper", "lower") and not any(lex.in_dictionary(p) for p in parts)

    def _cue_score(self, tok: Tok) -> Optional[float]:
        """Score for a token in a contact slot, or None."""
        key, lex = tok.key, self.lex
        if self._blocked(tok) or self._allowed_word(tok) or len(key) < 2:
            return None
        if tok.shape == "lower":
            return 0.6 if key in lex.lower_first or key not in lex.common and key in lex.first \
                and not lex.in_dictionary(key) or self._unknown_ok(tok) or key in SHORT_GIVEN else None
        if tok.shape not in ("title", "upper"):
            return None
        if self._known(tok.low) and key not in lex.common:
            return 0.7
        if key in lex.first:  # a name that is also a common word: "Spoke to Grace"
            return 0.55 if tok.shape == "title" else None
        return 0.65 if self._unknown_ok(tok) else None

    def _run_ok(self, tok: Tok) -> bool:
        """A capitalised or ALL-CAPS token that can be part of a name before a report verb."""
        lex = self.lex
        if self._blocked(tok) or self._allowed_word(tok) or tok.key in SUFFIXES:
            return False
        if self._known(tok.low) and tok.key not in lex.common:
            return True
        return self._unknown_ok(tok)

    def _allowed_spans(self, toks: list[Tok]) -> list[tuple[int, int]]:
        spans = []
        for i, tok in enumerate(toks):
            for words in self._allow.get(tok.low, ()):
                if tuple(t.low for t in toks[i:i + len(words)]) == words:
                    spans.append((tok.start, toks[i + len(words) - 1].end))
                    break
        return spans

    def _parts_known(self, key: str, min_parts: int = 1) -> bool:
        """`key` is a short surname, or has at least `min_parts` parts (split at - and ') all of them names."""
        parts = [p for p in re.split(r"[-']", key) if p]
        lex = self.lex
        return key in SHORT_SURNAMES or len(parts) >= min_parts and all(
            p in lex.surnames or p in lex.first or p in SHORT_SURNAMES for p in parts)

    def _lower_title_head(self, title: str, head: Tok) -> bool:
        """After a lower-case "mr", "mrs", "ms", "mx" or "dr": a surname in lower case. "mrs li", "dr. vu" yes;
        after "mr"/"mrs" a name that is also a word too ("mr white"); "dr appointment", "ms symptoms" no."""
        key, lex = head.key, self.lex
        if len(key) < 2 or key in NON_NAME or is_rel(key) or key in TITLES or key in _NOT_AFTER_TITLE:
            return False
        known = self._parts_known(key) or bool(_SURNAME_PARTICLE.match(key))  # "al-sayed", "abu-bakr"
        if title in ("mr", "mrs") and (known or key in lex.common):
            return True
        if title == "miss":  # "miss" is also a verb: only a word that is no English word at all ("miss agyeman")
            return not known and not self._wordy(key) or known and not self._plain_name_parts(key)
        # not an exact English word, part by part ("dr macleod", "dr al-sayed"; never "dr appointment")
        return known and key not in lex.common or not self._wordy(key) or not self._plain_name_parts(key)

    # ---- rules ---------------------------------------------------------------------------------
    def _cue_rules(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        low = toks[i].low
        if low == "name":
            self._form_name_rule(text, toks, i, found)
        if low in CONTACT_WORDS or low in CONTACT_HEADS or low in THANKS:
            self._contact_rule(text, toks, i, found)
        if low in MONTH_NAMES:
            self._month_name_rule(text, toks, i, found)
        if i and (low in REPORT_VERBS or low in AFTER_TRIGGERS):
            self._report_rule(text, toks, i, found)

    def _contact_slot(self, text: str, toks: list[Tok], i: int) -> Optional[int]:
        tok, n = toks[i], len(toks)
        j = i + 1
        if j < n and tok.low in THANKS and self._signed_below(text, toks, i):
            return j  # "Thanks,\nbex": a sign-off on the next line
        if j >= n or "\n" in text[tok.end:toks[j].start]:
            return None
        nxt = toks[j]
        if tok.low in CONTACT_WORDS:
            j += nxt.low == "with" and self._gap(text, tok, nxt) == " "  # "met with"
        elif tok.low in CONTACT_HEADS:
            if not (nxt.low in CONTACT_PREPS and self._gap(text, tok, nxt) == " "
                    or nxt.low == "w" and text.startswith("/", nxt.end)):  # "call w/ Aled"
                return None
            j += 1
        elif tok.low == "thank":
            if nxt.low != "you":
                return None
            j += 1
        if j >= n or j == i + 1 and self._gap(text, tok, nxt).strip() not in ("", ","):
            return None
        gap = self._gap(text, toks[j - 1], toks[j])
        return j if "\n" not in gap and gap.strip(" ,/:") == "" else None

    @staticmethod
    def _signed_below(text: str, toks: list[Tok], i: int) -> bool:
        """Token i ("Thanks", "Cheers") ends its line, and the next line holds one or two words only."""
        gap = text[toks[i].end:toks[i + 1].start]
        if gap.replace("\n", "").strip(" ,!.") != "" or gap.count("\n") != 1:
            return False
        line_end = text.find("\n", toks[i + 1].start)
        line = text[toks[i + 1].start:len(text) if line_end < 0 else line_end]
        return 1 <= len(line.split()) <= 2 and not any(c.isdigit() for c in line)

    def _contact_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Home visit to Siobhán", "Tel call w/ BRONWEN", "Thank you, aled": the name after a contact cue."""
        j = self._contact_slot(text, toks, i)
        while j is not None and j < len(toks):
            score = self._cue_score(toks[j])
            if score is None or self._embedded(text, toks[j]) or self._address_like(text, toks, j):
                return
            last, ext = self._extend(text, toks, j)
            if self._suffix_after(text, toks, last):
                return
            found.append((toks[j].start, toks[last].end, max(score, ext), "contact"))
            j = self._list_next(text, toks, last)

    def _report_rule(self, text: str, toks: list[Tok], k: int, found: list) -> None:
        """"Guled explained", "Aled Thwaites rang", "noreen attended", "Guled, dob ...": the name before."""
        tok, prev = toks[k], toks[k - 1]
        gap = self._gap(text, prev, tok)
        if tok.low in REPORT_VERBS:
            if gap != " " or tok.shape == "title" or tok.shape == "upper" and prev.shape != "upper":
                return
        elif not _AFTER_NAME.match(text, prev.end):
            return
        if prev.shape == "lower":
            if not self._sentence_start(text, toks, k - 1) or self._embedded(text, prev):
                return
            key, lex = prev.key, self.lex
            if key in lex.first and key not in lex.common or self._unknown_ok(prev) or key in SHORT_GIVEN:
                found.append((prev.start, prev.end, 0.6, "report"))
            return
        if prev.shape not in ("title", "upper"):
            return
        start = k - 1
        while start >= 0 and k - start <= 3 and toks[start].shape == prev.shape and self._run_ok(toks[start]) \
                and (start == k - 1 or self._gap(text, toks[start], toks[start + 1]) == " "):
            start -= 1
        start += 1
        if start > k - 1 or any(self._embedded(text, t) for t in toks[start:k]) \
                or self._address_like(text, toks, start):
            return
        found.append((toks[start].start, prev.end, 0.65, "report"))

    def _month_name_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Saw June Demir", "Name: April Nowak": a month that is a first name, then a known surname."""
        tok = toks[i]
        if tok.shape == "lower" or self._embedded(text, tok) or self._address_like(text, toks, i) \
                or i and toks[i - 1].low in _DATE_WORDS or text[max(0, tok.start - 3):tok.start].strip(" ,")[-1:].isdigit():
            return  # "in June Smith ...", "3 June"
        last, score = self._extend(text, toks, i, strict=True)
        if last > i and not self._suffix_after(text, toks, last):
            found.append((tok.start, toks[last].end, score - 0.05, "month name"))

    def _form_name_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Name: EGAL, Sahra" on a form: surname first, one span with the comma."""
        if i + 2 >= len(toks) or ":" not in self._gap(text, toks[i], toks[i + 1]):
            return
        surname, first = toks[i + 1], toks[i + 2]
        if surname.shape == first.shape == "lower" and self._gap(text, surname, first) == ", " \
                and text[first.end:first.end + 1] in ("\n", "") and not self._blocked(surname) \
                and (surname.key in self.lex.surnames or first.key in self.lex.first or self._unknown_ok(surname)):
            found.append((surname.start, first.end, 0.8, "form name"))  # "Name: eze, chinedu" on its own line
            return
        if surname.shape != "upper" or self._gap(text, surname, first) != ", " or first.shape not in ("title", "upper"):
            return
        known_first = first.key in self.lex.first and first.key not in self.lex.common  # "SAMUELS, Chantelle"
        if (surname.key in self.lex.surnames or self._unknown_ok(surname) or known_first) and self._run_ok(first):
            found.append((surname.start, first.end, 0.85, "form name"))

    def _speaker_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Amira: I've lived here ten years.": a transcript speaker label at the start of a line."""
        tok = toks[i]
        line_start = text.rfind("\n", 0, tok.start) + 1
        if text[line_start:tok.start].strip(" \t-•*>") or tok.key in LABELS:
            return
        if self._run_ok(tok) or tok.shape == "title" and tok.key in self.lex.first:
            found.append((tok.start, tok.end, 0.7, "speaker"))
