import ArgumentParser
import BenchConfig
import BenchHistory
import BenchTerminal
import Foundation

struct ReportCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the dashboard, summary.md and junit.xml from the history folder.")

    @Option(name: [.short, .long], help: ArgumentHelp("The suite whose [report] settings apply (optional).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The history folder to read (default: [report] history, output/history).", valueName: "dir"))
    var history: String?

    @Option(help: ArgumentHelp("Where to write the reports (default: [report] output, output).", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("previous, RUN-ID, branch:NAME, commit:SHA, a run file or a folder (see `benchboard compare --help`).", valueName: "baseline"))
    var baseline: String?

    @OptionGroup var pullRequest: MergeBaseOption

    @Option(help: ArgumentHelp("A folder of templates that override the built-in ones by file name.", valueName: "dir"))
    var templates: String?

    @Option(
        help: ArgumentHelp(
            "The report cache's folder (default: .benchboard-cache beside the history folder, or beside the report folder when the history is inside it).",
            valueName: "dir"))
    var cache: String?

    @Flag(help: "Decode every history file, and neither read nor write the report cache.")
    var noCache = false

    func validate() throws {
        if noCache, cache != nil { throw ValidationError("--cache and --no-cache contradict each other; give one") }
    }

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let settings = try context.reportSettings(config: config)
        let publisher = ReportPublisher(
            context: context, settings: settings, history: history, output: output, templates: templates, cache: cache,
            useCache: !noCache)
        // A run that died (a crash, SIGKILL) left its finished results in a journal: report them too.
        JournalRecoveryNotes(context: context).recoverQuietly(publisher.history.store)
        let written = try publisher.publish(baseline: baseline, mergeBase: pullRequest.mergeBase)
        TerminalOutput.standardOutput.line(ReportPublisher.announcement(written, context: context))
        return CLIExit.success
    }
}
