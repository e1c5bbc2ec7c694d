#if os(Linux) && !BENCHBOARD_PORTABLE
/// The framing of the launcher's report stream: newline-terminated lines, each one
/// `LauncherReport`. The launcher's batches (`BatchDrain`) and the fork server's children
/// (`ForkedChildDrain`) speak the same protocol, so the framing lives here and each drain keeps
/// only what the reports mean to it.
enum LauncherReportLines {
    /// Parses the complete lines of `pending` in order and hands each report to `handle`, with
    /// its line for messages, until `handle` returns a value (which is returned) or no complete line
    /// is left (nil). Lines after the one that ended it, and a partial last line, stay in `pending`
    /// for the next call.
    ///
    /// This runs once per read on a stream that reports thousands of short children, so consumed
    /// lines are dropped from `pending` in one move at the end, not one copy per line; a line that
    /// does not parse, or a `handle` that throws, is consumed like any other.
    static func consume<Value>(
        _ pending: inout [UInt8], _ handle: (LauncherReport, Substring) throws(IsolationError) -> Value?
    ) throws(IsolationError) -> Value? {
        var consumed = 0
        defer { pending.removeFirst(consumed) }
        while let newline = pending[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[consumed..<newline], as: UTF8.self)[...]
            consumed = newline + 1
            if let value = try handle(try LauncherReport(line: line), line) { return value }
        }
        return nil
    }
}
#endif
