import BenchModel

/// One result slot per file (or pack member) decoded by `DispatchQueue.concurrentPerform`.
/// Unchecked Sendable because each index is written by exactly one iteration, and read only
/// after `concurrentPerform` has returned.
struct DecodeSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<RunRecord, RunFileProblem>?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func set(_ index: Int, _ value: Result<RunRecord, RunFileProblem>) {
        buffer[index] = value
    }

    /// The results, each slot left unset as `missing`; frees the buffer.
    func take(missing: RunFileProblem) -> [Result<RunRecord, RunFileProblem>] {
        let results = buffer.map { $0 ?? .failure(missing) }
        buffer.deinitialize()
        buffer.deallocate()
        return results
    }
}
