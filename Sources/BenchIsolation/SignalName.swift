#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signal numbers and their names as users write them in config and read them in reports.
public enum SignalName {
    private static let names: [(Int32, String)] = [
        (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGILL, "SIGILL"),
        (SIGTRAP, "SIGTRAP"), (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"), (SIGFPE, "SIGFPE"),
        (SIGKILL, "SIGKILL"), (SIGUSR1, "SIGUSR1"), (SIGSEGV, "SIGSEGV"), (SIGUSR2, "SIGUSR2"),
        (SIGPIPE, "SIGPIPE"), (SIGALRM, "SIGALRM"), (SIGTERM, "SIGTERM"),
        (SIGCHLD, "SIGCHLD"), (SIGCONT, "SIGCONT"), (SIGSTOP, "SIGSTOP"), (SIGTSTP, "SIGTSTP"),
        (SIGTTIN, "SIGTTIN"), (SIGTTOU, "SIGTTOU"), (SIGURG, "SIGURG"), (SIGXCPU, "SIGXCPU"),
        (SIGXFSZ, "SIGXFSZ"), (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"), (SIGWINCH, "SIGWINCH"),
        (SIGIO, "SIGIO"), (SIGSYS, "SIGSYS"),
    ] + systemNames

    /// The names only this system has: Linux and Darwin each have two the other lacks.
    #if canImport(Glibc)
    private static let systemNames: [(Int32, String)] = [(SIGSTKFLT, "SIGSTKFLT"), (SIGPWR, "SIGPWR")]
    #elseif canImport(Darwin)
    private static let systemNames: [(Int32, String)] = [(SIGEMT, "SIGEMT"), (SIGINFO, "SIGINFO")]
    #else
    private static let systemNames: [(Int32, String)] = []
    #endif

    /// "SIGSEGV"; "signal 42" for a number without a name.
    public static func name(of signal: Int32) -> String {
        names.first { $0.0 == signal }?.1 ?? "signal \(signal)"
    }

    /// Accepts "SIGTERM", "TERM" (any case) and "15"; nil for anything else.
    public static func number(of name: String) -> Int32? {
        let trimmed = name.trimmingSpaces()
        if let number = Int32(trimmed) {
            return (1..<65).contains(number) ? number : nil
        }
        var upper = trimmed.uppercased()
        if !upper.hasPrefix("SIG") { upper = "SIG" + upper }
        if upper == "SIGIOT" { return SIGABRT }
        if upper == "SIGPOLL" { return SIGIO }
        return names.first { $0.1 == upper }?.0
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
