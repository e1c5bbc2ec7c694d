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

    /// What a harness reported, and how much of it had to be refused.
    public struct HarnessSamples: Sendable, Equatable {
        /// The usable samples, in order.
        public var samples: [Int64]
        /// Values that are not a whole number of nanoseconds an Int64 holds: negative, not
        /// finite, or 2⁶³ ns and beyond.
        public var droppedValues: Int
        /// Objects that name `samplesNs` or `sampleNs` but do not decode (a string, an overflow
        /// such as 1e400, a value that is not a number) or name a key twice.
        public var invalidObjects: Int

        public var hasProblems: Bool { droppedValues > 0 || invalidObjects > 0 }
    }

    /// Every sample the lines report, in order; empty when none do.
    public static func samples(in lines: [String]) -> [Int64] {
        harnessSamples(in: lines).samples
    }

    /// Every sample the lines report, with a count of what was refused. Never traps: the
    /// values are converted with `Int64(exactly:)`, so `{"sampleNs":1e19}` is a dropped value.
    public static func harnessSamples(in lines: [String]) -> HarnessSamples {
        let decoder = JSONDecoder()
        var result = HarnessSamples(samples: [], droppedValues: 0, invalidObjects: 0)
        for object in lines.flatMap(JSONObjects.split) {
            // An object that names a key twice is refused like one that does not decode.
            guard !JSONObjects.hasDuplicateKey(object),
                let parsed = try? decoder.decode(HarnessLine.self, from: Data(object.utf8))
            else {
                if object.contains("\"samplesNs\"") || object.contains("\"sampleNs\"") { result.invalidObjects += 1 }
                continue
            }
            for value in (parsed.samplesNs ?? []) + (parsed.sampleNs.map { [$0] } ?? []) {
                if let sample = nanoseconds(value) {
                    result.samples.append(sample)
                } else {
                    result.droppedValues += 1
                }
            }
        }
        return result
    }

    /// A reported value as whole nanoseconds; nil when it is negative, not finite or past Int64.
    static func nanoseconds(_ value: Double) -> Int64? {
        guard value.isFinite, value >= 0 else { return nil }
        return Int64(exactly: value.rounded())
    }
}
