import Foundation

/// Reads what children wrote to the result channel (fd 3, announced in `BENCHBOARD_RESULT_FD`).
///
/// A harness's own samples, `{"samplesNs":[…]}` or `{"sampleNs":N}`, so a program in any
/// language can report what it timed itself. Other lines are ignored: a harness may log there
/// too. (A swift benchmark's worker writes lines of its own, read by `WorkerStream`.)
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
}
