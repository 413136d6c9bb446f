import pytest


@pytest.mark.parallel_safe
def test_trivial():
    assert True
