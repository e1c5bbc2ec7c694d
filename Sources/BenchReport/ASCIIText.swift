/// Short ASCII text (coordinates, dates) written byte by byte into a stack buffer and made a
/// String once: small enough to be stored inline, so no allocation, where an interpolation made
/// a string for every part. A chart writes thousands of these.
struct ASCIIText {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    /// The text `write` puts into at most `capacity` bytes (more is dropped, never written past).
    static func make(capacity: Int, _ write: (inout ASCIIText) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var text = ASCIIText(buffer: buffer)
            write(&text)
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[..<text.count]), as: UTF8.self)
        }
    }

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else { return }
        buffer[count] = byte
        count += 1
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes { append(byte) }
        }
    }

    /// `value` in decimal, as `"\(value)"` writes it.
    mutating func decimal<Value: BinaryInteger>(_ value: Value) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        // The digits, most significant first: find the largest power of ten at or below.
        var power: Value.Magnitude = 1
        while rest / power >= 10 { power *= 10 }
        repeat {
            append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        } while power > 0
    }

    /// `value < 10 ? "0\(value)" : "\(value)"`: two digits for a month, day, hour or minute.
    mutating func padded<Value: BinaryInteger>(_ value: Value) {
        if value < 10 { append(UInt8(ascii: "0")) }
        decimal(value)
    }
}
