import BenchModel
