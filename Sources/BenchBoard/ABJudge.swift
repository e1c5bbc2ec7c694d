import BenchAnalysis
import BenchModel

/// The one place `benchboard ab` turns its two runs into verdicts. Both runs hold one process per
/// round, measured alternately on this machine in this job; the rule that asks for earlier runs
/// does not apply (the pairs are the evidence), so no history is handed in.
enum ABJudge {
    static func compare(base: RunRecord, head: RunRecord, options: AnalysisOptions) -> RunComparison {
        Analyzer.compare(current: head, baseline: base, history: [], options: options)
    }
}
