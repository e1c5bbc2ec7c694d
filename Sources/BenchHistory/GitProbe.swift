import BenchModel
import Foundation

/// The commit a run measured, from `git` run as a child process.
public enum GitProbe {
    /// nil outside a work tree, or when git is not installed.
    public static func current(in directory: String) -> GitInfo? {
        current(in: directory, environment: ProcessInfo.processInfo.environment)
    }

    /// `environment` supplies the CI variables: on GitHub Actions a pull request is checked out
    /// as a detached merge commit, so `GITHUB_HEAD_REF` (the PR's branch) and then
    /// `GITHUB_REF_NAME` name the branch better than git can.
    public static func current(in directory: String, environment: [String: String]) -> GitInfo? {
        guard run(["rev-parse", "--is-inside-work-tree"], in: directory) == "true" else { return nil }
        let commit = run(["rev-parse", "--verify", "--quiet", "HEAD"], in: directory)
        let ciBranch = [environment["GITHUB_HEAD_REF"], environment["GITHUB_REF_NAME"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        let branch = ciBranch ?? run(["symbolic-ref", "--quiet", "--short", "HEAD"], in: directory)
        let status = run(["status", "--porcelain"], in: directory)
        let subject = commit == nil ? nil : run(["log", "-1", "--format=%s"], in: directory)
        return GitInfo(
            commit: commit, branch: branch, dirty: status.map { !$0.isEmpty },
            subject: subject.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Trimmed stdout of `git args` in `directory`, nil when git fails or cannot start.
    static func run(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        // Never prompt, never take the index lock (a status must not disturb a concurrent git).
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
