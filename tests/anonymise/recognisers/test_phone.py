import pytest

from anonymise.recognisers.phone import (
    CONTEXT_SCORE,
    UK_SHAPE_SCORE,
    VALID_SCORE,
    create,
)

RECOGNISER = create()

VALID = [
    ("07700 900123", ["07700 900123"]),              # Ofcom drama range: not "valid" to phonenumbers
    ("07700900123", ["07700900123"]),
    ("+44 7700 900123", ["+44 7700 900123"]),
    ("+44 (0)7700 900123", ["+44 (0)7700 900123"]),
    ("(020) 7946 0321", ["(020) 7946 0321"]),
    ("020 7946 0321", ["020 7946 0321"]),
    ("0161 496 0000", ["0161 496 0000"]),
    ("01632 960123", ["01632 960123"]),              # drama landline range
    ("0800 123 4567", ["0800 123 4567"]),
    ("0113 496 0999", ["0113 496 0999"]),
    ("0044 20 7946 0321", ["0044 20 7946 0321"]),
    ("call 07700-900-123 after 3pm", ["07700-900-123"]),
    ("mob:07700 900 123.", ["07700 900 123"]),
    ("Tel (0161) 496 0000", ["(0161) 496 0000"]),
    ("0345 040 3020", ["0345 040 3020"]),
]

NOT_PHONE_NUMBERS = [
    ("NHS 943 476 5919", []),        # a checksummed NHS number belongs to the NHS recogniser
    ("9434765919", []),
    ("DOB 12/03/1961", []),
    ("seen on 01.02.2024", []),
    ("01/02/2024 09:30", []),
    ("owes £1,200 in arrears", []),
    ("paid 1200 in 2024", []),
    ("account 31926819", []),
    ("sort code 01-23-45", []),
    ("crime ref 042/123456/24", []),
    ("01234", []),
    ("0000 000 0000", []),
]

EDGE_CASES = [
    ("07700 900123 or 0113 496 0999", ["07700 900123", "0113 496 0999"]),
    ("+48 512 345 678", ["+48 512 345 678"]),        # a valid international number is kept
    ("tel07700900123", ["07700900123"]),
    ("0800 800 150", ["0800 800 150"]),              # ten-digit freephone
    ("rang 07700 900123 2 times", ["07700 900123"]),  # phonenumbers' matcher alone misses this
    ("call 0161 496 0000 3 times", ["0161 496 0000"]),
    ("numbers 0161 496 0000 07700 900123", ["0161 496 0000", "07700 900123"]),
    ("07700 900123/07700 900124", ["07700 900123", "07700 900124"]),
    ("TEL:+447700900123", ["+447700900123"]),
    ("1,07700900123", []),                           # inside a longer number
]


FOREIGN = [
    ("They're not answering at 0489 25 37 29", ["0489 25 37 29"]),   # trunk 0, valid in Belgium
    ("registered 0961-7596216.", ["0961-7596216"]),
    ("Mobile: 03.93.92.16.85", ["03.93.92.16.85"]),                  # French dotted pairs
    ("905-674-3793", ["905-674-3793"]),                              # US shapes need no context
    ("(579)888-3058", ["(579)888-3058"]),
    ("Fax: 259.735.7502x459", ["259.735.7502x459"]),                 # with an extension
    ("Desk: (898)666-3621x0135", ["(898)666-3621x0135"]),
    ("+1-202-555-0136", ["+1-202-555-0136"]),
    ("+41 (0)96 471 07 95", ["+41 (0)96 471 07 95"]),
    ("+46 (0)8 928 571 38", ["+46 (0)8 928 571 38"]),
    ("001-518-640-0854", ["001-518-640-0854"]),
]

SHORT_WITH_CONTEXT = [  # short local numbers only count next to a phone word or label
    ("Phone: 467 3395", ["467 3395"]),
    ("Can someone call me on 9472 7916?", ["9472 7916"]),
    ("Phone:\n60-56-85-91", ["60-56-85-91"]),
    ("Fax: 9498777106", ["9498777106"]),
    ("416 60 039 office", ["416 60 039"]),
    ("(37) 788-063-Office", ["(37) 788-063"]),
    ("NI 61089 28-64-66-98 office 930.167.3943 fax", ["28-64-66-98", "930.167.3943"]),
]

NOT_FOREIGN = [
    ("467 3395", []),                          # no phone word: could be anything
    ("invoice 1234567", []),
    ("phone re account 12345678", []),         # an account number, even near "phone"
    ("Tel: 943 476 5919", []),                 # a checksummed NHS number stays the NHS recogniser's
    ("Phone him about card 4111111111111111", []),
    ("rang her on 01.02.2024", []),            # a date
    ("ref 1234 5678", []),
    ("2,345,678 people", []),
    ("in 1998 2001 and 2004", []),
    ("0000 000 0000", []),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_uk_phone_number_in_a_usual_shape_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_PHONE_NUMBERS)
def test_when_number_is_not_a_phone_number_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES)
def test_when_edge_case_then_spans_match_the_table(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(
    ("text", "score"), [("020 7946 0321", VALID_SCORE), ("07700 900123", UK_SHAPE_SCORE)]
)
def test_when_number_is_only_uk_shaped_then_it_scores_below_a_valid_one(text, score):
    (result,) = RECOGNISER.analyze(text, RECOGNISER.supported_entities, None)
    assert result.score == score


@pytest.mark.parametrize(("text", "expected"), FOREIGN)
def test_when_foreign_phone_number_in_a_usual_shape_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), SHORT_WITH_CONTEXT)
def test_when_short_number_has_a_phone_word_then_it_is_found_at_a_lower_score(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
    results = RECOGNISER.analyze(text, RECOGNISER.supported_entities, None)
    assert all(CONTEXT_SCORE <= r.score < VALID_SCORE for r in results)


@pytest.mark.parametrize(("text", "expected"), NOT_FOREIGN)
def test_when_digits_are_not_a_foreign_phone_number_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
