import BenchConfig
import BenchModel
import BenchRunner
import Foundation

/// What each side of `benchboard ab` runs: the head plan (the head's config governs), and the base
/// plan: the same benchmarks where the base has them, plus the base config's own benchmarks that
/// the head's no longer names (listed as removed). Each benchmark runs in `rounds` processes a side
/// (`RoundSplit` divides its iterations and time budgets among them, as `run` does).
struct ABSides {
    var head: RunPlan
    var base: RunPlan
    /// Head benchmarks the base cannot run, with why: listed as new.
    var onlyHead: [(name: String, reason: String)] = []
    /// Base benchmarks the head's config does not name: listed as removed.
    var onlyBase: [String] = []

    /// `baseFolder` is where the base side's children start (the base tree's copy of the config's
    /// folder); `baseSwift` the Swift benchmarks the base executable registers (nil: none given).
    init(plan: RunPlan, rounds: Int, baseFolder: String?, baseSwift: Set<String>?, baseConfig: SuiteConfig?) {
        let split = plan.benchmarks.map { Self.inRounds($0, rounds: rounds) }
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
            base.benchmarks.append(Self.inRounds(spec, rounds: rounds))
            onlyBase.append(spec.name)
        }
    }

    /// The spec in `rounds` processes: at least one measured iteration each, so every round
    /// makes a pair (`RoundSplit` never runs more rounds than iterations).
    static func inRounds(_ spec: BenchmarkSpec, rounds: Int) -> BenchmarkSpec {
        var spec = spec
        spec.rounds = rounds
        spec.iterations = max(spec.iterations, rounds)
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
