def test_prints_then_fails():
    print("HELLO" + "-FROM-TEST")
    assert False
