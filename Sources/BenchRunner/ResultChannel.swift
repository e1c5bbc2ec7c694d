import Foundation

/// Reads what children wrote to the result channel (fd 3, announced in `BENCHBOARD_RESULT_FD`).
///
/// Two line shapes are understood: the worker's full `WorkerReport`, and a harness's own samples,
/// `{"samplesNs":[…]}` or `{"sampleNs":N}`, so a program in any language can report what it
/// timed itself. Other lines are ignored: a harness may log there too.
public enum ResultChannel {
    private struct HarnessLine: Decodable {
        var samplesNs: [Double]?
        var sampleNs: Double?
    }

    /// Every sample the lines report, in order; empty when none do.
    public static func samples(in lines: [String]) -> [Int64] {
        let decoder = JSONDecoder()
        var samples: [Int64] = []
        for object in lines.flatMap(JSONObjects.split) {
            guard let parsed = try? decoder.decode(HarnessLine.self, from: Data(object.utf8)) else { continue }
            for value in parsed.samplesNs ?? [] where value.isFinite && value >= 0 {
                samples.append(Int64(value.rounded()))
            }
            if let value = parsed.sampleNs, value.isFinite, value >= 0 {
                samples.append(Int64(value.rounded()))
            }
        }
        return samples
    }

    /// The worker's report: the last line that decodes as one.
    public static func workerReport(in lines: [String]) -> WorkerReport? {
        let decoder = JSONDecoder()
        for object in lines.flatMap(JSONObjects.split).reversed() {
            if let report = try? decoder.decode(WorkerReport.self, from: Data(object.utf8)) {
                return report
            }
        }
        return nil
    }

    /// The worker's one line. Written by hand because the worker's every microsecond is
    /// isolation overhead, and the first use of JSONEncoder costs more than the whole line; the
    /// shape is three numeric fields, and the tests decode it with JSONDecoder.
    public static func encode(_ report: WorkerReport) -> String {
        var line = "{\"benchmarkNs\":\(report.benchmarkNs),\"peakMemoryGrowthBytes\":"
        line += report.peakMemoryGrowthBytes.map(String.init) ?? "null"
        line += ",\"samplesNs\":["
        line += report.samplesNs.map(String.init).joined(separator: ",")
        line += "]}"
        return line
    }
}
