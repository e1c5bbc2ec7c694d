/// How one child ended.
public enum Termination: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Over its timeout; the signal that finally ended it (the kill signal, or SIGKILL after grace).
    case timedOut(killedBy: Int32)
    /// It never ran. `message` is the OS error text and what was being started.
    case spawnFailed(errno: Int32, message: String)
}
