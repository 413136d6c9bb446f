import time

def test_0():
    time.sleep(0.3)
    assert False

def test_1():
    time.sleep(0.3)
    assert False

def test_2():
    time.sleep(0.3)
    assert False

def test_3():
    time.sleep(0.3)
    assert False

def test_4():
    time.sleep(0.3)
    assert False

def test_5():
    time.sleep(0.3)
    assert False

def test_6():
    time.sleep(0.3)
    assert False

def test_7():
    time.sleep(0.3)
    assert False
