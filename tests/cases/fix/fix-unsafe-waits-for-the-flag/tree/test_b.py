import pytest

@pytest.mark.slwo
def test_b():
    pass
