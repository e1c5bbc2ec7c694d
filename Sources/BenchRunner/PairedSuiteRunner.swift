/// Two suites run side by side, benchmark by benchmark: how `benchboard ab` runs the head and the
/// base build. In each round, every benchmark's process of one build runs right next to the same
/// benchmark's process of the other, so the two share the machine's state as closely as two
/// processes can; which build goes first alternates from benchmark to benchmark and from round to
/// round, so neither side always runs first (or always after the same neighbour).
///
/// Why not whole-suite passes (head's suite, then base's): the two processes of a pair then run a
/// whole pass apart, seconds on a quiet machine and a minute under load, and a machine whose speed
/// drifts over that time (a neighbour starting a build) puts the drift into the pairs' ratios.
public struct PairedSuiteRunner: Sendable {
    public let first: SuiteRunner
    public let second: SuiteRunner

    public init(first: SuiteRunner, second: SuiteRunner) {
        self.first = first
        self.second = second
    }

    /// Runs both suites; `afterRound` is told each finished round's number. A benchmark only one
    /// side has runs on that side alone, in its place. An interrupt stops both, and each result
    /// keeps the rounds that finished (with `interruptedBy` set).
    public func run(afterRound: (Int) -> Void = { _ in }) -> (first: SuiteRunResult, second: SuiteRunResult) {
        let interruption = Interruption()
        let sessions = [SuiteSession(runner: first, interruption: interruption), SuiteSession(runner: second, interruption: interruption)]
        let interrupters = sessions.map(\.interrupter)
        let monitor = InterruptMonitor { signal in
            interruption.set(signal)
            for interrupt in interrupters { interrupt() }
        }
        defer {
            monitor.cancel()
            for session in sessions.reversed() { session.close() }
        }
        let order = Self.order(first: first.plan.benchmarks.map(\.name), second: second.plan.benchmarks.map(\.name))
        let lastRound = sessions.map(\.lastRound).max() ?? 0
        rounds: for round in 1...max(1, lastRound) {
            for (position, slot) in order.enumerated() {
                // The first build goes first where round + position (from 0) is even: ABBA.
                let sides = (round + position) % 2 == 0 ? [0, 1] : [1, 0]
                for side in sides {
                    guard let index = side == 0 ? slot.first : slot.second,
                        sessions[side].benchmarks[index].runs(in: round)
                    else { continue }
                    guard sessions[side].runRound(round, benchmark: index) else { break rounds }
                }
            }
            afterRound(round)
        }
        return (sessions[0].finish(), sessions[1].finish())
    }

    /// The benchmarks in the first suite's order, then those only the second has; each with its
    /// index in either plan (nil where that side does not have it).
    static func order(first: [String], second: [String]) -> [(first: Int?, second: Int?)] {
        var secondIndex: [String: Int] = [:]
        for (index, name) in second.enumerated() where secondIndex[name] == nil { secondIndex[name] = index }
        var slots: [(first: Int?, second: Int?)] = []
        var paired: Set<Int> = []
        for (index, name) in first.enumerated() {
            let partner = secondIndex[name].flatMap { paired.insert($0).inserted ? $0 : nil }
            slots.append((index, partner))
        }
        for index in second.indices where !paired.contains(index) { slots.append((nil, index)) }
        return slots
    }
}
