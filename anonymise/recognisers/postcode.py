"""UK postcodes: full ("M14 5RT", "ec1a1bb") and, with context, the outward code alone ("postcode M14",
"the SE13 area", "It's BD3, the postcode", "area covered: S4", "outside our area (M40)", "catchment check - LS6").

Extends Presidio's `UkPostcodeRecognizer`: its shape rules are kept, but a full postcode scores
high on its own (Presidio gives 0.1 and relies on the context enhancer) and the area letters must
be one of the 124 real postcode areas, which rejects look-alikes such as "A1 2BC" or "Q9 9XX".
"""
from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer

# The 121 postcode areas of the UK plus the Crown dependencies (GY, JE, IM).
AREAS = frozenset(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE "
    "LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL "
    "SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE".split()
)

_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?"          # M1, M14, W1A
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"  # SE1, SE13, EC1A
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_SP = r"(?:[^\S\n]{0,3}|[^\S\n]?-[^\S\n]?)"  # spaces (none to three: "N17  4WG") or a dash ("HU5-1SY"), no line break
_NOT_FOLLOWED_BY_INWARD = r"(?!" + _SP + _INWARD + r"\b)"
# "postcode M14", "post code: SE13", "postcode district is LS6", "postal district M20"
_KEYWORD_BEFORE = (
    r"\b(?:post[^\S\n]?-?code|postal[^\S\n]+(?:code|district|area))"
    r"(?:[^\S\n]|[:=(\-]|\b(?:area|district|is|was|of)\b){1,8}"
)
# "area covered: S4", "outside our area (M40)", "catchment: LS6", "our patch - BD3": an area word and
# punctuation just before (a colon, a bracket or a dash), so "the area M1 motorway" needs that punctuation too.
_AREA_BEFORE = (
    r"\b(?:area(?:[^\S\n]+(?:covered|code))?|catchment(?:[^\S\n]+(?:area|check))?|patch|district)"
    r"[^\S\n]*[:(\-–][^\S\n]*"
)
# "the SE13 area", "M14 postcode", "It's BD3, the postcode", "N17 is my postcode"
_KEYWORD_AFTER = (
    r"(?=[^\S\n]+(?:area|district|post[^\S\n]?-?code)\b"
    r"|[^\S\n]*,?[^\S\n]+(?:(?:is|was|being)[^\S\n]+)?(?:the|my|her|his|their|our|your)[^\S\n]+"
    r"post[^\S\n]?-?code\b)"
)


class PostcodeRecognizer(UkPostcodeRecognizer):
    """Full UK postcodes anywhere; outward codes only next to a postcode/area word."""

    PATTERNS = [
        Pattern("UK postcode (full)", r"\b(?:GIR[^\S\n]?0AA|" + _OUTWARD + _SP + _INWARD + r")\b", 0.9),
        Pattern(
            "UK postcode (outward code after 'postcode')",
            _KEYWORD_BEFORE + r"\K" + _OUTWARD + r"\b" + _NOT_FOLLOWED_BY_INWARD,
            0.6,
        ),
        Pattern(
            "UK postcode (outward code after an area word and a colon, bracket or dash)",
            _AREA_BEFORE + r"\K" + _OUTWARD + r"\b" + _NOT_FOLLOWED_BY_INWARD + r"(?![^\S\n]*(?i:motorway|road))",
            0.6,
        ),
        Pattern(
            "UK postcode (outward code before 'area')",
            r"\b" + _OUTWARD + r"\b" + _NOT_FOLLOWED_BY_INWARD + _KEYWORD_AFTER,
            0.6,
        ),
    ]

    CONTEXT = ["postcode", "post code", "postal code", "area", "district", "address", "lives", "moved"]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject codes whose leading letters are not a real postcode area; otherwise keep the score."""
        code = pattern_text.upper().replace(" ", "")
        if code == "GIR0AA":
            return None
        area = code[:2] if code[1].isalpha() else code[:1]
        return None if area in AREAS else False


def create(**options) -> PostcodeRecognizer:
    return PostcodeRecognizer(**options)
