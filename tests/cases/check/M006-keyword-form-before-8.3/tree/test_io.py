import pytest


@pytest.mark.slow(reason="io")
def test_big_file():
    pass
