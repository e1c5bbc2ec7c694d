/// Seeded byte-level mutations for the fuzz tests: the same seed gives the same inputs on every
/// machine, so a crash found once is found again. (SplitMix64, as BenchStats' generator.)
public struct FuzzMutator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    /// Tokens that have broken parsers before: huge and non-finite numbers, signs, nesting,
    /// quotes, escapes, control characters and bidi overrides.
    static let tokens: [String] = [
        "1e19", "1e400", "-1e400", "-1", "-0", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999", "NaN", "nan", "inf", "-inf", "Infinity", "0x7fffffffffffffff", "1e-400",
        "\"", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", "[[", "]]", ",", ":", "=", "null", "true",
        "\u{0}", "\u{1B}[31m", "\u{202E}", "\n", "\r\n", "\t", "é", "\u{FFFF}", "#", "'''", "\"\"\"",
        "9999-12-31T23:59:59Z", "0000-00-00T00:00:00Z",
    ]

    public mutating func random(maxLength: Int) -> [UInt8] {
        (0..<below(maxLength + 1)).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// One to four edits of `input`: byte flips, insertions of random bytes or tokens,
    /// deletions, duplications and truncation.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            let at = below(bytes.count + 1)
            switch below(6) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1:
                bytes.insert(contentsOf: random(maxLength: 8), at: at)
            case 2:
                bytes.insert(contentsOf: Array(Self.tokens[below(Self.tokens.count)].utf8), at: at)
            case 3:
                bytes.removeSubrange(at..<min(bytes.count, at + below(16)))
            case 4:
                let end = min(bytes.count, at + below(64))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            default:
                bytes.removeSubrange(min(at, bytes.count)...)
            }
        }
        return bytes
    }
}
