/// Why a filter was refused, as a sentence that names the pattern and the position.
public struct NamePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    /// 0-based offset in characters of the pattern where the problem was found.
    public var offset: Int
    public var reason: String

    public var description: String {
        "'\(pattern)' at character \(offset + 1): \(reason)"
    }
}
