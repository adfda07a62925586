import pytest

from anonymise.recognisers.email import create

RECOGNISER = create()

VALID = [
    ("jo.bloggs@example.org", ["jo.bloggs@example.org"]),
    ("name.surname+tag@sub.domain.co.uk", ["name.surname+tag@sub.domain.co.uk"]),
    ("J.Smith@Example.ORG", ["J.Smith@Example.ORG"]),
    ("JO.BLOGGS@EXAMPLE.ORG", ["JO.BLOGGS@EXAMPLE.ORG"]),
    ("first_last@nhs.net", ["first_last@nhs.net"]),
    ("x@y.io", ["x@y.io"]),
    ("email her on sam-o'neill99@mail.example.co.uk today", ["sam-o'neill99@mail.example.co.uk"]),
    ("a@b.com and c@d.org", ["a@b.com", "c@d.org"]),
]

NOT_EMAILS = [
    ("name@localhost", []),        # no top-level domain
    ("follow @community_hub", []),
    ("bob@ example.com", []),
    ("a@b.c", []),                 # one-letter top-level domain
    ("12@3.45", []),
    ("user@123.45.67.89", []),     # judged: IP-literal domains are not matched
    ("meet @ 10am", []),
    ("email address not given", []),
]

EDGE_CASES = [
    ("Contact: sam@x.co.uk.", ["sam@x.co.uk"]),           # sentence full stop not included
    ("mailto:sam@x.co.uk", ["sam@x.co.uk"]),
    ("<sam@x.co.uk>", ["sam@x.co.uk"]),
    ("(sam@x.co.uk)", ["sam@x.co.uk"]),
    ("name..surname@domain.com", ["name..surname@domain.com"]),  # judged: a typo still identifies
    ("jo@bloggs.co.uk1", []),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_email_address_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_EMAILS)
def test_when_text_is_not_an_email_address_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES)
def test_when_edge_case_then_spans_match_the_table(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
