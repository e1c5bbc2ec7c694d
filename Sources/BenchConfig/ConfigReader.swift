import TOMLKit

/// Walks a parsed config.toml table by table, collecting every problem with its line instead of
/// stopping at the first, and builds the resolved suite when there are none.
///
/// The tables are walked by hand rather than with TOMLKit's Codable decoding, which refuses an
/// integer where a Double is expected (`target_ms = 12`) with a misleading "key not found".
struct ConfigReader {
    /// Where a table lives in the file, and how messages name it.
    struct Site {
        var table: String
        var index: Int?
        var label: String
    }

    let file: String
    let locator: TOMLLineLocator
    /// Registered names that messages never suggest (the diagnostic benchmarks).
    let unsuggested: Set<String>
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, locator: TOMLLineLocator, unsuggested: Set<String> = []) {
        self.file = file
        self.locator = locator
        self.unsuggested = unsuggested
    }

    mutating func problem(_ message: String, at site: Site, key: [String]? = nil) {
        let line =
            key.flatMap { locator.line(ofKey: $0, inTable: site.table, index: site.index) }
            ?? locator.line(ofTable: site.table, index: site.index)
            // Written inline (`benchmark = [{ … }]`): the line of the key holding it.
            ?? locator.line(ofKey: [site.table], inTable: "")
        diagnostics.append(Diagnostic(file: file, line: line, message: message))
    }

    mutating func problem(_ message: String, line: Int?) {
        diagnostics.append(Diagnostic(file: file, line: line, message: message))
    }

    // MARK: - The whole file

    mutating func read(root: TOMLTable, sourcePath: String, baseDirectory: String, registered: Set<String>?)
        -> SuiteConfig
    {
        checkTopLevel(root)
        let isolated = readFeatures(root)
        var defaults = readDefaults(root)
        // A benchmark's env merges over the default env, the built-in one when [defaults] sets none.
        if defaults.env == nil { defaults.env = ConfigDefaults.env }
        var report = readReport(root, baseDirectory: baseDirectory)
        readHistory(root, into: &report)
        let benchmarks = readBenchmarks(root, defaults: defaults, registered: registered)
        return SuiteConfig(
            sourcePath: sourcePath, baseDirectory: baseDirectory, isolatedBenchmarks: isolated, report: report,
            benchmarks: benchmarks
        )
    }

    private mutating func checkTopLevel(_ root: TOMLTable) {
        let site = Site(table: "", index: nil, label: "the top level")
        let tables = ["[features]", "[defaults]", "[report]", "[history]", "[[benchmark]]"]
        for key in root.keys where !ConfigKeys.topLevel.contains(key) {
            guard let value = root[key] else { continue }
            let isTable = value.type == .table
            let isTableArray = value.array.map { !$0.isEmpty && $0.allSatisfy { $0.type == .table } } ?? false
            if isTable || isTableArray {
                let written = isTable ? "[\(key)]" : "[[\(key)]]"
                let line = locator.line(ofTable: key, index: isTable ? nil : 0)
                let hint =
                    Suggestion.closest(to: key, in: ConfigKeys.topLevel)
                    .map { "; did you mean \(tables[ConfigKeys.topLevel.firstIndex(of: $0) ?? 0])?" }
                    ?? "; known tables: \(tables.joined(separator: ", "))"
                problem("unknown table \(written)\(hint)", line: line)
            } else {
                var message = "unknown key '\(key)' at the top level"
                if let home = ConfigKeys.home(of: key) {
                    message += "; '\(key)' belongs in \(home)"
                } else {
                    message += "; settings go in \(tables.joined(separator: ", "))"
                }
                problem(message, at: site, key: [key])
            }
        }
    }

    /// The value at `key` as a table, or a problem saying how to write it.
    private mutating func section(_ root: TOMLTable, _ key: String) -> TOMLTable? {
        guard let value = root[key] else { return nil }
        guard let table = value.table else {
            problem(
                "'\(key)' must be a table: write [\(key)] on a line of its own, got \(describe(value))",
                at: Site(table: "", index: nil, label: "the top level"), key: [key])
            return nil
        }
        return table
    }

    private mutating func readFeatures(_ root: TOMLTable) -> Bool? {
        guard let table = section(root, "features") else { return nil }
        let site = Site(table: "features", index: nil, label: "[features]")
        checkKeys(table, allowed: ConfigKeys.features, site: site)
        return bool(table, "isolated_benchmarks", site)
    }

    private mutating func readDefaults(_ root: TOMLTable) -> BenchmarkOverrides {
        guard let table = section(root, "defaults") else { return BenchmarkOverrides() }
        let site = Site(table: "defaults", index: nil, label: "[defaults]")
        checkKeys(table, allowed: ConfigKeys.defaults, site: site)
        return overrides(table, site)
    }

    private mutating func readReport(_ root: TOMLTable, baseDirectory: String) -> ReportSettings {
        var report = ReportSettings.defaults(baseDirectory: baseDirectory)
        guard let table = section(root, "report") else { return report }
        let site = Site(table: "report", index: nil, label: "[report]")
        checkKeys(table, allowed: ConfigKeys.report, site: site)
        if let title = string(table, "title", site) { report.title = title }
        let output = string(table, "output", site)
        if let output { report.outputDirectory = PathResolver.resolve(output, against: baseDirectory) }
        // The history follows a moved output folder unless it is placed explicitly.
        if let history = string(table, "history", site) {
            report.historyDirectory = PathResolver.resolve(history, against: baseDirectory)
        } else if output != nil {
            report.historyDirectory = PathResolver.resolve("history", against: report.outputDirectory)
        }
        if let templates = string(table, "templates", site) {
            report.templatesDirectory = PathResolver.resolve(templates, against: baseDirectory)
        }
        if let value = threshold(table, "regression_threshold", site) { report.regressionThreshold = value }
        if let value = threshold(table, "instructions_threshold", site) { report.instructionsThreshold = value }
        if let value = threshold(table, "memory_threshold", site) { report.memoryThreshold = value }
        if let value = threshold(table, "cpu_threshold", site) { report.cpuThreshold = value }
        if let value = alpha(table, "alpha", site) { report.alpha = value }
        if let value = bool(table, "slow_is_failure", site) { report.slowIsFailure = value }
        if let value = baseline(table, "baseline", site) { report.baseline = value }
        if let value = webAddress(table, "repository_url", site, kind: .repository) { report.repositoryURL = value }
        if let value = webAddress(table, "site_url", site, kind: .site) { report.siteURL = value }
        return report
    }

    /// `[history]`: how the history folder's files are read (where it is stays `[report] history`).
    private mutating func readHistory(_ root: TOMLTable, into report: inout ReportSettings) {
        if let value = root["history"], value.type == .string {
            problem(
                "unknown key 'history' at the top level; the history folder is set in [report] as history = \"…\" ([history] is a table holding max_file_mb)",
                at: Site(table: "", index: nil, label: "the top level"), key: ["history"])
            return
        }
        guard let table = section(root, "history") else { return }
        let site = Site(table: "history", index: nil, label: "[history]")
        checkKeys(table, allowed: ConfigKeys.history, site: site)
        let limit = ConfigLimits.maxHistoryFileMB
        if let megabytes = wholeNumber(
            table, "max_file_mb", site, unit: " of MiB", minimum: 1, maximum: limit, maximumText: "\(limit) (1 TiB)")
        {
            report.historyMaxFileBytes = Int64(megabytes) * 1_048_576
        }
    }

    // MARK: - Benchmarks

    private mutating func readBenchmarks(_ root: TOMLTable, defaults: BenchmarkOverrides, registered: Set<String>?)
        -> [BenchmarkSpec]
    {
        guard let value = root["benchmark"] else {
            problem(
                "no benchmarks; add a [[benchmark]] with a name and either swift = \"…\" or command = [\"…\"]",
                line: nil)
            return []
        }
        guard let array = value.array, array.allSatisfy({ $0.type == .table }) else {
            problem(
                "benchmarks are written [[benchmark]] (two brackets), one table per benchmark",
                at: Site(table: "benchmark", index: nil, label: "[benchmark]"), key: nil)
            return []
        }
        if array.isEmpty {
            problem("no benchmarks; add a [[benchmark]] with a name and either swift = \"…\" or command = [\"…\"]",
                line: nil)
        }
        var specs: [BenchmarkSpec] = []
        var firstLine: [String: (line: Int?, ordinal: Int)] = [:]
        for (index, element) in array.enumerated() {
            guard let table = element.table else { continue }
            let line = locator.line(ofTable: "benchmark", index: index)
            if let name = table["name"]?.string {
                if let first = firstLine[name] {
                    let there = first.line.map { "line \($0)" } ?? "[[benchmark]] #\(first.ordinal + 1)"
                    problem(
                        "duplicate benchmark name '\(name)': already used by the [[benchmark]] at \(there); names must be unique",
                        line: line)
                } else {
                    firstLine[name] = (line, index)
                }
            }
            if let spec = readBenchmark(table, index: index, defaults: defaults, registered: registered) {
                specs.append(spec)
            }
        }
        return specs
    }

    /// One `[[benchmark]]`; nil when it lacks what a spec cannot do without (its problems recorded).
    private mutating func readBenchmark(
        _ table: TOMLTable, index: Int, defaults: BenchmarkOverrides, registered: Set<String>?
    ) -> BenchmarkSpec? {
        var site = Site(table: "benchmark", index: index, label: "[[benchmark]] #\(index + 1)")
        let name = string(table, "name", site)
        if let name {
            site.label = "[[benchmark]] '\(name)'"
        } else if table["name"] == nil {
            problem("\(site.label) has no name; add name = \"…\"", at: site)
        }
        checkKeys(table, allowed: ConfigKeys.benchmark, site: site)
        let group = string(table, "group", site) ?? ConfigDefaults.group
        let informational = bool(table, "informational", site) ?? false
        let settings = overrides(table, site).over(defaults)
        let definition = readDefinition(table, site: site, registered: registered)
        if table["max_duration_ms"] != nil, table["command"] != nil {
            // A launcher batch runs its children without a look at the clock in between.
            problem(
                "'max_duration_ms' in \(site.label) applies to swift benchmarks only; a command benchmark runs exactly its iterations (use iterations = … or timeout_ms = …)",
                at: site, key: ["max_duration_ms"])
        }
        guard let name, let definition else { return nil }
        return BenchmarkSpec(
            name: name, group: group, definition: definition, targetMs: settings.targetMs,
            timeoutMs: settings.timeoutMs ?? ConfigDefaults.timeoutMs,
            graceMs: settings.graceMs ?? ConfigDefaults.graceMs,
            killSignal: settings.killSignal ?? ConfigDefaults.killSignal,
            warmup: settings.warmup ?? ConfigDefaults.warmup,
            iterations: settings.iterations ?? ConfigDefaults.iterations,
            rounds: settings.rounds ?? ConfigDefaults.rounds,
            minTimeMs: settings.minTimeMs, maxDurationMs: definition.isSwift ? settings.maxDurationMs : nil,
            env: settings.env ?? ConfigDefaults.env,
            inheritEnv: settings.inheritEnv ?? ConfigDefaults.inheritEnv,
            regressionThreshold: settings.regressionThreshold, limits: settings.limits,
            metric: settings.metric ?? ConfigDefaults.metric, informational: informational,
            line: locator.line(ofTable: "benchmark", index: index)
        )
    }

    private mutating func readDefinition(_ table: TOMLTable, site: Site, registered: Set<String>?)
        -> BenchmarkDefinition?
    {
        let hasSwift = table["swift"] != nil
        let hasCommand = table["command"] != nil
        switch (hasSwift, hasCommand) {
        case (true, true):
            problem(
                "\(site.label) has both 'swift' and 'command'; keep one: swift = \"…\" runs a registered Swift benchmark, command = [\"…\"] runs a program",
                at: site, key: ["command"])
            return nil
        case (false, false):
            problem(
                "\(site.label) has neither 'swift' nor 'command'; add swift = \"<registered name>\" or command = [\"program\", \"argument\"]",
                at: site)
            return nil
        case (true, false):
            guard let name = string(table, "swift", site) else { return nil }
            if let registered, !registered.contains(name) {
                problem(unregistered(name, in: site, registered: registered), at: site, key: ["swift"])
                return nil
            }
            return .swift(name)
        case (false, true):
            return command(table, "command", site).map { .command($0) }
        }
    }

    private func unregistered(_ name: String, in site: Site, registered: Set<String>) -> String {
        var message = "swift benchmark '\(name)' in \(site.label) is not registered"
        let names = registered.subtracting(unsuggested).sorted()
        if names.isEmpty {
            let besides = registered.isEmpty ? "" : " besides its diagnostic ones"
            return message + "; this executable registers no Swift benchmarks\(besides) (use command = [\"…\"] to run a program)"
        }
        message += Suggestion.hint(for: name, in: names)
        let shown = names.prefix(15).map { "'\($0)'" }.joined(separator: ", ")
        let more = names.count > 15 ? " and \(names.count - 15) more" : ""
        return message + " (registered: \(shown)\(more))"
    }

    /// The keys `[defaults]` and `[[benchmark]]` share.
    private mutating func overrides(_ table: TOMLTable, _ site: Site) -> BenchmarkOverrides {
        var o = BenchmarkOverrides()
        let duration = ConfigLimits.maxDurationText
        let count = String(ConfigLimits.maxIterations)
        let maxMs = ConfigLimits.maxDurationMs
        let maxCount = ConfigLimits.maxIterations
        o.timeoutMs = wholeNumber(table, "timeout_ms", site, unit: " of milliseconds", minimum: 1, maximum: maxMs, maximumText: duration)
        o.graceMs = wholeNumber(table, "grace_ms", site, unit: " of milliseconds", minimum: 0, maximum: maxMs, maximumText: duration)
        o.killSignal = signal(table, "kill_signal", site)
        o.warmup = wholeNumber(table, "warmup", site, unit: "", minimum: 0, maximum: maxCount, maximumText: count)
        o.iterations = wholeNumber(table, "iterations", site, unit: "", minimum: 1, maximum: maxCount, maximumText: count)
        o.rounds = wholeNumber(
            table, "rounds", site, unit: "", minimum: 1, maximum: ConfigLimits.maxRounds, maximumText: String(ConfigLimits.maxRounds))
        o.minTimeMs = positiveNumber(table, "min_time_ms", site)
        o.maxDurationMs = positiveNumber(table, "max_duration_ms", site)
        o.env = stringTable(table, "env", site)
        o.inheritEnv = variableNames(table, "inherit_env", site)
        o.targetMs = positiveNumber(table, "target_ms", site)
        o.regressionThreshold = threshold(table, "regression_threshold", site)
        o.limits = limits(table, site)
        o.metric = metric(table, "metric", site)
        return o
    }

    private mutating func checkKeys(_ table: TOMLTable, allowed: [String], site: Site) {
        for key in table.keys where !allowed.contains(key) {
            var message = "unknown key '\(key)' in \(site.label)"
            if let suggestion = Suggestion.closest(to: key, in: allowed) {
                message += "; did you mean '\(suggestion)'?"
            } else if let home = ConfigKeys.home(of: key) {
                message += "; '\(key)' belongs in \(home)"
            } else {
                message += " (known keys: \(allowed.joined(separator: ", ")))"
            }
            problem(message, at: site, key: [key])
        }
    }
}
