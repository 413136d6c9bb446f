import os
import time

import pytest

LOCK = os.path.join(os.path.dirname(__file__), "only-one-at-a-time.lock")


def hold_the_lock():
    # O_EXCL: fails with FileExistsError when another test holds the lock at the same time.
    fd = os.open(LOCK, os.O_CREAT | os.O_EXCL)
    time.sleep(1)
    os.close(fd)
    os.remove(LOCK)


@pytest.mark.serial
def test_0():
    hold_the_lock()


@pytest.mark.serial
def test_1():
    hold_the_lock()


@pytest.mark.serial
def test_2():
    hold_the_lock()


@pytest.mark.serial
def test_3():
    hold_the_lock()

