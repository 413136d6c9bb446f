import pytest


@pytest.mark.slow
def test_big_file():
    pass


def test_small_file():
    pass
