import Foundation

/// The byte-level writer of the report cache: LEB128 varints for integers (zigzag for signed
/// ones, so small negatives stay small), the IEEE bit pattern for doubles (exact, NaN and
/// signed zero included), length-prefixed UTF-8 for strings, and one tag byte for an optional.
/// Samples are delta-coded: neighbouring samples are close, so a delta takes 2–3 bytes where the
/// value takes 8, which keeps the cache small enough for CI to restore quickly.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ data: some Collection<UInt8>) { bytes.append(contentsOf: data) }

    mutating func fixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func int(_ value: Int) { signed(Int64(value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func double(_ value: Double) { fixed64(value.bitPattern) }
    mutating func date(_ value: Date) { double(value.timeIntervalSinceReferenceDate) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// One tag byte (0 absent, 1 present), then the value.
    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func samples(_ values: [Int64]) {
        unsigned(UInt64(values.count))
        var previous: Int64 = 0
        for value in values {
            signed(value &- previous)
            previous = value
        }
    }

    /// Keys sorted, so the same dictionary always gives the same bytes.
    mutating func dictionary(_ values: [String: String]) {
        unsigned(UInt64(values.count))
        for key in values.keys.sorted() {
            string(key)
            string(values[key] ?? "")
        }
    }
}

/// Why a cache file cannot be used; it is then ignored and rebuilt.
struct CacheDamage: Error {
    var reason: String
    /// The bytes ended before what was being read: damage in a whole file, but for a reader of a
    /// piece of one (`CacheWindow`) only a sign to read a longer piece.
    var endsEarly = false

    static let early = CacheDamage(reason: "it ends early", endsEarly: true)
}

/// Reads what `CacheWriter` wrote, checking every length against the bytes left, so a truncated
/// or damaged file ends in `CacheDamage`, never in a crash or a read past the end.
struct CacheReader {
    let base: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    /// 0 also once `skip` went past the end.
    var remaining: Int { max(0, base.count - offset) }
    /// Whether `skip` went past the end of the bytes (a piece of a longer whole, or damage).
    var isPastEnd: Bool { offset > base.count }

    /// Moves past `count` bytes without reading them, even past the end of the bytes at hand: a
    /// reader of a piece of a file steps over what lies beyond it. Reads after it fail with
    /// `CacheDamage.early` until the offset is within the bytes again.
    mutating func skip(_ count: Int) {
        offset += count
    }

    /// A length that need not fit in the bytes at hand (what `skip` then steps over).
    mutating func length() throws(CacheDamage) -> Int {
        guard let value = Int(exactly: try unsigned()), value <= Int(Int32.max) * 64 else {
            throw CacheDamage(reason: "a length is out of range")
        }
        return value
    }

    mutating func byte() throws(CacheDamage) -> UInt8 {
        guard offset < base.count else { throw .early }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func raw(_ count: Int) throws(CacheDamage) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw .early }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)])
    }

    mutating func fixed64() throws(CacheDamage) -> UInt64 {
        let part = try raw(8)
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(part[index]) }
        return value
    }

    mutating func unsigned() throws(CacheDamage) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw CacheDamage(reason: "a number is malformed") }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func signed() throws(CacheDamage) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func int() throws(CacheDamage) -> Int {
        let value = try signed()
        guard let int = Int(exactly: value) else { throw CacheDamage(reason: "a number is out of range") }
        return int
    }

    mutating func int32() throws(CacheDamage) -> Int32 {
        guard let value = Int32(exactly: try signed()) else { throw CacheDamage(reason: "a number is out of range") }
        return value
    }

    mutating func uint64() throws(CacheDamage) -> UInt64 { try unsigned() }

    mutating func bool() throws(CacheDamage) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CacheDamage(reason: "a flag is malformed")
        }
    }

    mutating func double() throws(CacheDamage) -> Double { Double(bitPattern: try fixed64()) }
    mutating func date() throws(CacheDamage) -> Date { Date(timeIntervalSinceReferenceDate: try double()) }

    mutating func count() throws(CacheDamage) -> Int {
        let value = try unsigned()
        // Every element takes at least one byte: a larger count is damage, not a reason to allocate.
        guard value <= UInt64(remaining) else { throw CacheDamage(reason: "a length is past its end", endsEarly: true) }
        return Int(value)
    }

    mutating func string() throws(CacheDamage) -> String {
        String(decoding: try raw(try count()), as: UTF8.self)
    }

    /// A string, which is `expected` itself (sharing its storage, no allocation) when it holds the
    /// same bytes.
    mutating func string(expecting expected: String?) throws(CacheDamage) -> String {
        let bytes = try raw(try count())
        if var expected, expected.withUTF8({ $0.elementsEqual(bytes) }) { return expected }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws(CacheDamage) -> T) throws(CacheDamage) -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw CacheDamage(reason: "an optional value is malformed")
        }
    }

    mutating func array<T>(_ read: (inout CacheReader) throws(CacheDamage) -> T) throws(CacheDamage) -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func samples() throws(CacheDamage) -> [Int64] {
        let count = try count()
        var values = [Int64](repeating: 0, count: count)
        var previous: Int64 = 0
        for index in 0..<count {
            previous = previous &+ (try signed())
            values[index] = previous
        }
        return values
    }

    mutating func dictionary() throws(CacheDamage) -> [String: String] {
        let count = try count()
        var values: [String: String] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            values[key] = try string()
        }
        return values
    }

    /// A string-backed enum, by its raw value.
    mutating func value<T: RawRepresentable>(_: T.Type) throws(CacheDamage) -> T where T.RawValue == String {
        let raw = try string()
        guard let value = T(rawValue: raw) else { throw CacheDamage(reason: "it holds an unknown value \"\(raw)\"") }
        return value
    }
}

