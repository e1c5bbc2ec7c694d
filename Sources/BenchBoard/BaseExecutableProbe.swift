import BenchModel
import BenchRunner
import Foundation

/// Asks `benchboard ab`'s base executable what its worker speaks (`WorkerProtocol`) before
/// anything runs, so a base that cannot be driven stops the command with one clear sentence
/// instead of failing every Swift benchmark of every round.
enum BaseExecutableProbe {
    /// How long the base executable may take to answer; it only prints a list.
    static let timeoutSeconds = 20.0

    static func check(_ path: String, as given: String) throws(CLIError) -> WorkerProtocol.Answer {
        var isDirectory: ObjCBool = false
        let shown = SafeText.escaped(given)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("--base-executable \(shown): no such file; give the base build's executable of the same product (e.g. BASE/.build/release/benchboard)")
        }
        guard !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: path) else {
            throw CLIError("--base-executable \(shown) is not an executable file; give the base build's executable of the same product")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [WorkerProtocol.command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CLIError("--base-executable \(shown) could not be started: \(error.localizedDescription)")
        }
        // A program that is not benchboard may wait for input or run on: it gets a deadline.
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: deadline)
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        let said = String(decoding: complaint.prefix(400), as: UTF8.self)
            .split(separator: "\n").first.map { " It said: " + SafeText.escaped(String($0)) } ?? ""
        guard process.terminationStatus == 0, let parsed = WorkerProtocol.parse(String(decoding: answer, as: UTF8.self)) else {
            throw CLIError(
                "--base-executable \(shown) does not answer `\(WorkerProtocol.command)` as a benchboard executable does: "
                    + "it is not a program that calls BenchBoard.main, or it was built with a benchboard older than "
                    + "\(BenchBoardVersion.number), whose worker cannot be checked.\(said) "
                    + "Build the base with the same benchboard version as the head.")
        }
        guard parsed.version == WorkerProtocol.version else {
            throw CLIError(
                "--base-executable \(shown) speaks worker protocol \(parsed.version) and this benchboard speaks "
                    + "\(WorkerProtocol.version): the two builds use different benchboard versions. Build the base with "
                    + "the same benchboard version as the head (the base's Package.resolved pins its own).")
        }
        return parsed
    }
}
