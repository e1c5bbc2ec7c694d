import BenchAnalysis
import BenchConfig
import BenchHistory
import BenchModel
import BenchReport
import BenchTerminal
import Foundation

/// Reads the history folder, compares the newest run with its baseline, and renders every report.
/// Shared by `run` (right after a run) and `report`.
struct ReportPublisher {
    var context: CommandContext
    var settings: ReportSettings
    var history: HistoryLocation
    var outputDirectory: URL
    var templatesDirectory: URL?
    /// The report cache; nil reads every history file (`--no-cache`).
    var cache: HistoryCache?

    /// `cache`: the cache folder, or nil for the default one (`HistoryCache.defaultDirectory`).
    init(
        context: CommandContext, settings: ReportSettings, history: String? = nil, output: String? = nil,
        templates: String? = nil, cache: String? = nil, useCache: Bool = true
    ) {
        self.context = context
        self.settings = settings
        self.history = settings.historyLocation(folder: history)
        outputDirectory = URL(fileURLWithPath: output ?? settings.outputDirectory)
        templatesDirectory = (templates ?? settings.templatesDirectory).map { URL(fileURLWithPath: $0) }
        let cacheDirectory = cache.map { URL(fileURLWithPath: $0) }
            ?? HistoryCache.defaultDirectory(history: self.history.directory, output: outputDirectory)
        self.cache = useCache ? HistoryCache(directory: cacheDirectory, version: BenchBoardVersion.number) : nil
    }

    /// `mergeBase`: see `MergeBaseOption`.
    func publish(baseline: String?, mergeBase: String? = nil) throws(CLIError) -> [URL] {
        // Through the cache, runs come without their results; only those the pages show in full
        // and those the comparison reads are completed below (a long history's memory and time).
        var loaded = history.store.load(cache: cache, deferringResults: cache != nil)
        if let warning = loaded.cache?.warning {
            TerminalOutput.standardError.line(context.terminal.paint("warning:", .yellow) + " " + SafeText.escaped(warning))
        }
        for warning in loaded.warnings {
            TerminalOutput.standardError.line(
                context.terminal.paint("warning:", .yellow) + " " + SafeText.escaped(warning.description))
        }
        let options = settings.analysisOptions()
        let reportOptions = ReportOptions(
            title: settings.title, templatesDirectory: templatesDirectory, analysis: options,
            slowIsFailure: settings.slowIsFailure, repositoryURL: settings.repositoryURL, siteURL: settings.siteURL)
        complete(ReportInput.runsShownInFull(loaded.runs.map(\.digests), options: reportOptions), in: &loaded)
        var comparison: RunComparison?
        if let current = loaded.runs.last?.record {
            let chosen = try BaselineResolver(location: history, loaded: loaded)
                .resolve(baseline ?? settings.baseline, for: current, mergeBase: mergeBase)
            if let fallback = chosen?.fallback {
                TerminalOutput.standardError.line(context.terminal.paint("note:", .yellow) + " " + fallback)
            }
            let earlier = loaded.runs.dropLast().map(\.record)
            let window = Analyzer.historyWindow(before: current, in: earlier, options: options)
            var baselineIndex: Int?
            if let chosen { baselineIndex = loaded.runs.lastIndex { $0.record == chosen.run } }
            complete(window + (baselineIndex.map { [$0] } ?? []), in: &loaded)
            var baselineRun = chosen?.run
            if let baselineIndex { baselineRun = loaded.runs[baselineIndex].record }
            // The window is all of the history `compare` reads: the same verdicts as with every run.
            var compared = Analyzer.compare(
                current: current, baseline: baselineRun, history: window.map { loaded.runs[$0].record }, options: options)
            // The reports say which run of a pull request's base it is, and which other machine or
            // build the baseline came from, not only that it differs.
            if let chosen { compared.caveat = chosen.caveat(otherwise: compared.caveat) }
            comparison = compared
        }
        let output = outputDirectory.standardizedFileURL.path + "/"
        // Run files link to themselves only from inside the output folder: asked once for the
        // folder, not for each of thousands of runs (resolving a path is not cheap).
        let linked = (history.directory.standardizedFileURL.path + "/").hasPrefix(output)
        let runs = loaded.runs.map { run in
            let href = linked ? Self.href(for: run.url, output: output) : nil
            return run.isComplete
                ? ReportRun(record: run.record, jsonHref: href, fingerprint: run.fingerprint)
                : ReportRun(header: run.record, digests: run.digests, jsonHref: href, fingerprint: run.fingerprint)
        }
        let input = ReportInput(runs: runs, comparison: comparison, warnings: loaded.warnings.map(\.description))
        let written: [URL]
        do {
            let renderer = try ReportRenderer(options: reportOptions)
            // The rendered pages are cached beside the runs, under the same switch (`--no-cache`).
            let pages = cache.map { PageCache(directory: $0.directory, version: BenchBoardVersion.buildIdentity) }
            let report = try renderer.writeReport(input, to: outputDirectory, pageCache: pages)
            for warning in report.warnings {
                TerminalOutput.standardError.line(
                    context.terminal.paint("warning:", .yellow) + " " + SafeText.escaped(warning))
            }
            written = report.files
        } catch {
            throw CLIError(error.description)
        }
        try appendStepSummary(written)
        return written
    }

    /// Decodes the results of the runs at `indices` from the cache. Should one not be readable
    /// again (the cache file was checked when it was opened), the history is read again without
    /// the cache, whole: a slower report, never a wrong one.
    private func complete(_ indices: some Sequence<Int>, in loaded: inout HistoryLoad) {
        guard !loaded.complete(indices) else { return }
        TerminalOutput.standardError.line(
            context.terminal.paint("warning:", .yellow) + " the report cache could not be read back; "
                + "reading every history file instead")
        loaded = history.store.load()
    }

    /// Appends summary.md to the file GITHUB_STEP_SUMMARY names, when set. That file is not
    /// benchboard's and may be anything: where writing to it would wait, the run (already stored)
    /// and the reports stand, and a warning says the summary was skipped.
    private func appendStepSummary(_ written: [URL]) throws(CLIError) {
        guard let path = context.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty,
            let file = written.first(where: { $0.lastPathComponent == "summary.md" })
        else { return }
        let outcome: StepSummary.Outcome
        do {
            let summary = try String(contentsOf: file, encoding: .utf8)
            outcome = try StepSummary.append(summary, to: path)
        } catch let error as ReportError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("Cannot read \(context.displayPath(file)) back: \(Reason.sentence(error.localizedDescription))")
        }
        if case let .skipped(reason) = outcome {
            TerminalOutput.standardError.line(
                context.terminal.paint("warning:", .yellow) + " the summary was not appended to GITHUB_STEP_SUMMARY ("
                    + SafeText.escaped(path) + "): " + reason + "; writing to it would have waited.")
        }
    }

    /// "Reports: output/index.html, output/summary.md, output/junit.xml (+14 more files)".
    static func announcement(_ written: [URL], context: CommandContext) -> String {
        let headline = written.filter { ["index.html", "summary.md", "junit.xml"].contains($0.lastPathComponent) }
        let rest = written.count - headline.count
        return "Reports: " + headline.map(context.displayPath).joined(separator: ", ")
            + (rest > 0 ? " (+\(rest) more files)" : "")
    }


    /// The run file's address relative to the output folder (`output`, with a trailing slash),
    /// when the history lives inside it.
    private static func href(for file: URL, output: String) -> String? {
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(output) else { return nil }
        return String(path.dropFirst(output.count))
    }
}
