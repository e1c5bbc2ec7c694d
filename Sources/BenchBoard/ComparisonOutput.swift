import ArgumentParser
import BenchAnalysis
import BenchConfig
import BenchModel
import BenchReport
import BenchTerminal

/// How `compare` and `ab` print a comparison and what it makes them exit with: every format
/// comes from the report stage's exporters, over the baseline and the current run, so both
/// commands say the same thing the same way.
struct ComparisonOutput {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json

        var export: ExportFormat {
            switch self {
            case .text: .text
            case .json: .json
            case .markdown: .markdown
            }
        }
    }

    var settings: ReportSettings
    var options: AnalysisOptions

    /// The comparison in `format`, painted for the terminal when `painter` paints.
    func render(_ comparison: RunComparison, baseline: RunRecord, current: RunRecord, format: Format, painter: Painter = .plain)
        throws(CLIError) -> String
    {
        let input = ReportInput(
            runs: [ReportRun(record: baseline, jsonHref: nil), ReportRun(record: current, jsonHref: nil)],
            comparison: comparison, warnings: [])
        do {
            let renderer = try ReportRenderer(
                options: ReportOptions(
                    title: settings.title, analysis: options, slowIsFailure: settings.slowIsFailure,
                    repositoryURL: settings.repositoryURL, siteURL: settings.siteURL))
            return renderer.export(format.export, input, painter: painter)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// `--fail-on-regression`: 1 when the comparison fails the gate (`RunComparison.failsGate`); else 0.
    static func exitCode(_ comparison: RunComparison, failOnRegression: Bool) -> Int32 {
        if failOnRegression && comparison.failsGate {
            return CLIExit.benchmarkFailed
        }
        return CLIExit.success
    }
}
