def test_sum(benchmark):
    benchmark(sum, range(100))
