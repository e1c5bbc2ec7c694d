/// What the children of one `PosixSpawner` batch wrote: the stdout and stderr tails, the result
/// channel's lines, and whether the output cap was crossed.
struct SpawnOutput {
    var stdout = OutputTail(capacity: BatchResult.tailCapBytes)
    var stderr = OutputTail(capacity: BatchResult.tailCapBytes)
    var results = ResultChannel(capacity: BatchResult.resultCapBytes)
    private(set) var limitHit = false

    /// `stream`: 0 stdout, 1 stderr, 2 the result channel, in the order the pipes are made.
    mutating func take(_ chunk: UnsafeRawBufferPointer, from stream: Int) {
        switch stream {
        case 0: stdout.append(chunk)
        case 1: stderr.append(chunk)
        default: results.append(chunk)
        }
    }

    /// Whether stdout and stderr together went over `cap` in this batch (and stay so).
    mutating func overCap(_ cap: Int?) -> Bool {
        if !limitHit, let cap, stdout.totalBytes + stderr.totalBytes > cap { limitHit = true }
        return limitHit
    }
}
