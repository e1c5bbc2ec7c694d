import BenchModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// junit.xml: `testsuites` › one `testsuite` per group › one `testcase` per benchmark
/// (classname = group, time = the benchmark's total wall time in seconds), with a `failure`
/// for failed, crashed, timed-out and — when configured — slow or regressed benchmarks.
/// Built as an XMLDocument so every name and stderr byte is escaped by the XML library.
struct JUnitWriter {
    let index: HistoryIndex
    let status: SuiteStatus
    let options: ReportOptions

    func xml() -> String {
        let root = XMLElement(name: "testsuites")
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        let suiteName = TextSafety.line(options.title)
        Self.set(root, "name", suiteName)
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
            let suite = XMLElement(name: "testsuite")
            var failures = 0
            var time = 0.0
            var cases: [XMLElement] = []
            for item in items {
                let (testcase, failed) = self.testcase(item)
                if failed { failures += 1 }
                time += item.result.resources.totalMs / 1000
                cases.append(testcase)
            }
            Self.set(suite, "name", TextSafety.line(group.isEmpty ? "benchmarks" : group))
            Self.set(suite, "tests", "\(items.count)")
            Self.set(suite, "failures", "\(failures)")
            Self.set(suite, "errors", "0")
            Self.set(suite, "skipped", "0")
            Self.set(suite, "time", Self.seconds(time))
            if let latest = index.latest { Self.set(suite, "timestamp", Self.timestamp(latest.startedAt)) }
            for testcase in cases { suite.addChild(testcase) }
            root.addChild(suite)
            allFailures += failures
            allTime += time
        }
        Self.set(root, "tests", "\(status.items.count)")
        Self.set(root, "failures", "\(allFailures)")
        Self.set(root, "errors", "0")
        Self.set(root, "time", Self.seconds(allTime))
        return document.xmlString(options: [.nodePrettyPrint]) + "\n"
    }

    private func testcase(_ item: SuiteStatus.Item) -> (XMLElement, Bool) {
        let result = item.result
        let element = XMLElement(name: "testcase")
        Self.set(element, "name", TextSafety.line(result.name))
        Self.set(element, "classname", TextSafety.line(result.group))
        Self.set(element, "time", Self.seconds(result.resources.totalMs / 1000))
        var failure: (type: String, message: String, body: String)?
        if !result.outcome.isSuccess {
            let facts = ReportFormat.failureFacts(result).joined(separator: "\n")
            let tail = result.stderrTail.map { "\n\nstderr (last lines):\n" + TextSafety.xml($0) } ?? ""
            failure = (result.outcome.rawValue, TextSafety.line(ResultLine.failureText(result)), facts + tail)
        } else if options.slowIsFailure, result.isFast == false {
            let target = result.targetNs.map { UnitFormat.duration(ns: Double($0)) } ?? "?"
            failure = ("slow", "❌ Slow: median \(ReportFormat.median(result)) over its target \(target)", TextSafety.line(ResultLine.format(result)))
        } else if options.regressionIsFailure, let comparison = item.comparison, comparison.verdict == .regression {
            let percent = comparison.time.changePercent.map(UnitFormat.percent) ?? "?"
            failure = ("regression", "Regression: \(percent) slower than the baseline", TextSafety.line(ResultLine.format(result)))
        }
        if let failure {
            let node = XMLElement(name: "failure", stringValue: failure.body)
            Self.set(node, "type", failure.type)
            Self.set(node, "message", failure.message)
            element.addChild(node)
        }
        let out = XMLElement(name: "system-out", stringValue: TextSafety.xml(ResultLine.format(result)))
        element.addChild(out)
        return (element, failure != nil)
    }

    /// Adds attributes one by one so they keep a stable order.
    private static func set(_ element: XMLElement, _ name: String, _ value: String) {
        let attribute = XMLNode(kind: .attribute)
        attribute.name = name
        attribute.stringValue = value
        element.addAttribute(attribute)
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
