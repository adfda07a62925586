from anonymise.hidden_share import hidden_share, mostly_hidden_warning


def test_when_a_long_note_comes_back_as_one_placeholder_then_a_mostly_hidden_warning_is_given():
    warning = mostly_hidden_warning("<PERSON_1>", [{"start": 0, "end": 10}], [(0, 99_000)])
    assert warning and warning["text"] == "" and "100%" in warning["reason"]


def test_when_little_of_the_note_is_hidden_then_no_warning():
    text = "<PERSON_1> " + "needs a food parcel this week. " * 20
    assert hidden_share(text, [{"start": 0, "end": 10}], [(0, 10)]) == (10, len(text))
    assert mostly_hidden_warning(text, [{"start": 0, "end": 10}], [(0, 10)]) is None
    assert mostly_hidden_warning("<PERSON_1> called", [{"start": 0, "end": 10}], [(0, 40)]) is None  # short note
