import BenchAnalysis
import BenchModel
import Foundation

/// junit.xml: `testsuites` › one `testsuite` per group › one `testcase` per benchmark
/// (classname = group, time = the benchmark's total wall time in seconds), with a `failure`
/// for failed, crashed, timed-out and — when configured — slow or regressed benchmarks. An
/// `unconfirmed` or `noisy` verdict and an informational benchmark's regression are never a
/// failure: their verdict and reason go into `system-out`.
/// Built as an `XMLTree`, which escapes every name and stderr byte.
struct JUnitExporter: Exporter {
    func export(_ context: ExportContext) -> String {
        JUnitDocument(index: context.index, status: context.status, options: context.options).xml()
    }
}

/// One junit.xml being built.
private struct JUnitDocument {
    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions

    func xml() -> String {
        var root = XMLTree("testsuites")
        let suiteName = TextSafety.line(options.title)
        Self.set(&root, "name", suiteName)
        var order: [String] = []
        var members: [String: [SuiteStatus.Item]] = [:]
        for item in status.items {
            if members[item.result.group] == nil { order.append(item.result.group) }
            members[item.result.group, default: []].append(item)
        }
        var allFailures = 0
        var allTime = 0.0
        for group in order {
            let items = members[group] ?? []
            var suite = XMLTree("testsuite")
            var failures = 0
            var time = 0.0
            var cases: [XMLTree] = []
            for item in items {
                let (testcase, failed) = self.testcase(item)
                if failed { failures += 1 }
                time += item.result.resources.totalMs / 1000
                cases.append(testcase)
            }
            Self.set(&suite, "name", TextSafety.line(group.isEmpty ? "benchmarks" : group))
            Self.set(&suite, "tests", "\(items.count)")
            Self.set(&suite, "failures", "\(failures)")
            Self.set(&suite, "errors", "0")
            Self.set(&suite, "skipped", "0")
            Self.set(&suite, "time", Self.seconds(time))
            if let latest = index.latest { Self.set(&suite, "timestamp", Self.timestamp(latest.startedAt)) }
            suite.children = cases
            root.children.append(suite)
            allFailures += failures
            allTime += time
        }
        Self.set(&root, "tests", "\(status.items.count)")
        Self.set(&root, "failures", "\(allFailures)")
        Self.set(&root, "errors", "0")
        Self.set(&root, "time", Self.seconds(allTime))
        return root.document()
    }

    private func testcase(_ item: SuiteStatus.Item) -> (XMLTree, Bool) {
        let result = item.result
        var element = XMLTree("testcase")
        Self.set(&element, "name", TextSafety.line(result.name))
        Self.set(&element, "classname", TextSafety.line(result.group))
        Self.set(&element, "time", Self.seconds(result.resources.totalMs / 1000))
        var failure: (type: String, message: String, body: String)?
        if !result.outcome.isSuccess {
            let facts = ReportFormat.failureFacts(result).joined(separator: "\n")
            let tail = result.stderrTail.map { "\n\nstderr (last lines):\n" + TextSafety.xml($0) } ?? ""
            failure = (result.outcome.rawValue, TextSafety.line(ResultLine.failureText(result)), facts + tail)
        } else if options.slowIsFailure, result.isFast == false {
            let target = result.targetNs.map { UnitFormat.duration(ns: Double($0)) } ?? "?"
            failure = ("slow", "❌ Slow: median \(ReportFormat.median(result)) over its target \(target)", TextSafety.line(ResultLine.format(result)))
        } else if options.regressionIsFailure, let comparison = item.comparison, comparison.verdict == .regression,
            comparison.failsGate
        {
            let percent = comparison.time.changePercent.map(UnitFormat.percent) ?? "?"
            failure = ("regression", "Regression: \(percent) slower than the baseline", TextSafety.line(ResultLine.format(result)))
        }
        if let failure {
            element.children.append(
                XMLTree("failure", [("type", failure.type), ("message", failure.message)], text: failure.body))
        }
        var out = ResultLine.format(result)
        if let comparison = item.comparison, let line = Self.verdictLine(comparison) { out += "\n" + line }
        element.children.append(XMLTree("system-out", text: out))
        return (element, failure != nil)
    }

    /// "Verdict: unconfirmed, never gating: within the run-to-run spread": what a CI page shows
    /// for a change that is not a failure; nil for the verdicts the line above already says.
    private static func verdictLine(_ comparison: BenchmarkComparison) -> String? {
        let verdict = comparison.verdict
        let note = comparison.headline.note.map { ": " + TextSafety.line($0) } ?? ""
        let change = comparison.headline.changePercent.map { " " + UnitFormat.percent($0) } ?? ""
        switch verdict {
        case .unconfirmed, .noisy: return "Verdict:\(change) \(verdict.rawValue), never gating\(note)"
        case .regression where comparison.informational, .improvement where comparison.informational:
            return "Verdict:\(change) \(verdict.rawValue), informational: never gating\(note)"
        default: return nil
        }
    }

    /// Attributes keep the order they are set in.
    private static func set(_ element: inout XMLTree, _ name: String, _ value: String) {
        element.attributes.append((name, value))
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
