import BenchAnalysis
import BenchModel
import Foundation

/// What every output needs from the input, computed once: the comparison, per-benchmark
/// series, trends, slugs and per-run display strings.
struct HistoryIndex: Sendable {
    struct RunInfo: Sendable {
        var record: RunRecord
        var jsonHref: String?
        var date: String
        var shortCommit: String
        var subject: String
        var branch: String
        /// `<repository_url>/commit/<sha>`, or nil without a repository URL.
        var commitHref: String?
        /// The id of its rows on the benchmark pages, runs.html and the archives (`RunArchive.anchor`).
        var anchor: String
        /// The quarter whose archive lists it: "2026-Q4" (`RunArchive`).
        var period: String
        /// `ReportRun.fingerprint`.
        var fingerprint: UInt64?
        /// `MachineInfo.fingerprint`, made once per run.
        var machine: String
        /// The same machine as a number (its order of first appearance), to tell runs' machines
        /// apart without comparing fingerprints.
        var machineNumber = 0
        /// `ReportRun.digests`, `ReportRun.isComplete`: `record.benchmarks` is empty when it is not.
        var digests: [ResultDigest]
        var isComplete: Bool
        /// Its id, start and commit, shared by its points in every trend.
        var stamp: TrendStamp
    }

    /// One benchmark's result in one run: where it is in the run's results (and digests). Two
    /// integers, not the result: a long history has hundreds of thousands of them.
    struct Entry: Sendable {
        var runIndex: Int
        var position: Int

        /// Its digest: what the pages show of every run.
        func digest(in runs: [RunInfo]) -> ResultDigest {
            runs[runIndex].digests[position]
        }

        /// Its whole result, when its run is complete: the latest run and the runs of each
        /// benchmark's table always are (`ReportInput.runsShownInFull`).
        func result(in runs: [RunInfo]) -> BenchmarkResult? {
            let run = runs[runIndex]
            return run.isComplete && position < run.record.benchmarks.count ? run.record.benchmarks[position] : nil
        }
    }

    func digest(_ entry: Entry) -> ResultDigest { entry.digest(in: runs) }

    /// The entry's outcome, read in place: a copy of its digest would retain its name.
    func outcome(_ entry: Entry) -> Outcome { runs[entry.runIndex].digests[entry.position].outcome }

    func result(_ entry: Entry) -> BenchmarkResult? { entry.result(in: runs) }

    let runs: [RunInfo]
    let comparison: RunComparison?
    let warnings: [String]
    /// Every benchmark name in history, in order of first appearance (so slugs stay stable as
    /// benchmarks are added).
    let names: [String]
    let slugs: [String: String]
    let series: [String: [Entry]]
    let trends: [String: Trend]
    /// The analysis's threshold rule, which the pages and the summary apply too.
    let thresholdPolicy: ThresholdPolicy
    /// Each benchmark's headline threshold as a fraction (0.05 = 5 %), from its newest result.
    let thresholds: [String: Double]
    /// Confirmed steps at or beyond each benchmark's threshold, oldest first: the ones a reader
    /// should hear about. The detector also keeps smaller real steps; they stay on the chart.
    let steps: [String: [ChangePoint]]
    /// Commit links, when `[report] repository_url` is set.
    let links: ReportLinks
    /// The quarters that get an archive (`RunArchive.periods`), oldest first: the same for every page.
    let archivePeriods: [String]
    private let comparisonsByName: [String: BenchmarkComparison]

    var latest: RunRecord? { runs.last?.record }

