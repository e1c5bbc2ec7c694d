import Foundation

/// The one JSON shape of history files: ISO 8601 dates, sorted keys, no whitespace. Compact
/// because every job reads run files and git keeps each one for good on the data branch: an
/// indented file was 1.8 times as large (docs/history.md has the figures). Deterministic (sorted
/// keys, no whitespace), so the same run gives the same bytes, and a pack's line of a run is the
/// run file's JSON. Files written pretty-printed by earlier versions read as before
/// (`jq . FILE` shows one indented).
public enum RunRecordCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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
    /// millions of them only to refuse the result costs seconds and gigabytes. Each sample is its
    /// digits and one byte after it: a comma, or the array's closing bracket.
    public static func minimumEncodedBytes(_ run: RunRecord) -> Int64 {
        var bytes: Int64 = 0
        for result in run.benchmarks {
            for sample in result.samplesNs { bytes += 1 + digits(sample) }
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
