import pytest


@pytest.mark._private
def test_internal():
    pass
