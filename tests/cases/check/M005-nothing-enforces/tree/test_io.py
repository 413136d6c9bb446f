import pytest


@pytest.mark.slwo
def test_big_file():
    pass
