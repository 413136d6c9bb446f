import pytest


@pytest.mark.serial
def test_alone():
    pass
