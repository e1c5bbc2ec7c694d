import ArgumentParser
import BenchModel
import BenchTerminal
import Foundation

/// `benchboard comment`: puts summary.md on a pull request as one comment that later runs update.
struct CommentCommand: ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Create or update the one pull-request comment that carries summary.md.",
        discussion: """
            Reads the token from GITHUB_TOKEN. Looks through every page of the pull request's \
            comments for the one holding <!-- benchboard-summary --> and updates it, or creates it \
            when there is none. Talks to the API through benchboard-github, found next to the \
            benchboard executable or on PATH; the curl program is not needed.
            Exit codes: 0 the comment is up to date; 1 the API refused or could not be reached; \
            2 bad usage or an unreadable summary file.
            """)

    @Option(help: ArgumentHelp("The repository, as on GitHub.", valueName: "owner/name"))
    var repository: String

    @Option(help: ArgumentHelp("The pull request number.", valueName: "n"))
    var pull: Int

    @Option(help: ArgumentHelp("The Markdown to post.", valueName: "file"))
    var summary = "output/summary.md"

    @Option(name: .customLong("api-url"), help: ArgumentHelp(
        "The REST API (default: GITHUB_API_URL, else https://api.github.com).", valueName: "url"))
    var apiURL: String?

    /// GitHub's own rule for owner and repository names, plus the dots repositories may hold.
    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    func execute(_ context: CommandContext) throws(CLIError) -> Int32 {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy(Self.nameCharacters.contains) })
        else {
            // debugDescription escapes control characters, so the message cannot repaint the terminal.
            throw CLIError("--repository must be OWNER/NAME (letters, digits, '-', '_', '.'), not \(repository.debugDescription).")
        }
        guard pull > 0 else { throw CLIError("--pull must be a pull request number (1 or more), not \(pull).") }
        guard let token = context.environment["GITHUB_TOKEN"], !token.isEmpty else {
            throw CLIError("benchboard comment needs a token in GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`).")
        }
        guard !token.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true }) else {
            throw CLIError("GITHUB_TOKEN holds control characters; it cannot be a token.")
        }
        let api = try Self.apiBase(apiURL ?? context.environment["GITHUB_API_URL"] ?? "https://api.github.com")
        let body: String
        do {
            body = try String(contentsOfFile: summary, encoding: .utf8)
        } catch {
            throw CLIError("Cannot read the summary \(summary): \(Reason.clause(error.localizedDescription)). `benchboard run` or `benchboard report` writes output/summary.md.")
        }

        let outcome: StickyComment.Outcome
        do throws(GitHubError) {
            let transport = try HelperTransport(token: token, environment: context.environment)
            let comments = GitHubComments(
                apiURL: api, owner: String(parts[0]), repository: String(parts[1]), pull: pull, transport: transport)
            outcome = try StickyComment(comments: comments).upsert(body: body)
        } catch {
            throw CLIError(error.description, exitCode: CLIExit.benchmarkFailed)
        }
        let target = "\(repository)#\(pull)"
        switch outcome {
        case let .created(comment):
            TerminalOutput.standardOutput.line("Created the summary comment on \(target): \(comment.htmlURL ?? "id \(comment.id)")")
        case let .updated(comment, others):
            TerminalOutput.standardOutput.line("Updated the summary comment on \(target): \(comment.htmlURL ?? "id \(comment.id)")")
            if others > 0 {
                TerminalOutput.standardError.line(
                    "warning: \(others + 1) comments on \(target) hold \(StickyComment.marker); updated the first (id \(comment.id)) and left the other \(others) alone.")
            }
        }
        return CLIExit.success
    }

    /// The API root without a trailing slash; only http(s) URLs.
    static func apiBase(_ text: String) throws(CLIError) -> String {
        var base = text.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            url.host != nil, url.query == nil, !base.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "\\" })
        else {
            throw CLIError("--api-url must be an http(s) URL such as https://api.github.com, not \(text.debugDescription).")
        }
        return base
    }
}
