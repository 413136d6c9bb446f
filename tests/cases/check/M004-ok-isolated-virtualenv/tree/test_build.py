import pytest


@pytest.mark.isolated
def test_build():
    pass
