import BenchConfig
import BenchModel
import BenchRunner
import Foundation

/// What each side of `benchboard ab` runs: the head plan (the head's config governs), and the base
/// plan: the same benchmarks where the base has them, plus the base config's own benchmarks that
/// the head's no longer names (listed as removed). Each side's benchmarks are split into `rounds`
/// processes: the iterations and time budgets are divided among them.
struct ABSides {
    var head: RunPlan
    var base: RunPlan
    /// Head benchmarks the base cannot run, with why: listed as new.
    var onlyHead: [(name: String, reason: String)] = []
    /// Base benchmarks the head's config does not name: listed as removed.
    var onlyBase: [String] = []
    /// Each benchmark's settings as configured (not a pass's share), with `rounds` the passes: what
    /// the side's run records, as `run` records its rounds.
    var settings: [String: BenchmarkSettings] = [:]

    /// `baseFolder` is where the base side's children start (the base tree's copy of the config's
    /// folder); `baseSwift` the Swift benchmarks the base executable registers (nil: none given).
    init(plan: RunPlan, rounds: Int, baseFolder: String?, baseSwift: Set<String>?, baseConfig: SuiteConfig?) {
        let split = plan.benchmarks.map { Self.perRound($0, rounds: rounds) }
        for spec in plan.benchmarks { settings[spec.name] = Self.configured(spec, rounds: rounds) }
        head = plan
        head.benchmarks = split
        base = head
        base.benchmarks = []
        for spec in split {
            if let reason = Self.missing(spec, baseFolder: baseFolder, baseSwift: baseSwift) {
                onlyHead.append((spec.name, reason))
            } else {
                base.benchmarks.append(spec)
            }
        }
        let headNames = Set(plan.config.benchmarks.map(\.name))
        for spec in baseConfig?.benchmarks ?? [] where !headNames.contains(spec.name) {
            guard plan.selection == nil else { continue }  // a filtered head says nothing about the rest
            guard Self.missing(spec, baseFolder: baseFolder, baseSwift: baseSwift) == nil else { continue }
            base.benchmarks.append(Self.perRound(spec, rounds: rounds))
            onlyBase.append(spec.name)
            settings[spec.name] = Self.configured(spec, rounds: rounds)
        }
    }

    private static func configured(_ spec: BenchmarkSpec, rounds: Int) -> BenchmarkSettings {
        var settings = spec.settings
        settings.rounds = rounds
        return settings
    }

    /// One process's share: at least 3 iterations (or all of them when fewer were asked for), the
    /// time budgets divided by the rounds, the warm-up whole (each process warms up on its own).
    static func perRound(_ spec: BenchmarkSpec, rounds: Int) -> BenchmarkSpec {
        var spec = spec
        let share = (spec.iterations + rounds - 1) / rounds
        spec.iterations = max(min(spec.iterations, 3), share)
        spec.minTimeMs = spec.minTimeMs.map { $0 / Double(rounds) }
        spec.maxDurationMs = spec.maxDurationMs.map { $0 / Double(rounds) }
        return spec
    }

    /// Why the base cannot run `spec`, nil when it can. A command's program given as a relative
    /// path must exist in the base tree; a Swift benchmark must be registered by the base executable.
    static func missing(_ spec: BenchmarkSpec, baseFolder: String?, baseSwift: Set<String>?) -> String? {
        switch spec.definition {
        case .swift(let name):
            guard let baseSwift else { return "no --base-executable to run Swift benchmarks from" }
            return baseSwift.contains(name) ? nil : "the base executable registers no Swift benchmark '\(name)'"
        case .command(let arguments):
            guard let baseFolder else { return "no --base-dir to run commands in" }
            guard let program = arguments.first, program.contains("/"), !program.hasPrefix("/") else { return nil }
            let path = PathResolver.resolve(program, against: baseFolder)
            return FileManager.default.fileExists(atPath: path) ? nil : "the base tree has no \(program)"
        }
    }
}
