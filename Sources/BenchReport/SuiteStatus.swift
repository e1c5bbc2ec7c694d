import BenchAnalysis
import BenchModel

/// The state of the latest run in numbers and one sentence, shared by the dashboard, the
/// Markdown summary and JUnit so all three say the same thing.
///
/// Only what gates counts as news in the headline: failures, regressions of benchmarks that are
/// not informational, and medians over their target. A change the evidence cannot confirm
/// (`unconfirmed`, or `noisy` however large) and a change of an informational benchmark are
/// shown with their reasons but never make the headline say something changed: on an unchanged
/// suite, noise alone would otherwise turn it yellow every other run.
struct SuiteStatus: Sendable {
    enum Level: Int, Comparable, Sendable {
        case good, warning, bad
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// Why a benchmark needs attention, worst first: the order of summary.md's problem table.
    enum Problem: Int, Comparable, Sendable, CaseIterable {
        /// Failed, crashed, timed out or could not start.
        case failure
        case regression
        /// Median over its `target_ms`.
        case overTarget

        static func < (a: Problem, b: Problem) -> Bool { a.rawValue < b.rawValue }

        /// "3 more regressions", "1 more failure", "2 more over target": the rows a capped table leaves out.
        func more(_ count: Int) -> String {
            switch self {
            case .failure: UnitFormat.count(count, "more failure")
            case .regression: UnitFormat.count(count, "more regression")
            case .overTarget: "\(count) more over target"
            }
        }
    }

    /// A benchmark of the latest run, ranked by how bad its news is (lower is worse).
    struct Item: Sendable {
        var result: BenchmarkResult
        var comparison: BenchmarkComparison?
        /// The newest confirmed step at or beyond the threshold within the last
        /// `ReportOptions.recentStepRuns` runs of this benchmark.
        var recentStep: ChangePoint?
        /// How many runs before the latest one the recent step landed (0: at the latest run).
        var stepRunsAgo: Int
        var problem: Problem?
        /// A change that does not gate: `unconfirmed`, `noisy` at or beyond the threshold, or a
        /// regression or improvement of an informational benchmark. Shown apart from the
        /// problems, with its reason, so it never reads as a failure.
        var isUnsettled = false
        /// The benchmark's time threshold as a fraction.
        var threshold: Double
        var rank: Int
        var isProblem: Bool { problem != nil }
    }

    var total = 0
    var passed = 0
    var failed = 0
    var timedOut = 0
    /// Regressions that gate: informational benchmarks' are counted in `informationalChanges`.
    var regressions = 0
    var improvements = 0
    var noisy = 0
    /// Noisy verdicts whose change is at or beyond the threshold.
    var noisyChanges = 0
    var unconfirmed = 0
    /// Regressions and improvements of informational benchmarks: shown, never gating.
    var informationalChanges = 0
    /// Benchmarks of the latest run that have a verdict against a baseline (not new, not failed).
    var compared = 0
    /// Benchmarks whose smallest detectable change is larger than their threshold.
    var cannotGate = 0
    var slow = 0
    /// Benchmarks that stepped within the last `recentStepRuns` runs.
    var steps = 0
    var recentStepRuns = 0
    var items: [Item] = []

    init(_ index: HistoryIndex, recentStepRuns: Int = 10) {
        self.recentStepRuns = recentStepRuns
        guard let latest = index.latest else { return }
        for result in latest.benchmarks {
            let comparison = index.comparison(of: result.name)
            let threshold = index.thresholdPolicy.headline(for: result)
            total += 1
            switch result.outcome {
            case .ok: passed += 1
            case .timeout: timedOut += 1
            case .failed, .crashed, .error, .limit: failed += 1
            }
            let verdict = comparison?.verdict
            let informational = comparison?.informational ?? (result.config?.informational == true)
            let isInformationalChange = informational && (verdict == .regression || verdict == .improvement)
            if isInformationalChange { informationalChanges += 1 }
            if verdict == .regression, !informational { regressions += 1 }
            if verdict == .improvement, !informational { improvements += 1 }
            if verdict == .noisy { noisy += 1 }
            if verdict == .unconfirmed { unconfirmed += 1 }
            switch verdict {
            case .unchanged?, .unconfirmed?, .noisy?, .regression?, .improvement?: compared += 1
            default: break
            }
            if let detectable = comparison?.headline.detectablePercent, !Self.canGate(detectable, threshold) { cannotGate += 1 }
            let isSlow = result.outcome.isSuccess && result.isFast == false
            if isSlow { slow += 1 }
            let isNoisyChange = verdict == .noisy
                && (comparison?.headline.changePercent).map { ThresholdPolicy.reaches($0, threshold) } == true
            if isNoisyChange { noisyChanges += 1 }

            var recentStep: ChangePoint?
            var runsAgo = 0
            if let trend = index.trends[result.name], let step = index.steps[result.name]?.last {
                runsAgo = trend.points.count - 1 - step.pointIndex
                if runsAgo < recentStepRuns { recentStep = step }
            }
            if recentStep != nil { steps += 1 }

            let problem: Problem?
            if !result.outcome.isSuccess {
                problem = .failure
            } else if verdict == .regression, !informational {
                problem = .regression
            } else if isSlow {
                problem = .overTarget
            } else {
                problem = nil
            }
            let isUnsettled = verdict == .unconfirmed || isNoisyChange || isInformationalChange
            let rank: Int
            if let problem {
                rank = problem.rawValue
            } else if isUnsettled {
                rank = Problem.allCases.count
            } else {
                rank = Problem.allCases.count + (verdict == .noisy ? 1 : 2)
            }
            var item = Item(
                result: result, comparison: comparison, recentStep: recentStep, stepRunsAgo: runsAgo, problem: problem,
                threshold: threshold, rank: rank)
            item.isUnsettled = isUnsettled && problem == nil
            items.append(item)
        }
    }

