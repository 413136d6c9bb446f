def test_a():
    print("hello-from-the-test")
