import pytest

from anonymise.recognisers.date_of_birth import create

RECOGNISER = create()

VALID = [
    ("DOB 12/03/1961", ["12/03/1961"]),
    ("D.O.B: 12.03.61", ["12.03.61"]),
    ("d.o.b. 1.2.1990", ["1.2.1990"]),
    ("born 4 May 1987", ["4 May 1987"]),
    ("born on the 4th of May 1987", ["4th of May 1987"]),
    ("date of birth: 1987-05-04", ["1987-05-04"]),
    ("(dob 03/04/1955)", ["03/04/1955"]),
    ("Client (DOB 12-03-1961) attended", ["12-03-1961"]),
    ("DoB is 4 Sept 1950.", ["4 Sept 1950"]),
    ("born May 4th, 1987", ["May 4th, 1987"]),
    ("birthday 4th May 1990", ["4th May 1990"]),
    ("Date of Birth (dd/mm/yyyy): 05/11/1979", ["05/11/1979"]),
    ("DOB: 12 03 1961", ["12 03 1961"]),
    ("DOB:12/3/61", ["12/3/61"]),
    ("date of birth was given as 3 December 1944", ["3 December 1944"]),
]

NO_BIRTH_CONTEXT = [
    ("seen on 12/03/2024", []),
    ("appointment 4 May", []),
    ("appointment 4 May 2024", []),
    ("born in Leeds, seen 12/03/2024", []),        # only linking words may separate keyword and date
    ("DOB unknown, appointment 12/03/2024", []),
    ("newborn baby seen 12/03/2024", []),
    ("Mr Dobson 12/03/1961", []),
    ("date of 12/03/2024", []),
    ("born", []),
]

INVALID_DATES = [
    ("DOB 32/13/1961", []),
    ("DOB 1987-13-04", []),
    ("DOB 12/03/19612", []),
]

EDGE_CASES = [
    ("DOB 12/03/1961, seen 14/05/2024", ["12/03/1961"]),  # only the date after the keyword
    ("D.O.B.12/03/1961", ["12/03/1961"]),
    ("DOB 03/25/1970", ["03/25/1970"]),                   # month-first is accepted
    ("DOB 12/03-1961", []),                                # mixed separators
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_date_follows_birth_word_then_only_the_date_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NO_BIRTH_CONTEXT)
def test_when_date_has_no_birth_context_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), INVALID_DATES)
def test_when_date_is_impossible_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES)
def test_when_edge_case_then_spans_match_the_table(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
