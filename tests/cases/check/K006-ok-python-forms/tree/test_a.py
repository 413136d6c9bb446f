import pytest

@pytest.mark.xfail
def test_fixed_bug():
    pass
