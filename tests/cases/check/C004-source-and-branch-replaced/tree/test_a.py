def test_a():
    import pkg.m
