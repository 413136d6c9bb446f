def test_outside():
    assert False
