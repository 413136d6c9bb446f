def test_scratch():
    pass
