import Foundation
import BenchIsolation
import BenchModel

/// How a child's end maps onto a benchmark's outcome and the fields that explain it.
struct FailureDescription {
    var outcome: Outcome
    var exitCode: Int32?
    var signal: String?
    var killedBy: String?
    var error: String

    init?(_ termination: Termination, timeoutMs: Int) {
        switch termination {
        case .exited(0):
            return nil
        case .exited(let code):
            self.init(outcome: .failed, exitCode: code, error: "exited with code \(code)")
        case .signaled(let signo):
            let name = SignalName.name(of: signo)
            self.init(outcome: .crashed, signal: name, error: "crashed with \(name)")
        case .timedOut(let killedBy):
            let name = SignalName.name(of: killedBy)
            self.init(
                outcome: .timeout, killedBy: name,
                error: "did not finish within its timeout of \(timeoutMs) ms; ended by \(name)")
        case .spawnFailed(_, let message):
            self.init(outcome: .error, error: "could not be started: \(message)")
        }
    }

    init(outcome: Outcome, exitCode: Int32? = nil, signal: String? = nil, killedBy: String? = nil, error: String) {
        self.outcome = outcome
        self.exitCode = exitCode
        self.signal = signal
        self.killedBy = killedBy
        self.error = error
    }
}

extension String {
    /// The last `lines` lines, at most `characters` characters: enough to say why a child failed.
    func tail(lines: Int = 20, characters: Int = 4000) -> String {
        let kept = split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return String(kept.suffix(characters))
    }
}

/// So a setup step can hand a failure back through `Result`.
extension FailureDescription: Error {}