/// A 64-bit hash of a file's bytes, to recognise a file that is the same although its inode and
/// time changed (a fresh CI checkout restores the cache but writes every file anew), and to check
/// the report cache whole. Not cryptographic: it tells an unchanged file from an edited one, as
/// git tracks them too.
///
/// Four lanes take the 8-byte words in turn, each a chain of SplitMix64's finaliser, and are
/// mixed together at the end: one chain waits on each multiply before the next word, four keep
/// the multiplier busy, so hashing a cache of hundreds of MB costs a quarter of the time.
enum ContentHash {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = State(count: bytes.count)
        let words = bytes.count / 8
        state.add(words: UnsafeRawBufferPointer(rebasing: bytes[..<(words * 8)]))
        return state.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[(words * 8)...]))
    }

    static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    /// The lanes so far; the same whatever pieces the words arrive in (`CacheFile.hash`).
    struct State {
        var lanes: (UInt64, UInt64, UInt64, UInt64)
        /// How many words were added: the next one goes to lane `words % 4`.
        var words = 0

        init(count: Int) {
            let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            lanes = (seed, seed &+ 1, seed &+ 2, seed &+ 3)
        }

        mutating func add(words bytes: UnsafeRawBufferPointer) {
            let count = bytes.count / 8
            var index = 0
            while index < count, words % 4 != 0 {
                add(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                index += 1
            }
            var (a, b, c, d) = lanes
            while count - index >= 4 {
                a = mix(a ^ bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                b = mix(b ^ bytes.loadUnaligned(fromByteOffset: index * 8 + 8, as: UInt64.self))
                c = mix(c ^ bytes.loadUnaligned(fromByteOffset: index * 8 + 16, as: UInt64.self))
                d = mix(d ^ bytes.loadUnaligned(fromByteOffset: index * 8 + 24, as: UInt64.self))
                index += 4
                words += 4
            }
            lanes = (a, b, c, d)
            while index < count {
                add(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                index += 1
            }
        }

        private mutating func add(_ word: UInt64) {
            switch words % 4 {
            case 0: lanes.0 = mix(lanes.0 ^ word)
            case 1: lanes.1 = mix(lanes.1 ^ word)
            case 2: lanes.2 = mix(lanes.2 ^ word)
            default: lanes.3 = mix(lanes.3 ^ word)
            }
            words += 1
        }

        func finish(tail bytes: UnsafeRawBufferPointer) -> UInt64 {
            var tail: UInt64 = 0
            for byte in bytes { tail = tail << 8 | UInt64(byte) }
            return mix(mix(mix(mix(lanes.0) ^ lanes.1) ^ lanes.2) ^ lanes.3 ^ tail)
        }
    }

    /// The finaliser of SplitMix64: every input bit reaches every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
