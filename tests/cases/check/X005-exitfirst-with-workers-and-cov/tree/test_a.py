import time

from pkg import m


def test_fails():
    m.fails()
    assert False


def test_slow_on_the_other_worker():
    time.sleep(1.5)
    assert m.passes() == 2
