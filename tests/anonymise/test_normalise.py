"""anonymise/normalise.py: the analysis text, and a map that covers every original character."""
import pytest

from anonymise.normalise import MappingError, Normalised, normalise

NORMALISED = [
    ("NHS no 943\u00a0476\u00a05919", "NHS no 943 476 5919"),
    ("call 07700\u200b900123", "call 07700900123"),
    ("Ma\u200bry Jones", "Mary Jones"),
    ("０７７００ ９００１２３", "07700 900123"),
    ("mary.jones at gmail dot com", "mary.jones@gmail.com"),
    ("mary dot jones (at) hotmail [dot] co [dot] uk", "mary.jones@hotmail.co.uk"),
    ("07700 9OO 123", "07700 900 123"),
    ("943 476 59l9", "943 476 5919"),
    ("Ma\u00adry \u202eJones\u202c", "Mary Jones"),
    ("m\u0430ry.jones@gmail.com", "mary.jones@gmail.com"),
    ("0 7 7 0 0 9 0 0 1 2 3", "07700900123"),
    ("ring oh seven seven double oh nine oh oh one two three", "ring 07700900123"),
    ("SW1A\u200b 1AA", "SW1A 1AA"),
    ("cafe\u0301", "café"),
    ("\ufeffHello\u2009there", "Hello there"),
]
UNCHANGED = [
    "Signed up with O2 last May.", "She has 3 kids aged 1 2 and 4.", "Meet at Tesco dot com? No.",
    "shop at tesco dot com", "I emailed him at work", "Олександр Шевченко", "Ελένη", "one two three four",
    "Room 1O", "Plain ASCII text with no tricks, £1,200 owed.", "OL1 1AB is Oldham.",
]


@pytest.mark.parametrize("raw,expected", NORMALISED)
def test_when_text_is_pasted_oddly_then_the_analysis_text_is_plain(raw, expected):
    assert normalise(raw).text == expected


@pytest.mark.parametrize("raw", UNCHANGED)
def test_when_text_is_ordinary_then_it_is_left_alone(raw):
    assert normalise(raw).text == raw


@pytest.mark.parametrize("raw,expected", NORMALISED)
def test_when_a_span_is_mapped_back_then_it_covers_every_original_character(raw, expected):
    n = normalise(raw)
    assert n.to_original(0, len(n.text)) == (len(raw) - len(raw.lstrip("\ufeff")), len(raw.rstrip("\u202c")))


@pytest.mark.parametrize("raw,value,original", [
    ("Saw Ma\u200bry today", "Mary", "Ma\u200bry"),
    ("Tel 0 7 7 0 0 9 0 0 1 2 3 ok", "07700900123", "0 7 7 0 0 9 0 0 1 2 3"),
    ("Email mary.jones at gmail dot com now", "mary.jones@gmail.com", "mary.jones at gmail dot com"),
    ("NHS ９４３ ４７６ ５９１９.", "943 476 5919", "９４３ ４７６ ５９１９"),
])
def test_when_an_identifier_is_found_then_its_original_span_holds_all_of_it(raw, value, original):
    n = normalise(raw)
    start = n.text.index(value)
    a, b = n.to_original(start, start + len(value))
    assert raw[a:b] == original


def test_when_a_span_is_outside_the_text_then_mapping_fails_without_text():
    n = normalise("Ma\u200bry secret")
    with pytest.raises(MappingError) as exc:
        n.to_original(3, 99)
    assert "secret" not in str(exc.value) and "Mary" not in str(exc.value)


def test_when_the_map_is_broken_then_mapping_fails():
    with pytest.raises(MappingError):
        Normalised("abc", [0, 1, 5], [1, 2, 6], 3).to_original(0, 3)


@pytest.mark.parametrize("said,read", [
    ("she lives at number fourteen ash grove", "she lives at number 14 ash grove"),
    ("born the third of may nineteen seventy eight", "born the 3rd of may 1978"),
    ("dob the twenty-first of march two thousand and three", "dob the 21st of march 2003"),
    ("we live at one hundred and twelve mill lane", "we live at 112 mill lane"),
    ("in twenty twelve we moved", "in 2012 we moved"),
    # stay words
    ("no one came and one of them left", "no one came and one of them left"),
    ("i have three kids and twenty twelve was bad", "i have three kids and twenty twelve was bad"),
    ("the second time, at eight pm", "the second time, at eight pm"),
])
def test_when_numbers_are_said_in_words_then_years_days_and_house_numbers_read_as_digits(said, read):
    n = normalise(said)
    assert n.text == read
    if said != read:      # every digit maps back to the words it came from
        start = read.index(next(w for w in read.split() if any(c.isdigit() for c in w)))
        a, b = n.to_original(start, start + 1)
        assert said[a:b].strip() and not said[a:b].strip()[0].isdigit()


@pytest.mark.parametrize("said,read", [
    ("her postcode is l s six four a b ok", "her postcode is LS64AB ok"),
    ("ni number is q q one two three four five six c", "ni number is QQ123456C"),
    ("options a b or c, plan a b c d e", "options a b or c, plan a b c d e"),   # no digits: words
])
def test_when_a_code_is_said_letter_by_letter_then_it_reads_as_one_code(said, read):
    assert normalise(said).text == read
