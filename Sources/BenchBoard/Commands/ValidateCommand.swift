import ArgumentParser
import BenchConfig
import BenchModel
import BenchTerminal

struct ValidateCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config file without running anything (exit 2 with file:line messages when it is wrong).")

    @OptionGroup var configOptions: ConfigOptions

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let config = try context.loadConfig(configOptions.config)
        let swift = config.benchmarks.filter { $0.kind == .swift }.count
        do {
            _ = try IsolationSetting.resolve(flag: nil, environment: context.environment, file: config.isolatedBenchmarks)
        } catch {
            throw CLIError(error.description)
        }
        TerminalOutput.standardOutput.line(
            "\(SafeText.escaped(configOptions.config)): valid — \(UnitFormat.count(config.benchmarks.count, "benchmark")) (\(swift) swift, \(config.benchmarks.count - swift) command)")
        return CLIExit.success
    }
}
