import time

import pytest


@pytest.mark.parametrize("i", range(2000))
def test_quick(i):
    pass


@pytest.mark.parametrize("i", range(20))
def test_slow(i):
    time.sleep(0.5)
