#!/usr/bin/env python3
"""Writes wilcoxon.json: two-sided Wilcoxon signed-rank results from SciPy, the reference the
Swift implementation is tested against. Run once (python3 make_wilcoxon.py) and commit the
JSON; the tests never need Python or SciPy.

Each case: the differences d, SciPy's p-value with zero_method="wilcox" (zeros dropped),
correction=True (continuity correction of the normal approximation), method "exact" when
there are at most 50 nonzero differences without ties among |d| and "asymptotic" otherwise,
the positive rank sum W+ and the Hodges-Lehmann estimate (median of the Walsh averages).
"""
import json
import os

import numpy as np
import scipy
from scipy.stats import rankdata, wilcoxon

rng = np.random.default_rng(20261202)


def case(name, d):
    d = [float(v) for v in d]
    nz = [v for v in d if v != 0]
    ties = len(set(abs(v) for v in nz)) < len(nz)
    method = "exact" if len(nz) <= 50 and not ties else "asymptotic"
    res = wilcoxon(d, zero_method="wilcox", correction=True, method="exact" if method == "exact" else "approx")
    ranks = rankdata([abs(v) for v in nz])
    wplus = float(sum(r for r, v in zip(ranks, nz) if v > 0))
    walsh = sorted((nz[i] + nz[j]) / 2 for i in range(len(nz)) for j in range(i, len(nz)))
    return {"name": name, "d": d, "p": float(res.pvalue), "wplus": wplus, "method": method,
            "hl": float(np.median(walsh))}


cases = [
    case("all positive, 8", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]),
    case("all negative, 10", [-x for x in rng.uniform(0.01, 1, 10)]),
    case("mixed, 12", rng.normal(0.05, 0.1, 12)),
    case("no shift, 16", rng.normal(0, 0.1, 16)),
    case("shift with outliers, 16", list(rng.normal(0.1, 0.05, 14)) + [-0.9, 0.8]),
    case("with zeros, 14", list(rng.normal(0.03, 0.05, 12)) + [0.0, 0.0]),
    case("ties, 12", [0.1, 0.1, -0.1, 0.2, 0.2, 0.3, -0.05, 0.05, 0.4, 0.4, 0.1, -0.2]),
    case("two values", [0.3, -0.1]),
    case("one value", [0.2]),
    case("24 pairs", rng.normal(0.02, 0.1, 24)),
    case("50 pairs", rng.normal(0.01, 0.1, 50)),
    case("60 pairs, asymptotic", rng.normal(0.03, 0.1, 60)),
    case("heavy tails, 20", rng.standard_t(2, 20) * 0.05 + 0.02),
]
out = {"scipy": scipy.__version__, "cases": cases}
with open(os.path.join(os.path.dirname(__file__), "wilcoxon.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
