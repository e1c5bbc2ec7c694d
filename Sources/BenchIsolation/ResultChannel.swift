/// Assembles the lines children write to fd 3, up to a cap on the bytes kept. A line that does
/// not fit is dropped whole, never cut.
struct ResultChannel {
    let capacity: Int
    private(set) var lines: [String] = []
    private(set) var droppedBytes = 0
    private var keptBytes = 0
    private var pending: [UInt8] = []
    /// The current line already overflowed: the rest of it is counted, not kept.
    private var discardingLine = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            take(chunk[start..<newline])
            finishLine()
            start = newline + 1
        }
        take(chunk[start...])
    }

    /// Ends the current line even without its newline: called when the batch is over and every
    /// writer is gone. (Within a batch, one child's unterminated line runs straight into the
    /// next child's output; the readers of the lines split glued JSON objects.)
    mutating func endOfWriter() {
        if !pending.isEmpty || discardingLine { finishLine() }
    }

    private mutating func take(_ part: Slice<UnsafeRawBufferPointer>) {
        if !discardingLine && keptBytes + pending.count + part.count > capacity {
            droppedBytes += pending.count
            pending.removeAll(keepingCapacity: true)
            discardingLine = true
        }
        if discardingLine {
            droppedBytes += part.count
        } else {
            pending.append(contentsOf: part)
        }
    }

    private mutating func finishLine() {
        // Blank lines carry nothing for a JSON-lines reader.
        if !discardingLine && !pending.isEmpty {
            keptBytes += pending.count
            lines.append(String(decoding: pending, as: UTF8.self))
        }
        discardingLine = false
        pending.removeAll(keepingCapacity: true)
    }
}
