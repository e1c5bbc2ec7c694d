import BenchAnalysis
import BenchConfig

extension ReportSettings {
    /// The thresholds a comparison uses. Per-benchmark thresholds recorded in a run's config are
    /// applied by the analyzer itself; a threshold given on the command line beats them, so it is
    /// set for every benchmark named.
    func analysisOptions(commandLineThreshold: Double? = nil, benchmarks: [String] = []) -> AnalysisOptions {
        var overrides: [String: Double] = [:]
        if let commandLineThreshold {
            for name in benchmarks { overrides[name] = commandLineThreshold }
        }
        return AnalysisOptions(
            timeThreshold: commandLineThreshold ?? regressionThreshold, memoryThreshold: memoryThreshold,
            cpuThreshold: cpuThreshold, alpha: alpha, timeThresholdOverrides: overrides,
            instructionsThreshold: instructionsThreshold)
    }
}
