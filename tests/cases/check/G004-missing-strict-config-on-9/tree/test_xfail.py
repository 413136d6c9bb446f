import pytest


@pytest.mark.xfail(reason="bug 12")
def test_fixed_long_ago():
    pass
