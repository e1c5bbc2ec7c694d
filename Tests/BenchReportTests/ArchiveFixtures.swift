import BenchModel
import BenchReport
import Foundation

/// Long histories built in memory for the downsampling and archive tests: one run a day (so
/// they span quarters), one or a few benchmarks.
enum ArchiveFixtures {
    static let day: TimeInterval = 86_400

    /// `count` runs of `names`, a day apart from 2026-05-30; `median(run, name)` nil makes that result a failure.
    static func history(
        runs count: Int, names: [String] = ["Parse"], spacing: TimeInterval = day,
        median: (Int, String) -> Double? = { _, _ in 1_000_000 }
    ) -> ReportInput {
        let runs = (0..<count).map { index in
            var record = Fixtures.run(
                index,
                names.map { name in
                    median(index, name).map { Fixtures.ok(name, medianNs: $0 * (1 + 0.002 * Double(index % 5))) }
                        ?? Fixtures.failed(name)
                })
            record.startedAt = Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * spacing)
            record.finishedAt = record.startedAt.addingTimeInterval(42)
            return ReportRun(record: record, jsonHref: nil)
        }
        return ReportInput(runs: runs)
    }

    /// "2026-Q2": the UTC quarter of run `index` in `history`.
    static func period(_ input: ReportInput, _ index: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: input.runs[index].record.startedAt)
        return "\(parts.year ?? 0)-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }
}
