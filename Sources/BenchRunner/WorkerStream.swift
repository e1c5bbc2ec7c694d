import Foundation

/// The lines a swift benchmark's worker writes on the result channel (fd 3), and reading them
/// back. First what a sample stands for, once the calibration has found it,
/// `{"batchSize":N,"scalingFactor":N}` (see `SampleScale`), so the samples of a worker that dies
/// later are still read right. Samples go out as they are taken, `{"samplesNs":[…]}` (the
/// harness shape, so any reader of the channel understands them), and one closing summary follows:
/// `{"benchmarkNs":N,"peakMemoryGrowthBytes":N|null,"peakMemoryGrowthWithWarmupBytes":N|null,
/// "sampleCount":N,"stoppedByDuration":true|false}`. A worker that crashes or times out leaves
/// its samples and no summary.
///
/// Written by hand because the worker's every microsecond is isolation overhead, and the first
/// use of JSONEncoder costs more than all of its lines.
public enum WorkerStream {
    public static func samplesLine(_ samples: ArraySlice<Int64>) -> String {
        "{\"samplesNs\":[" + samples.map(String.init).joined(separator: ",") + "]}\n"
    }

    public static func scaleLine(_ scale: SampleScale) -> String {
        "{\"batchSize\":\(scale.batchSize),\"scalingFactor\":\(scale.scalingFactor)}\n"
    }

    public static func summaryLine(_ report: WorkerReport) -> String {
        var line = "{\"benchmarkNs\":\(report.benchmarkNs)"
        line += ",\"peakMemoryGrowthBytes\":" + (report.peakMemoryGrowthBytes.map(String.init) ?? "null")
        line += ",\"peakMemoryGrowthWithWarmupBytes\":" + (report.peakMemoryGrowthWithWarmupBytes.map(String.init) ?? "null")
        line += ",\"sampleCount\":\(report.samplesNs.count),\"stoppedByDuration\":\(report.stoppedByDuration)}\n"
        return line
    }

    /// What a worker's lines say: every streamed sample, and the summary if it got that far.
    public struct Reading: Sendable, Equatable {
        public var samplesNs: [Int64] = []
        /// What each sample stands for; one call, one iteration when the worker did not say.
        public var scale: SampleScale = .single
        /// Nil when the worker ended before its summary, or when the samples read do not add
        /// up to the count the summary gives (lines lost over the result channel's cap).
        public var report: WorkerReport?

        public init(samplesNs: [Int64] = [], scale: SampleScale = .single, report: WorkerReport? = nil) {
            self.samplesNs = samplesNs
            self.scale = scale
            self.report = report
        }
    }

    private struct Line: Decodable {
        var samplesNs: [Int64]?
        var benchmarkNs: UInt64?
        var peakMemoryGrowthBytes: UInt64?
        var peakMemoryGrowthWithWarmupBytes: UInt64?
        var sampleCount: Int?
        var stoppedByDuration: Bool?
        var batchSize: Int?
        var scalingFactor: Int?
    }

    public static func read(_ lines: [String]) -> Reading {
        let decoder = JSONDecoder()
        var reading = Reading()
        for object in lines.flatMap(JSONObjects.split) {
            // A line that names a key twice is ambiguous, so it is ignored like one that does not decode.
            guard !JSONObjects.hasDuplicateKey(object), let line = try? decoder.decode(Line.self, from: Data(object.utf8))
            else { continue }
            if line.batchSize != nil || line.scalingFactor != nil {
                reading.scale = SampleScale(batchSize: line.batchSize ?? 1, scalingFactor: line.scalingFactor ?? 1)
            }
            if let samples = line.samplesNs { reading.samplesNs += samples.filter { $0 >= 0 } }
            if let benchmarkNs = line.benchmarkNs, line.sampleCount == reading.samplesNs.count {
                reading.report = WorkerReport(
                    samplesNs: reading.samplesNs, benchmarkNs: benchmarkNs,
                    peakMemoryGrowthBytes: line.peakMemoryGrowthBytes,
                    peakMemoryGrowthWithWarmupBytes: line.peakMemoryGrowthWithWarmupBytes,
                    stoppedByDuration: line.stoppedByDuration ?? false, batchSize: reading.scale.batchSize,
                    scalingFactor: reading.scale.scalingFactor)
            }
        }
        return reading
    }
}
