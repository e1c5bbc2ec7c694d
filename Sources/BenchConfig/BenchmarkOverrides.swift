import BenchModel

/// The keys `[defaults]` and `[[benchmark]]` share, as written (nil = not written), before the
/// layers are merged: built-in < `[defaults]` < `[[benchmark]]`.
struct BenchmarkOverrides {
    var timeoutMs: Int?
    var graceMs: Int?
    var killSignal: String?
    var warmup: Int?
    var iterations: Int?
    var rounds: Int?
    var minTimeMs: Double?
    var maxDurationMs: Double?
    var env: [String: String]?
    var inheritEnv: [String]?
    var targetMs: Double?
    var regressionThreshold: Double?
    var limits = ResourceLimits()
    var metric: Metric?

    /// `self` over `base`; `env` merges key by key, everything else replaces.
    func over(_ base: BenchmarkOverrides) -> BenchmarkOverrides {
        var merged = base
        if let timeoutMs { merged.timeoutMs = timeoutMs }
        if let graceMs { merged.graceMs = graceMs }
        if let killSignal { merged.killSignal = killSignal }
        if let warmup { merged.warmup = warmup }
        if let iterations { merged.iterations = iterations }
        if let rounds { merged.rounds = rounds }
        if let minTimeMs { merged.minTimeMs = minTimeMs }
        if let maxDurationMs { merged.maxDurationMs = maxDurationMs }
        if let env { merged.env = (base.env ?? [:]).merging(env) { _, mine in mine } }
        if let inheritEnv { merged.inheritEnv = inheritEnv }
        if let targetMs { merged.targetMs = targetMs }
        if let regressionThreshold { merged.regressionThreshold = regressionThreshold }
        merged.limits = limits.over(base.limits)
        if let metric { merged.metric = metric }
        return merged
    }
}
