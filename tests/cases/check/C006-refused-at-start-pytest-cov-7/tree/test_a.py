from pkg import m


def test_a():
    assert m.f() == 1
