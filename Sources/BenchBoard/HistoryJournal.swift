import BenchHistory
import BenchModel
import BenchRunner
import Foundation
import Synchronization

/// The runner's results, journaled in the history folder as they finish (`RunJournal`). A journal
/// that cannot be written is worth one warning, not a failed run: the run itself goes on.
///
/// Checked `Sendable`: the journal and the warned flag live in the one `Mutex`.
final class HistoryJournal: RunJournaling {
    private let store: HistoryStore
    private let warn: @Sendable (String) -> Void
    private typealias State = (journal: RunJournal?, failed: Bool)
    private let state = Mutex<State>((nil, false))

    init(store: HistoryStore, warn: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.warn = warn
    }

    func started(_ run: RunRecord) {
        attempt { state throws(HistoryError) in
            state.journal = try RunJournal.start(run, in: store)
        }
    }

    func finished(_ result: BenchmarkResult) {
        attempt { state throws(HistoryError) in
            try state.journal?.append(result)
        }
    }

    /// The run file is stored: the journal is no longer needed.
    func remove() {
        state.withLock { $0.journal?.remove() }
    }

    /// After the first failure the journal is given up (a half-written journal is still
    /// recovered up to its last complete line), with one warning.
    private func attempt(_ step: (inout State) throws(HistoryError) -> Void) {
        let failure = state.withLock { (state: inout State) -> HistoryError? in
            guard !state.failed else { return nil }
            do throws(HistoryError) {
                try step(&state)
                return nil
            } catch {
                state.failed = true
                state.journal = nil
                return error
            }
        }
        if let failure { warn(failure.description) }
    }
}
