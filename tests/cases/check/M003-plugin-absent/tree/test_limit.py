import time

import pytest


@pytest.mark.timeout(0.2)
def test_takes_too_long():
    time.sleep(1)
