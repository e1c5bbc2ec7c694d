import Foundation

/// The one JSON shape of history files: ISO 8601 dates, sorted keys, pretty-printed so a
/// diff of two run files is readable.
public enum RunRecordCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A lower bound of the size of `run` as `encoder()` writes it, found without encoding it:
    /// what decides whether a run is too large is almost always its samples, and encoding
    /// millions of them only to refuse the result costs seconds and gigabytes. Pretty-printed,
    /// each sample sits on a line of its own four levels deep (run, benchmarks, result, samples):
    /// eight spaces, its digits, and a comma or a line break at least.
    public static func minimumEncodedBytes(_ run: RunRecord) -> Int64 {
        var bytes: Int64 = 0
        for result in run.benchmarks {
            for sample in result.samplesNs { bytes += 9 + digits(sample) }
        }
        return bytes
    }

    /// The characters of `value` in decimal, its sign included.
    private static func digits(_ value: Int64) -> Int64 {
        var magnitude = value.magnitude
        var count: Int64 = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }
}
