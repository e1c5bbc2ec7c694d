# A tiny pytest-benchmark suite whose JSON output is the import test fixture.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def test_fib_10(benchmark):
    benchmark.pedantic(fib, args=(10,), rounds=6, iterations=3)


def test_sorted_small(benchmark):
    benchmark.pedantic(sorted, args=(list(range(100, 0, -1)),), rounds=5, iterations=10)
