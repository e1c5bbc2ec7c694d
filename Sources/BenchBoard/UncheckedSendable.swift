/// A value handed to another task where the hand-over itself is the synchronisation (a semaphore).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
