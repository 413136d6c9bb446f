import pytest


@pytest.mark.serial
def test_alone():
    pass


def test_other():
    pass
