/// What a JSON string with backslash escapes (RFC 8259, section 7) stands for, as UTF-8.
///
/// Two readers decode JSON strings themselves: the history's fast path (`JSONPullReader`) and the
/// importer's parser (`JSONParser`). They differ in what they say about bad input (the fast path
/// only gives up and falls back; the importer names line and column), not in what an escape means,
/// so the meaning lives here and each reader words its own errors from `Problem`.
package enum JSONEscape {
    package enum Problem: Error, Equatable, CustomStringConvertible {
        /// The input ends inside the string.
        case truncated
        /// A byte below 0x20 that JSON allows only escaped.
        case controlCharacter(at: Int)
        /// A backslash (at `at`) followed by a character JSON gives no meaning (`\x`).
        case unknown(at: Int)
        /// A `\u` not followed by four hex digits; `at` is the offset of that escape's backslash
        /// (the second one of a surrogate pair when that is the bad one).
        case notHex(at: Int)
        /// Half of a UTF-16 surrogate pair without its other half; `at` is the offset of the
        /// escape's backslash.
        case loneSurrogate(at: Int)

        package var description: String {
            switch self {
            case .truncated: "the text ends inside a string"
            case .controlCharacter: "a control character inside a string must be escaped"
            case .unknown: "an unknown escape in a string"
            case .notHex: "\\u must be followed by four hex digits"
            case .loneSurrogate: "half of a UTF-16 surrogate pair without its other half"
            }
        }
    }

    /// The content of a string from its first byte `start` to its closing quote, when the readers'
    /// fast scan stopped at `plainEnd` on a backslash (or a control character): the plain bytes
    /// before it are copied as they are. Returns the UTF-8, not yet validated (each reader words
    /// that itself), and the offset after the closing quote.
    package static func unescape(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, plainEnd: Int
    ) throws(Problem) -> (utf8: [UInt8], end: Int) {
        var out = Array(bytes[start..<plainEnd])
        var i = plainEnd
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { return (out, i + 1) }
            guard c >= 0x20 else { throw .controlCharacter(at: i) }
            if c == UInt8(ascii: "\\") {
                i = try decode(bytes, at: i, into: &out)
            } else {
                out.append(c)
                i += 1
            }
        }
        throw .truncated
    }

    /// Decodes the escape whose backslash is at `backslash` in `bytes`, appends what it stands for
    /// to `out` as UTF-8 and returns the offset just after it. A character beyond the Basic
    /// Multilingual Plane is a pair of `\u` escapes, high surrogate first, and is read as one.
    package static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, at backslash: Int, into out: inout [UInt8]
    ) throws(Problem) -> Int {
        guard backslash + 1 < bytes.count else { throw .truncated }
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(bytes[backslash + 1])
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): return try unicode(bytes, at: backslash, into: &out)
        default: throw .unknown(at: backslash)
        }
        return backslash + 2
    }

    /// `\uXXXX`, or a surrogate pair of them.
    private static func unicode(
        _ bytes: UnsafeBufferPointer<UInt8>, at backslash: Int, into out: inout [UInt8]
    ) throws(Problem) -> Int {
        var scalar = try hex4(bytes, at: backslash)
        var next = backslash + 6
        if (0xD800..<0xDC00).contains(scalar) {
            guard next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                throw .loneSurrogate(at: backslash)
            }
            let low = try hex4(bytes, at: next)
            guard (0xDC00..<0xE000).contains(low) else { throw .loneSurrogate(at: backslash) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        }
        // A low surrogate on its own is no scalar.
        guard let unicode = Unicode.Scalar(scalar) else { throw .loneSurrogate(at: backslash) }
        out.append(contentsOf: unicode.utf8)
        return next
    }

    /// The four hex digits of the `\u` escape whose backslash is at `backslash`.
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at backslash: Int) throws(Problem) -> UInt32 {
        guard backslash + 6 <= bytes.count else { throw .truncated }
        var value: UInt32 = 0
        for c in bytes[backslash + 2..<backslash + 6] {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw .notHex(at: backslash)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
