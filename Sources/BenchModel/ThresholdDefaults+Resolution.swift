extension ThresholdDefaults {
    /// The threshold one benchmark's headline metric is judged at, as a fraction: one named for
    /// that benchmark (`compare --threshold` names every benchmark), else the one recorded in its
    /// resolved config (`regression_threshold` of its `[[benchmark]]` table), else the suite's
    /// threshold for that metric.
    ///
    /// The one rule behind the verdicts (`ThresholdPolicy`) and the `noisy` flag a run file records
    /// (the runner and `import`, through `SampleStatistics`), which sit in stages that cannot import
    /// each other.
    public static func resolved(named: Double? = nil, recorded: Double?, suite: Double) -> Double {
        named ?? recorded ?? suite
    }
}
