import BenchModel

/// A result's digest in the cache's binary form; see `CacheRecordCoding`.
extension CacheRecordCoding {
    static func writeDigest(_ digest: ResultDigest, to w: inout CacheWriter) {
        w.string(digest.name)
        w.string(digest.outcome.rawValue)
        w.string(digest.metric.rawValue)
        w.bool(digest.isSlow)
        // NaN (no value) is written as its bit pattern like any other double.
        w.double(digest.medianValue)
        w.double(digest.trendMedianValue)
        w.double(digest.lowValue)
        w.double(digest.highValue)
    }

    /// `name`: what the name most likely is (the same benchmark in another run), to share its storage.
    static func readDigest(_ r: inout CacheReader, name expected: String? = nil) throws(CacheDamage) -> ResultDigest {
        var digest = ResultDigest(
            name: try r.string(expecting: expected), outcome: try r.value(Outcome.self), metric: try r.value(Metric.self), isSlow: try r.bool(),
            median: nil, trendMedian: nil, low: nil, high: nil)
        digest.medianValue = try r.double()
        digest.trendMedianValue = try r.double()
        digest.lowValue = try r.double()
        digest.highValue = try r.double()
        return digest
    }
}
