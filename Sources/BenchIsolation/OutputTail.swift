/// The last `capacity` bytes of a stream and how many bytes went by in all: a child may write
/// gigabytes, benchboard keeps at most twice the capacity at any time.
struct OutputTail {
    let capacity: Int
    private(set) var totalBytes = 0
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        totalBytes += chunk.count
        if chunk.count >= capacity {
            bytes = Array(chunk[(chunk.count - capacity)...])
            return
        }
        bytes.append(contentsOf: chunk)
        // Trimming only once the buffer doubles keeps appends amortised O(1).
        if bytes.count > 2 * capacity { bytes.removeFirst(bytes.count - capacity) }
    }

    /// The kept bytes as text; a UTF-8 sequence cut by the cap is dropped rather than shown as �.
    var text: String {
        var kept = bytes.suffix(capacity)[...]
        if totalBytes > kept.count {
            while let first = kept.first, first & 0xC0 == 0x80 { kept = kept.dropFirst() }
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
