import pytest


@pytest.mark.slow
def test_big_file():
    pass
