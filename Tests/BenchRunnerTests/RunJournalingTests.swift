import BenchConfig
import BenchIsolation
import BenchModel
import BenchTerminal
import Foundation
import Synchronization
import XCTest

@testable import BenchRunner

/// The runner hands the journal the run when it starts and each result as soon as it finished,
/// before the next benchmark starts: a crash in the next one cannot lose it.
final class RunJournalingTests: XCTestCase {
    final class RecordingJournal: RunJournaling {
        enum Entry: Equatable {
            case started(id: String, benchmarks: Int)
            case finished(String)
        }

        private let entries = Mutex<[Entry]>([])
        var recorded: [Entry] { entries.withLock { $0 } }

        func started(_ run: RunRecord) {
            entries.withLock { $0.append(.started(id: run.id, benchmarks: run.benchmarks.count)) }
        }

        func finished(_ result: BenchmarkResult) {
            entries.withLock { $0.append(.finished(result.name)) }
        }
    }

    func testEachResultIsJournaledBeforeTheNextBenchmarkStarts() {
        let journal = RecordingJournal()
        let seenBySecond = Mutex<[RecordingJournal.Entry]?>(nil)
        let executor = FakeExecutor { spec, count, _ in
            if spec.arguments == ["second"] { seenBySecond.withLock { $0 = journal.recorded } }
            return FakeExecutor.success(count)
        }
        let specs = ["first", "second"].map {
            BenchmarkSpec(name: $0, definition: .command([$0]), warmup: 0, iterations: 2)
        }
        let report = ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history")
        let config = SuiteConfig(sourcePath: "config.toml", baseDirectory: "/", report: report, benchmarks: specs)
        let plan = RunPlan(config: config, benchmarks: specs, isolation: true, isolationSource: "test")
        let machine = MachineInfo(hostname: "h", os: "linux", kernel: "k", cpuModel: "c", cores: 2, memoryBytes: 1, swiftVersion: nil)
        let result = SuiteRunner(
            plan: plan, registry: [:], environment: [:], terminal: Terminal(isInteractive: false, useColor: false),
            buildConfiguration: "debug", identity: RunIdentity(id: "feedf00d", git: nil, machine: machine), quiet: true,
            executors: FakeFactory([executor]), journal: journal
        ).run()

        XCTAssertEqual(seenBySecond.withLock { $0 }, [.started(id: "feedf00d", benchmarks: 0), .finished("first")])
        XCTAssertEqual(journal.recorded, [.started(id: "feedf00d", benchmarks: 0), .finished("first"), .finished("second")])
        XCTAssertEqual(result.record.benchmarks.map(\.name), ["first", "second"])
    }
}
