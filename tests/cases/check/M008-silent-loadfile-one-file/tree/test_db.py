import pytest


@pytest.mark.xdist_group(name="db")
def test_a():
    pass


@pytest.mark.xdist_group(name="db")
def test_b():
    pass
