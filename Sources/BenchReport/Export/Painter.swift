/// The one ANSI painter of every terminal output (compare's table, the run's closing lines,
/// the runner's progress through `ProgressStyle`): colour only when enabled, so piped output
/// and `NO_COLOR` stay plain.
public struct Painter: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = Painter(enabled: false)

    public enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case dim = "2"
        case bold = "1"
    }

    public func paint(_ text: String, _ color: Color?) -> String {
        guard enabled, let color else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }
}
