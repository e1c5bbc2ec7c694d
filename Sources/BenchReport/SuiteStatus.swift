import BenchAnalysis
import BenchModel

/// The state of the latest run in numbers and one sentence, shared by the dashboard, the
/// Markdown summary and JUnit so all three say the same thing.
struct SuiteStatus: Sendable {
    enum Level: Int, Comparable, Sendable {
        case good, warning, bad
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// A benchmark of the latest run, ranked by how bad its news is (lower is worse).
    struct Item: Sendable {
        var result: BenchmarkResult
        var comparison: BenchmarkComparison?
        var latestStep: ChangePoint?
        var rank: Int
        var isProblem: Bool { rank < 3 }
    }

    var total = 0
    var passed = 0
    var failed = 0
    var timedOut = 0
    var regressions = 0
    var improvements = 0
    var noisy = 0
    var slow = 0
    var steps = 0
    var items: [Item] = []

    init(_ index: HistoryIndex) {
        guard let latest = index.latest else { return }
        for result in latest.benchmarks {
            let comparison = index.comparison(of: result.name)
            total += 1
            switch result.outcome {
            case .ok: passed += 1
            case .timeout: timedOut += 1
            case .failed, .crashed, .error, .limit: failed += 1
            }
            let verdict = comparison?.verdict
            if verdict == .regression { regressions += 1 }
            if verdict == .improvement { improvements += 1 }
            if verdict == .noisy { noisy += 1 }
            let isSlow = result.outcome.isSuccess && result.isFast == false
            if isSlow { slow += 1 }
            // A step counts as news only when it lands on the latest run.
            let trend = index.trends[result.name]
            let step = trend?.changePoints.last.flatMap { change -> ChangePoint? in
                guard let points = trend?.points, change.pointIndex == points.count - 1 else { return nil }
                return change
            }
            if step != nil { steps += 1 }
            let rank: Int
            if !result.outcome.isSuccess {
                rank = 0
            } else if verdict == .regression || (step.map { $0.stepPercent > 0 } ?? false) {
                rank = 1
            } else if isSlow {
                rank = 2
            } else if verdict == .noisy {
                rank = 3
            } else {
                rank = 4
            }
            items.append(Item(result: result, comparison: comparison, latestStep: step, rank: rank))
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

    /// "2 of 12 benchmarks failed" / "1 regression" / "All 12 benchmarks passed".
    var headline: String {
        let broken = failed + timedOut
        if broken > 0 {
            return "\(broken) of \(total) benchmark\(total == 1 ? "" : "s") \(timedOut == broken ? "timed out" : "failed")"
        }
        if regressions > 0 { return "\(regressions) regression\(regressions == 1 ? "" : "s") in \(total) benchmarks" }
        if slow > 0 { return "\(slow) of \(total) benchmark\(total == 1 ? "" : "s") over target" }
        if total == 0 { return "The latest run has no benchmarks" }
        return total == 1 ? "The benchmark passed" : "All \(total) benchmarks passed"
    }

    /// The other counts worth a mention, comma-separated ("1 timed out, 2 regressions, 3 faster").
    var detail: String {
        var parts: [String] = []
        if failed > 0, timedOut > 0 { parts.append("\(failed) failed, \(timedOut) timed out") }
        if regressions > 0, failed + timedOut > 0 { parts.append(plural(regressions, "regression")) }
        if slow > 0, failed + timedOut + regressions > 0 { parts.append("\(slow) over target") }
        if improvements > 0 { parts.append("\(improvements) faster") }
        if noisy > 0 { parts.append("\(noisy) too noisy to judge") }
        if steps > 0 { parts.append("\(plural(steps, "step")) detected at this run") }
        if parts.isEmpty { return "\(passed)/\(total) passed, no significant change" }
        return "\(passed)/\(total) passed · " + parts.joined(separator: ", ")
    }

    private func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }

    /// Worst first, run order within the same rank.
    var ranked: [Item] {
        items.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
    }
}
