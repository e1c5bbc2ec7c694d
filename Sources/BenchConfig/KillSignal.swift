import Foundation

/// The signals a timeout may send first. Only ones whose default action ends a process make
/// sense: the group gets SIGKILL after the grace period anyway.
public enum KillSignal {
    public static let allowed = ["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGKILL", "SIGUSR1", "SIGUSR2"]

    /// "term", "TERM" and "SIGTERM" all give "SIGTERM"; nil for anything else.
    public static func normalize(_ name: String) -> String? {
        let upper = name.trimmingCharacters(in: .whitespaces).uppercased()
        let full = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        return allowed.contains(full) ? full : nil
    }
}
