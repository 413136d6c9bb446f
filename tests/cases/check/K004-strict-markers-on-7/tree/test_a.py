import pytest

@pytest.mark.unregistered
def test_marked():
    pass
