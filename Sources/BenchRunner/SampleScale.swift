import BenchModel

/// What one sample of a swift benchmark stands for: the calls its batch timed, each running the
/// closure's `scalingFactor` inner iterations. A sample is the batch's time divided by both, so
/// it reads per inner iteration.
public struct SampleScale: Sendable, Equatable, Codable {
    /// Calls of the closure timed together in one sample; 1 when each call is timed alone.
    public var batchSize: Int
    /// Inner iterations one call runs (`benchmark.scaledIterations`); 1 without a scaling factor.
    public var scalingFactor: Int

    /// Values below 1 become 1: a sample times at least one call of at least one iteration.
    public init(batchSize: Int = 1, scalingFactor: Int = 1) {
        self.batchSize = max(1, batchSize)
        self.scalingFactor = max(1, scalingFactor)
    }

    public static let single = SampleScale()

    /// What a batch's nanoseconds are divided by; saturates instead of trapping.
    public var divisor: UInt64 {
        let (product, overflow) = UInt64(batchSize).multipliedReportingOverflow(by: UInt64(scalingFactor))
        return overflow ? .max : product
    }

}

extension BenchmarkResult {
    /// Records what its samples stand for. The batch size is recorded whatever it is (1: each
    /// call timed alone); the scaling factor only for a benchmark that has one, so other results
    /// keep their shape.
    mutating func record(_ scale: SampleScale) {
        batchSize = scale.batchSize
        scalingFactor = scale.scalingFactor > 1 ? scale.scalingFactor : nil
    }
}