    init(_ input: ReportInput, options: ReportOptions) {
        let links = ReportLinks(repositoryURL: options.repositoryURL, siteURL: options.siteURL)
        self.links = links
        // Made once: a complete run's digests are made from its results on each ask.
        let digests = input.runs.map(\.digests)
        var runs = zip(input.runs, digests).map { run, digests in
            RunInfo(
                record: run.record, jsonHref: run.jsonHref.flatMap(Self.localHref),
                date: ReportFormat.date(run.record.startedAt),
                shortCommit: TextSafety.line(run.record.git?.shortCommit ?? "–"),
                subject: TextSafety.line(run.record.git?.subject ?? ""),
                branch: TextSafety.line(run.record.git?.branch ?? "–"),
                commitHref: links.commit(run.record.git?.commit), anchor: RunArchive.anchor(runID: run.record.id),
                period: RunArchive.period(of: run.record.startedAt), fingerprint: run.fingerprint,
                machine: run.record.machine.fingerprint, digests: digests, isComplete: run.isComplete,
                stamp: TrendStamp(run.record))
        }
        var machineNumbers: [String: Int] = [:]
        for index in runs.indices {
            let number = machineNumbers[runs[index].machine] ?? machineNumbers.count
            machineNumbers[runs[index].machine] = number
            runs[index].machineNumber = number
        }
        self.runs = runs
        archivePeriods = RunArchive.periods(runs, tableLimit: options.runTableLimit)
        warnings = input.warnings.map(TextSafety.line)
        if let given = input.comparison {
            comparison = given
        } else if let latest = input.runs.last?.record {
            let previous = input.runs.count > 1 ? input.runs[input.runs.count - 2].record : nil
            // The runs before the latest are its history: verdicts need their run-to-run spread.
            comparison = Analyzer.compare(
                current: latest, baseline: previous, history: input.runs.dropLast().map(\.record), options: options.analysis)
        } else {
            comparison = nil
        }
        comparisonsByName = Dictionary(
            (comparison?.benchmarks ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var numbering = NameNumbering()
        var entries: [[Entry]] = []
        for (index, run) in digests.enumerated() {
            numbering.nextRun()
            for (position, digest) in run.enumerated() {
                let number = numbering.number(of: digest.name)
                if number == entries.count { entries.append([]) }
                entries[number].append(Entry(runIndex: index, position: position))
            }
        }
        let names = numbering.names
        let series = Dictionary(uniqueKeysWithValues: zip(names, entries))
        self.names = names
        self.series = series
        var taken: Set<String> = []
        var slugs: [String: String] = [:]
        for name in names { slugs[name] = Slug.make(name, taken: &taken) }
        self.slugs = slugs
        let missing = names.filter { input.trends[$0] == nil }
        let computed = Self.computeTrends(
            names: missing, series: series, stamps: runs.map(\.stamp), digests: digests)
        let trends = input.trends.merging(computed) { given, _ in given }
        self.trends = trends
        let policy = options.analysis.thresholds
        thresholdPolicy = policy
        var thresholds: [String: Double] = [:]
        var steps: [String: [ChangePoint]] = [:]
        for name in names {
            let threshold = series[name]?.last?.result(in: runs).map { policy.headline(for: $0) } ?? policy.time
            thresholds[name] = threshold
            steps[name] = (trends[name]?.changePoints ?? []).filter { ThresholdPolicy.reaches($0.stepPercent, threshold) }
        }
        self.thresholds = thresholds
        self.steps = steps
    }

    /// Trends are independent per benchmark: compute them on every core, from the series already
    /// gathered (the first result of the name in each run, as `RunRecord.benchmark(named:)` finds it).
    private static func computeTrends(
        names: [String], series: [String: [Entry]], stamps: [TrendStamp], digests: [[ResultDigest]]
    ) -> [String: Trend] {
        let results = ParallelMap.map(names) { name in
            let entries = series[name] ?? []
            var found: [(runIndex: Int, digest: ResultDigest)] = []
            found.reserveCapacity(entries.count)
            for entry in entries where found.last?.runIndex != entry.runIndex {
                found.append((entry.runIndex, digests[entry.runIndex][entry.position]))
            }
            return Analyzer.trend(of: name, stamps: stamps, digests: found)
        }
        return Dictionary(zip(names, results), uniquingKeysWith: { first, _ in first })
    }

    /// Keeps only relative paths: the pages must never point off the machine.
    static func localHref(_ href: String) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !trimmed.hasPrefix("\\") else { return nil }
        if let colon = trimmed.firstIndex(of: ":") {
            let slash = trimmed.firstIndex(of: "/") ?? trimmed.endIndex
            if colon < slash { return nil }
        }
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
    }

    /// The trend as the pages draw it: only the steps at or beyond the threshold are marked.
    func reportedTrend(of name: String) -> Trend {
        guard let trend = trends[name] else { return Trend(name: name, points: [], changePoints: []) }
        return Trend(name: trend.name, metric: trend.metric, points: trend.points, changePoints: steps[name] ?? [])
    }

    func comparison(of name: String) -> BenchmarkComparison? {
        comparisonsByName[name]
    }
}
