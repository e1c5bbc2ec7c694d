import Foundation

/// A 128-bit digest of what a page is made of, or of a page's bytes: two 64-bit lanes, each fed
/// every word through a different finaliser (SplitMix64's and MurmurHash3's), so two different
/// inputs agree on both only by a chance of about 2⁻¹²⁸ per pair. Not cryptographic: the pages
/// and the cache are the user's own, and the cache is never the source of truth.
///
/// Every value is written with its length or its type's fixed width, so ("ab", "c") and ("a", "bc")
/// give different digests.
struct PageDigest: Sendable {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344

    init() {}

    mutating func word(_ value: UInt64) {
        a = Self.splitMix(a ^ value)
        b = Self.murmur(b &+ (value ^ 0xC2B2_AE3D_27D4_EB4F))
    }

    mutating func int(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }

    mutating func optional(_ value: UInt64?) {
        guard let value else { return word(0) }
        word(1)
        word(value)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    mutating func bytes(_ buffer: UnsafeRawBufferPointer) {
        word(UInt64(buffer.count))
        let words = buffer.count / 8
        for index in 0..<words {
            word(buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        var tail: UInt64 = 0
        for index in (words * 8)..<buffer.count { tail = tail << 8 | UInt64(buffer[index]) }
        word(tail)
    }

    mutating func key(_ key: PageKey) {
        word(key.high)
        word(key.low)
    }

    var key: PageKey { PageKey(high: a, low: b) }

    /// The digest of a page's bytes, which is how a page cache recognises a file it wrote.
    static func of(_ bytes: some ContiguousBytes) -> PageKey {
        var digest = PageDigest()
        bytes.withUnsafeBytes { digest.bytes($0) }
        return digest.key
    }

    private static func splitMix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func murmur(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }
}

/// A 128-bit digest (`PageDigest`), written as 32 hex digits in the page cache's file.
struct PageKey: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    var hex: String {
        Self.hex(high) + Self.hex(low)
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init?(hex: String) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16)
        else { return nil }
        self.init(high: high, low: low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
