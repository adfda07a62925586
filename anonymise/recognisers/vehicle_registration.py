"""UK vehicle registrations: current plates ("AB12 CDE", "ab12cde", "LV21 XYZ") anywhere, and the
older prefix ("A123 BCD") and suffix ("ABC 123D") plates only after a vehicle word ("reg", "car").

Extends Presidio's `UkVehicleRegistrationRecognizer`. A current plate scores 0.8 on its own when
its two-digit age identifier is a real one (02-29 or 51-79; others are dropped) and it is written
in capitals ("LV21 XYZ") or as one token ("lv21xyz"); in lower case with a space ("form hc12 and")
it needs a vehicle word. The older styles look too much like ordinary text ("b12 and", "M14 the")
to stand alone, so they always need the vehicle word, checked inside the pattern. The vehicle word may be
a few words away when the car is described first ("my car's a black Golf, E422 LXC", "the van, reg
ow03 frj"): up to four words, within the sentence.
"""
from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import UkVehicleRegistrationRecognizer

_SEP = r"[ \-]?"
_VEHICLE_WORD = (
    r"\b(?:reg(?:istration)?(?:[^\S\n]+(?:no|number|plate|mark))?|vrn|vrm|(?:number|licence|license)"
    r"[^\S\n]+plate|plates?|car|van|vehicle|motorbike|motorcycle)\b"
)
_FILLER = r"(?:[^\S\n]|[:=#.(\-]|\b(?:no|number|is|was|of)\b){1,8}"
_GAP = r"(?:['’]s)?(?:[^\S\n]+[A-Za-z][A-Za-z'’]{0,11}){0,4}[,:]?[^\S\n]+"   # "Vehicle on the licence: pk62 vjh"
_CURRENT = r"[A-HJ-PR-Y]{2}(?:0[1-9]|[1-7]\d)" + _SEP + r"[A-HJ-PR-Z]{3}"
_CURRENT_UNSPACED = _CURRENT.replace(_SEP, "")


class VehicleRegistrationRecognizer(UkVehicleRegistrationRecognizer):
    PATTERNS = [
        Pattern("UK vehicle registration (current, capitals)", r"(?-i:\b" + _CURRENT + r"\b)", 0.8),
        Pattern("UK vehicle registration (current, unspaced)", r"\b" + _CURRENT_UNSPACED + r"\b", 0.8),
        Pattern(
            "UK vehicle registration (current, after a vehicle word)",
            _VEHICLE_WORD + _FILLER + r"\K" + _CURRENT + r"\b",
            0.8,
        ),
        Pattern(
            "UK vehicle registration (any style, a few words after a vehicle word)",
            _VEHICLE_WORD + _GAP + r"\K(?:" + _CURRENT + r"|(?-i:[A-HJ-NPR-TV-Y]\d{1,3}" + _SEP + r"[A-HJ-PR-Y][A-HJ-PR-Z]{2}))\b",
            0.6,
        ),
        Pattern(
            "UK vehicle registration (prefix, 1983-2001, after a vehicle word)",
            _VEHICLE_WORD + _FILLER + r"\K[A-HJ-NPR-TV-Y]\d{1,3}" + _SEP + r"[A-HJ-PR-Y][A-HJ-PR-Z]{2}\b",
            0.6,
        ),
        Pattern(
            "UK vehicle registration (suffix, 1963-1983, after a vehicle word)",
            _VEHICLE_WORD + _FILLER + r"\K[A-HJ-PR-Z]{3}" + _SEP + r"\d{1,3}" + _SEP + r"[A-HJ-NPR-TV-Y]\b",
            0.6,
        ),
        Pattern(
            "Dateless and Northern Irish plates (UEZ 8080, KIG 5631, a few words after a vehicle word)",
            _VEHICLE_WORD + r"(?:[^\S\n]*[:(,]|[^\S\n]+[A-Za-z][A-Za-z'’]{0,11}){0,4}[^\S\n]*\(?[^\S\n]*"
            + r"\K(?<![A-Za-z])(?!(?-i:NHS|GP|UC|PIP|ESA|JSA|DLA|BBC|ITV|DPD|UPS|DHL|HSE|ICU|MP|PC|TV)\b)"
            + r"(?-i:[A-Z]{2,3}" + _SEP + r"(?!(?:19|20)\d\d\b)\d{1,4})\b",
            0.6,
        ),
    ]

    CONTEXT = ["vehicle", "registration", "reg", "number plate", "vrn", "dvla", "car", "van"]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop current-style plates with an age identifier never issued; otherwise keep the score."""
        plate = EntityRecognizer.sanitize_value(pattern_text, self.replacement_pairs)
        if len(plate) == 7 and plate[:2].isalpha() and plate[2:4].isdigit():
            age = int(plate[2:4])
            return None if 2 <= age <= 29 or 51 <= age <= 79 else False
        return None


def create(**options) -> VehicleRegistrationRecognizer:
    return VehicleRegistrationRecognizer(**options)
