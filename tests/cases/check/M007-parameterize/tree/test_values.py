import pytest


@pytest.mark.parameterize("value", [1, 2])
def test_value(value):
    assert value
