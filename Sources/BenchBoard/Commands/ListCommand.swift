import ArgumentParser
import BenchConfig
import BenchModel
import BenchRunner
import BenchTerminal

struct ListCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the plan: every benchmark with its kind, whether it runs isolated, and its timeout.")

    @OptionGroup var configOptions: ConfigOptions

    @Flag(inversion: .prefixedNo, help: "Show the plan as `run --isolation` / `--no-isolation` would run it.")
    var isolation: Bool?

    @Option(help: ArgumentHelp(NamePatternHelp.filter, valueName: "regex"))
    var filter: String?

    @Option(help: ArgumentHelp(ShardArgument.help, valueName: "i/n"))
    var shard: String?

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let config = try context.loadConfig(configOptions.config)
        let selectedShard = try ShardArgument.parse(shard)
        let plan: RunPlan
        do {
            let decided = try IsolationSetting.resolve(
                flag: isolation, environment: context.environment, file: config.isolatedBenchmarks)
            plan = try Planner.plan(
                config: config, isolation: decided.enabled, isolationSource: decided.source, filter: filter, shard: selectedShard)
        } catch let error as ConfigError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("\(error)")
        }
        context.noteUnconfiguredBenchmarks(in: config)
        if plan.benchmarks.isEmpty, let selectedShard {
            TerminalOutput.standardOutput.line(ShardArgument.emptyNote(selectedShard, filtered: filter != nil))
            return CLIExit.success
        }
        let rows = plan.benchmarks.map { spec in
            [
                spec.name, spec.group, spec.kind.rawValue, plan.runsIsolated(spec) ? "isolated" : "in-process",
                "\(spec.timeoutMs) ms", "\(spec.warmup)+\(spec.iterations)",
                spec.targetMs.map { "\(formatNumber($0)) ms" } ?? "-",
            ]
        }
        let table = TextTable(header: ["name", "group", "kind", "mode", "timeout", "warmup+iter", "target"], rows: rows)
        TerminalOutput.standardOutput.line(table.render())
        TerminalOutput.standardOutput.line(
            "\n\(UnitFormat.count(plan.benchmarks.count, "benchmark")); isolation \(plan.isolation ? "on" : "off") (\(plan.isolationSource))")
        return CLIExit.success
    }

    private func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
