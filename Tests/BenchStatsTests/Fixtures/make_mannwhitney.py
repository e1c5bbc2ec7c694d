#!/usr/bin/env python3
"""Writes mannwhitney.json: two-sided Mann-Whitney U results from SciPy, the reference the
Swift implementation is tested against. Run once (python3 make_mannwhitney.py) and commit
the JSON; the tests never need Python or SciPy.

Each case: x, y, and SciPy's statistic (U of x), two-sided p-value with method="auto"
(exact when min(n) <= 8 and no ties, else normal approximation with tie and continuity
correction), plus the method SciPy chose.
"""
import json
import os

import numpy as np
import scipy
from scipy.stats import mannwhitneyu
from scipy.stats._mannwhitneyu import _mwu_choose_method

rng = np.random.default_rng(20261125)


def case(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    res = mannwhitneyu(x, y, alternative="two-sided", method="auto")
    ties = len(set(x + y)) < len(x) + len(y)
    return {
        "name": name,
        "x": x,
        "y": y,
        "u": float(res.statistic),
        "p": float(res.pvalue),
        "method": _mwu_choose_method(len(x), len(y), ties),
    }


def normal(n, mean, sd):
    return list(rng.normal(mean, sd, n))


cases = [
    case("tiny exact disjoint", [1, 2, 3], [4, 5, 6]),
    case("tiny exact interleaved", [1, 3, 5, 7], [2, 4, 6, 8]),
    case("exact 5 vs 7 shifted", normal(5, 100, 5), normal(7, 110, 5)),
    case("exact 8 vs 8 same distribution", normal(8, 100, 5), normal(8, 100, 5)),
    case("exact 3 vs 40 (one small side)", normal(3, 100, 5), normal(40, 104, 5)),
    case("exact 8 vs 30 one-sided-looking", normal(8, 95, 3), normal(30, 100, 3)),
    case("exact 1 vs 5", [10.5], [1, 2, 3, 4, 5]),
    case("ties small (asymptotic)", [1, 2, 2, 3, 3], [2, 3, 3, 4, 5]),
    case("ties rounded 30 vs 30", list(np.round(normal(30, 10, 1))), list(np.round(normal(30, 10.5, 1)))),
    case("identical values", [5] * 12, [5] * 12),
    case("all equal but one", [5] * 10 + [6], [5] * 11),
    case("asymptotic 20 vs 20 same", normal(20, 1000, 50), normal(20, 1000, 50)),
    case("asymptotic 20 vs 25 shifted 3%", normal(20, 1000, 10), normal(25, 1030, 10)),
    case("asymptotic 50 vs 50 shifted 5% noise 5%", normal(50, 1000, 50), normal(50, 1050, 50)),
    case("asymptotic 100 vs 80 far apart", normal(100, 1000, 10), normal(80, 2000, 10)),
    case("asymptotic 200 vs 200 same", normal(200, 1e6, 5e4), normal(200, 1e6, 5e4)),
    case("asymptotic 1000 vs 1000 shifted 1% noise 5%", normal(1000, 1e6, 5e4), normal(1000, 1.01e6, 5e4)),
    case("heavy ties integers 60 vs 60", list(rng.integers(0, 4, 60)), list(rng.integers(1, 5, 60))),
    case("x larger (reversed roles)", normal(15, 120, 4), normal(12, 100, 4)),
    case("nanosecond integers with duplicates", list(rng.integers(180_000, 180_040, 40)), list(rng.integers(180_020, 180_060, 40))),
]

out = {
    "generator": "make_mannwhitney.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "alternative": "two-sided",
    "method": "auto",
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mannwhitney.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {path}")
