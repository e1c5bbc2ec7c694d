import BenchModel
import Foundation

/// A forward-only reader over JSON bytes with no intermediate tree, for the fast path of
/// `RunRecordFastDecoder`. It is strict: anything it does not expect throws `Mismatch`, and the
/// caller then falls back to JSONDecoder, which is always right and explains errors.
struct JSONPullReader {
    struct Mismatch: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// The hashes of the keys of every object being read, innermost last (`Keys.start` marks
    /// where each begins): one buffer for the whole file, so noticing a repeated key allocates
    /// nothing per object.
    private var keyHashes: [UInt64] = []
    /// Where the string `string()` read last lies in the file, when it had no escapes.
    private var lastPlainString: Range<Int>?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func consume(_ c: UInt8) throws(Mismatch) {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == c else { throw Mismatch() }
        i += 1
    }

    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < bytes.count ? bytes[i] : nil
    }

    /// After the top-level value only whitespace may follow.
    mutating func end() throws(Mismatch) {
        skipWhitespace()
        guard i == bytes.count else { throw Mismatch() }
    }

    // MARK: - Structure

    mutating func beginObject() throws(Mismatch) { try consume(UInt8(ascii: "{")) }

    /// Where one object's keys are, for `nextKey`.
    struct Keys {
        fileprivate var first = true
        fileprivate var start = -1
        /// One bit per bucket of key hashes seen in this object (128 buckets, from the hash's top
        /// bits): most keys land in an empty bucket, and only one whose bucket is taken is
        /// compared with the object's other hashes. Keeps the check off the decoding profile.
        fileprivate var lowBuckets: UInt64 = 0
        fileprivate var highBuckets: UInt64 = 0

        init() {}
    }

    /// The next key of the current object, or nil at its closing brace. A key that is already in
    /// the object (or, rarely, one with the same hash) is a mismatch: JSONDecoder keeps one of
    /// two equal keys and this reader would keep the other, so the caller's slow path decides,
    /// and it refuses the file (`duplicateKey(in:)`).
    mutating func nextKey(_ keys: inout Keys) throws(Mismatch) -> String? {
        if keys.start < 0 { keys.start = keyHashes.count }
        guard let key = try nextKey(&keys.first) else {
            keyHashes.removeSubrange(keys.start...)
            return nil
        }
        let hash = keyHash(key)
        let bucket = hash >> 57  // 0..<128
        let bit: UInt64 = 1 << (bucket & 63)
        let taken = (bucket < 64 ? keys.lowBuckets : keys.highBuckets) & bit != 0
        if taken, keyHashes[keys.start...].contains(hash) { throw Mismatch() }
        if bucket < 64 { keys.lowBuckets |= bit } else { keys.highBuckets |= bit }
        keyHashes.append(hash)
        return key
    }

    /// FNV-1a over the key's bytes. A key without escapes is hashed in place in the file (its
    /// bytes are the decoded key's UTF-8); one with an escape (rare) is hashed decoded, so `"a"`
    /// and `"\u0061"` hash alike. A collision of two different keys only sends the file down the
    /// slow path, which finds no repeated key and reads it.
    private func keyHash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let span = lastPlainString {
            for index in span { hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3 }
        } else {
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return hash
    }

    /// The next key of the current object, or nil at its closing brace, whatever keys came before.
    @inline(__always)
    mutating func nextKey(_ first: inout Bool) throws(Mismatch) -> String? {
        if peek() == UInt8(ascii: "}") {
            i += 1
            return nil
        }
        if !first { try consume(UInt8(ascii: ",")) }
        first = false
        let key = try string()
        try consume(UInt8(ascii: ":"))
        return key
    }

    mutating func beginArray() throws(Mismatch) { try consume(UInt8(ascii: "[")) }

    /// Whether another element of the current array follows (false at its closing bracket).
    mutating func nextElement(_ first: inout Bool) throws(Mismatch) -> Bool {
        if peek() == UInt8(ascii: "]") {
            i += 1
            return false
        }
        if !first { try consume(UInt8(ascii: ",")) }
        first = false
        return true
    }

    /// Consumes a `null` and returns true, or leaves anything else in place.
    mutating func null() -> Bool {
        guard peek() == UInt8(ascii: "n"), i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "u"),
            bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "l")
        else { return false }
        i += 4
        return true
    }

    // MARK: - Scalars

    mutating func bool() throws(Mismatch) -> Bool {
        let start = peek()
        if start == UInt8(ascii: "t"), i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "r"),
            bytes[i + 2] == UInt8(ascii: "u"), bytes[i + 3] == UInt8(ascii: "e")
        {
            i += 4
            return true
        }
        if start == UInt8(ascii: "f"), i + 5 <= bytes.count, bytes[i + 1] == UInt8(ascii: "a"),
            bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "s"), bytes[i + 4] == UInt8(ascii: "e")
        {
            i += 5
            return false
        }
        throw Mismatch()
    }

    mutating func string() throws(Mismatch) -> String {
        try consume(Self.quote)
        let start = i
        var isASCII = true
        while i < bytes.count, bytes[i] != Self.quote, bytes[i] != Self.backslash, bytes[i] >= 0x20 {
            isASCII = isASCII && bytes[i] < 0x80
            i += 1
        }
        guard i < bytes.count else { throw Mismatch() }
        if bytes[i] == Self.quote {
            defer { i += 1 }
            lastPlainString = start..<i
            let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
            // ASCII is valid UTF-8 as it is; only other text needs the (slower, generic) check.
            return isASCII ? String(decoding: text, as: UTF8.self) : try validated(text)
        }
        guard bytes[i] == Self.backslash else { throw Mismatch() }
        lastPlainString = nil
        let unescaped: (utf8: [UInt8], end: Int)
        do throws(JSONEscape.Problem) {
            unescaped = try JSONEscape.unescape(bytes, from: start, plainEnd: i)
        } catch {
            throw Mismatch()
        }
        i = unescaped.end
        return try unescaped.utf8.withUnsafeBufferPointer { buffer throws(Mismatch) in try validated(buffer) }
    }

    private func validated(_ buffer: UnsafeBufferPointer<UInt8>) throws(Mismatch) -> String {
        guard let text = String(validating: buffer, as: UTF8.self) else { throw Mismatch() }
        return text
    }

    /// The bytes of a number token, checked against JSON's grammar.
    mutating func numberToken() throws(Mismatch) -> (UnsafeBufferPointer<UInt8>, isInteger: Bool) {
        skipWhitespace()
        let start = i
        var isInteger = true
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
        let intDigits = i - digitsStart
        guard intDigits > 0, intDigits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { throw Mismatch() }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let fractionStart = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > fractionStart else { throw Mismatch() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > exponentStart else { throw Mismatch() }
        }
        return (UnsafeBufferPointer(rebasing: bytes[start..<i]), isInteger)
    }

    mutating func int64() throws(Mismatch) -> Int64 {
        let (token, isInteger) = try numberToken()
        guard isInteger else { throw Mismatch() }
        let negative = token[0] == UInt8(ascii: "-")
        let magnitude = try Self.magnitude(token.dropFirst(negative ? 1 : 0))
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw Mismatch() }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw Mismatch() }
        return Int64(magnitude)
    }

    mutating func uint64() throws(Mismatch) -> UInt64 {
        let (token, isInteger) = try numberToken()
        guard isInteger, token[0] != UInt8(ascii: "-") else { throw Mismatch() }
        return try Self.magnitude(token[...])
    }

    /// The value of a run of decimal digits; throws on overflow.
    private static func magnitude(_ digits: Slice<UnsafeBufferPointer<UInt8>>) throws(Mismatch) -> UInt64 {
        var value: UInt64 = 0
        for c in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw Mismatch() }
            value = sum
        }
        return value
    }

    mutating func int() throws(Mismatch) -> Int {
        Int(try int64())
    }

    mutating func double() throws(Mismatch) -> Double {
        let (token, isInteger) = try numberToken()
        // Short integers convert exactly; everything else goes through the correctly rounded parser.
        if isInteger, token.count <= 16 {
            var copy = JSONPullReader(token)
            return Double(try copy.int64())
        }
        guard let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite else { throw Mismatch() }
        return value
    }

    /// `"2026-11-25T10:31:02Z"`, the one form the history writes; other forms are left to JSONDecoder.
    mutating func date() throws(Mismatch) -> Date {
        let text = Array(try string().utf8)
        guard text.count == 20, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            text[10] == UInt8(ascii: "T"), text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"),
            text[19] == UInt8(ascii: "Z")
        else { throw Mismatch() }
        func field(_ range: Range<Int>) throws(Mismatch) -> Int {
            var value = 0
            for c in text[range] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { throw Mismatch() }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            return value
        }
        let year = try field(0..<4)
        let month = try field(5..<7)
        let day = try field(8..<10)
        let hour = try field(11..<13)
        let minute = try field(14..<16)
        let second = try field(17..<19)
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...monthDays[month - 1]).contains(day), hour < 24, minute < 60, second < 60
        else { throw Mismatch() }
        return Date(timeIntervalSince1970: Double(Self.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
