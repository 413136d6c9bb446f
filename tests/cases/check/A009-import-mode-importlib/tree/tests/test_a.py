import helper


def test_a():
    assert helper.VALUE == 1