    var level: Level {
        if failed + timedOut > 0 { return .bad }
        if regressions + slow > 0 { return .warning }
        return .good
    }

    var icon: String {
        switch level {
        case .good: "✅"
        case .warning: "⚠️"
        case .bad: "❌"
        }
    }

    var levelClass: String {
        switch level {
        case .good: "good"
        case .warning: "warn"
        case .bad: "bad"
        }
    }

    /// The worst news, in the order of the problem table: "2 of 12 benchmarks failed",
    /// "1 regression in 12 benchmarks", …, "All 12 benchmarks passed", or "Nothing changed in 12
    /// benchmarks" when every one was compared and is unchanged or unconfirmed.
    ///
    /// Over target is a standing state, not news of this run: when nothing changed, the headline
    /// says so first ("Nothing changed in 12 benchmarks · 3 over target"), so unchanged code on a
    /// machine slower than the targets does not read like a change.
    var headline: String {
        let broken = failed + timedOut
        if broken > 0 {
            return "\(broken) of \(UnitFormat.count(total, "benchmark")) \(timedOut == broken ? "timed out" : "failed")"
        }
        if regressions > 0 { return "\(UnitFormat.count(regressions, "regression")) in \(UnitFormat.count(total, "benchmark"))" }
        if slow > 0, nothingChanged { return "Nothing changed in \(UnitFormat.count(total, "benchmark")) · \(slow) over target" }
        if slow > 0 { return "\(slow) of \(UnitFormat.count(total, "benchmark")) over target" }
        if total == 0 { return "The latest run has no benchmarks" }
        if nothingChanged { return total == 1 ? "The benchmark did not change" : "Nothing changed in \(total) benchmarks" }
        return total == 1 ? "The benchmark passed" : "All \(total) benchmarks passed"
    }

    /// Every benchmark was compared with a baseline and is unchanged or unconfirmed.
    var nothingChanged: Bool {
        total > 0 && compared == total && items.allSatisfy {
            $0.comparison?.verdict == .unchanged || $0.comparison?.verdict == .unconfirmed
        }
    }

    /// Whether a benchmark that detects changes of `detectablePercent` (7.5 for 7.5 %) can gate
    /// at `threshold` (a fraction): it can when the threshold is at least that large.
    static func canGate(_ detectablePercent: Double, _ threshold: Double) -> Bool {
        detectablePercent <= threshold * 100 + 1e-9
    }

    /// Every count worth a mention, so the line under the headline never contradicts it:
    /// "3/4 passed · 1 failed, 1 regression, 2 faster".
    var detail: String {
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) failed") }
        if timedOut > 0 { parts.append("\(timedOut) timed out") }
        if regressions > 0 { parts.append(UnitFormat.count(regressions, "regression")) }
        if slow > 0 { parts.append("\(slow) over target") }
        if improvements > 0 { parts.append("\(improvements) faster") }
        if unconfirmed > 0 { parts.append("\(unconfirmed) unconfirmed (never gating)") }
        if noisyChanges > 0 { parts.append("\(noisyChanges) changed but too noisy to call (never gating)") }
        if noisy > noisyChanges { parts.append("\(noisy - noisyChanges) too noisy to judge") }
        if informationalChanges > 0 {
            parts.append(UnitFormat.count(informationalChanges, "informational change") + " (never gating)")
        }
        if cannotGate > 0 { parts.append("\(cannotGate) cannot detect a change of their threshold") }
        if steps > 0 { parts.append("\(UnitFormat.count(steps, "step")) in the last \(UnitFormat.count(recentStepRuns, "run"))") }
        if parts.isEmpty { return "\(passed)/\(total) passed, no significant change" }
        return "\(passed)/\(total) passed · " + parts.joined(separator: ", ")
    }

    /// Worst first, run order within the same rank.
    var ranked: [Item] {
        items.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }
}
