import BenchConfig
import BenchModel
import Foundation

/// The registered Swift benchmarks that config.toml does not name. The runner only ever runs what
/// the config names, so a benchmark someone registered and forgot to add would otherwise be
/// skipped without a word; `run` and `list` print `notice` instead.
///
/// Diagnostic benchmarks (registered for benchboard's own tests: crashes, hangs, daemons) are left
/// out: they run when a config names them, but nobody is invited to. A config that names no Swift
/// benchmark at all gets no notice: it is a suite of commands (often from another language) run by
/// whichever benchboard binary is at hand, and the benchmarks that binary happens to register are
/// not ones it forgot.
public struct UnconfiguredBenchmarks: Sendable, Equatable {
    /// In registration order.
    public let names: [String]
    /// The config file as messages name it (its file name).
    public let configName: String

    /// Most names the notice spells out; the rest are counted.
    static let shownNames = 10

    /// - Parameters:
    ///   - registered: every registered name, in registration order.
    ///   - diagnostic: the names registered as diagnostic benchmarks.
    public init(registered: [String], diagnostic: Set<String>, config: SuiteConfig) {
        var named = Set<String>()
        for spec in config.benchmarks {
            if case .swift(let name) = spec.definition { named.insert(name) }
        }
        var seen = Set<String>()
        names = named.isEmpty ? [] : registered.filter { name in
            !named.contains(name) && !diagnostic.contains(name) && seen.insert(name).inserted
        }
        configName = URL(fileURLWithPath: config.sourcePath).lastPathComponent
    }

    /// One line, or nil when every registered benchmark is in the config:
    /// `2 registered Swift benchmarks are not in config.toml: a, b — add a [[benchmark]] with swift = "a" to run them`.
    public var notice: String? {
        guard let first = names.first else { return nil }
        let one = names.count == 1
        var listed = names.prefix(Self.shownNames).map { SafeText.escaped($0) }.joined(separator: ", ")
        if names.count > Self.shownNames { listed += " and \(names.count - Self.shownNames) more" }
        let counted = one ? "1 registered Swift benchmark is" : "\(names.count) registered Swift benchmarks are"
        return "\(counted) not in \(SafeText.escaped(configName)): \(listed) — add a [[benchmark]] with "
            + "swift = \"\(SafeText.escaped(first))\" to run \(one ? "it" : "them")"
    }
}
