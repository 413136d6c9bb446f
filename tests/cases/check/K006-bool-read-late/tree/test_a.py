import pytest

@pytest.mark.xfail
def test_known_bug():
    assert False
