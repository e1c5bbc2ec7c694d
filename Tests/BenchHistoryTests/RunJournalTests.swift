import BenchModel
import Foundation
import XCTest

@testable import BenchHistory

final class RunJournalTests: XCTestCase {
    private var folder: URL!
    private var store: HistoryStore!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
        store = HistoryStore(directory: folder)
    }

    /// A process that has exited and been reaped: its identity is dead for good.
    private func deadOwner() throws -> ProcessIdentity {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        try process.run()
        let identity = try XCTUnwrap(ProcessIdentity.of(pid: process.processIdentifier))
        XCTAssertTrue(identity.isAlive)
        process.terminate()
        process.waitUntilExit()
        XCTAssertFalse(identity.isAlive)
        return identity
    }

    private func skeleton(_ run: RunRecord) -> RunRecord {
        var empty = run
        empty.benchmarks = []
        return empty
    }

    /// Writes a journal as a run would, then hands it to `owner` (a dead process, say).
    private func journal(of run: RunRecord, results: Int, owner: ProcessIdentity, tail: String = "") throws -> URL {
        let journal = try RunJournal.start(skeleton(run), in: store)
        for result in run.benchmarks.prefix(results) { try journal.append(result) }
        let url = journal.url
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        header["owner"] = ["pid": owner.pid, "startTicks": owner.startTicks, "bootID": owner.bootID]
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self)
        try (lines.joined(separator: "\n") + tail).write(to: url, atomically: false, encoding: .utf8)
        return url
    }

    // MARK: ProcessIdentity

    func testCurrentProcessIsAliveAndAnotherStartTimeIsNot() throws {
        let me = try XCTUnwrap(ProcessIdentity.current())
        XCTAssertTrue(me.isAlive)
        var reused = me
        reused.startTicks += 1
        XCTAssertFalse(reused.isAlive, "the same pid with another start time is another process")
        var otherBoot = me
        otherBoot.bootID = "00000000-0000-0000-0000-000000000000"
        XCTAssertFalse(otherBoot.isAlive, "start ticks of another boot say nothing")
        XCTAssertEqual(ProcessIdentity(token: me.token), me)
        XCTAssertNil(ProcessIdentity(token: "12.34"))
    }

    func testExitedProcessAndZombieAreDead() throws {
        _ = try deadOwner()
        // `sh` execs into `sleep`, which never reaps the short-lived child the shell left: a zombie.
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/sh")
        parent.arguments = ["-c", "/bin/true & exec /bin/sleep 30"]
        try parent.run()
        defer {
            parent.terminate()
            parent.waitUntilExit()
        }
        let children = "/proc/\(parent.processIdentifier)/task/\(parent.processIdentifier)/children"
        var zombie: Int32?
        let deadline = Date().addingTimeInterval(10)
        while zombie == nil, Date() < deadline {
            let listed = (try? String(contentsOfFile: children, encoding: .utf8)) ?? ""
            if let pid = listed.split(separator: " ").compactMap({ Int32($0) }).first,
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                stat.split(separator: ")").last?.split(separator: " ").first == "Z"
            {
                zombie = pid
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let pid = try XCTUnwrap(zombie, "the shell's child should be a zombie")
        XCTAssertNil(ProcessIdentity.of(pid: pid), "a zombie is not a running process")
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let ticks = try XCTUnwrap(UInt64(stat.split(separator: ")").last?.split(separator: " ")[19] ?? ""))
        let identity = ProcessIdentity(pid: pid, startTicks: ticks, bootID: try XCTUnwrap(ProcessIdentity.current()).bootID)
        XCTAssertFalse(identity.isAlive, "kill(pid, 0) succeeds on a zombie; the journal's rule does not")
    }

    // MARK: Recovery

    func testDeadJournalBecomesAnInterruptedRun() throws {
        let run = makeRun(id: "0badc0de", startedAt: date("2026-03-01T10:00:00Z"), benchmarks: 3)
        let url = try journal(of: run, results: 2, owner: try deadOwner())
        XCTAssertTrue(store.load().runs.isEmpty, "a journal is never read as a run")

        let report = try store.recoverJournals()
        XCTAssertEqual(report.recovered.count, 1)
        let recovered = try XCTUnwrap(report.recovered.first)
        XCTAssertEqual(recovered.skippedLines, [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        let stored = try XCTUnwrap(store.load().runs.first?.record)
        XCTAssertTrue(stored.interrupted)
        XCTAssertEqual(stored.benchmarks, Array(run.benchmarks.prefix(2)))
        XCTAssertEqual(stored.id, run.id)
        XCTAssertEqual(stored.git, run.git)
        XCTAssertEqual(recovered.runFile.lastPathComponent, HistoryStore.fileName(for: run))
        XCTAssertEqual(try store.recoverJournals().recovered.count, 0, "recovery is done once")
    }

    /// A run in rounds journals each benchmark after every round: the last line of each holds
    /// all its rounds so far, and a benchmark is stored once, where it first appeared.
    func testTheLastLineOfEachBenchmarkIsTheOneRecovered() throws {
        let run = makeRun(id: "r0und500", startedAt: date("2026-03-01T10:00:00Z"), benchmarks: 2)
        let journal = try RunJournal.start(skeleton(run), in: store)
        func rounds(_ result: BenchmarkResult, _ count: Int) -> BenchmarkResult {
            var partial = result
            partial.samplesNs = Array(result.samplesNs.prefix(count))
            partial.processes = (1...count).map { ProcessRecord(round: $0, samples: 1, outcome: .ok, wallMs: 1) }
            return partial
        }
        for line in [rounds(run.benchmarks[0], 1), rounds(run.benchmarks[1], 1), rounds(run.benchmarks[0], 2)] {
            try journal.append(line)
        }
        XCTAssertEqual(store.pendingJournals().journals.map(\.results), [2], "benchmarks, not lines")
        let url = journal.url
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let owner = try deadOwner()
        header["owner"] = ["pid": owner.pid, "startTicks": owner.startTicks, "bootID": owner.bootID]
        lines[0] = String(decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)

        let stored = try XCTUnwrap(try store.recoverJournals().recovered.first?.record)
        XCTAssertEqual(stored.benchmarks, [rounds(run.benchmarks[0], 2), rounds(run.benchmarks[1], 1)])
    }

    func testJournalOfALiveRunIsLeftAlone() throws {
        let run = makeRun(id: "a11ve000", startedAt: date("2026-03-01T10:00:00Z"))
        let journal = try RunJournal.start(skeleton(run), in: store)
        try journal.append(run.benchmarks[0])
        let report = try store.recoverJournals()
        XCTAssertEqual(report.recovered.count, 0)
        XCTAssertEqual(report.live.map(\.url), [journal.url])
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal.url.path))
        XCTAssertEqual(store.pendingJournals().journals.map(\.results), [1])
        journal.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.url.path))
    }

    func testReusedPidWithAnotherStartTimeCountsAsDead() throws {
        var me = try XCTUnwrap(ProcessIdentity.current())
        me.startTicks += 1
        let run = makeRun(id: "5eedf00d", startedAt: date("2026-03-01T10:00:00Z"))
        _ = try journal(of: run, results: 1, owner: me)
        XCTAssertEqual(try store.recoverJournals().recovered.count, 1)
    }

    /// SIGKILL in the middle of a line: every complete line is kept, the rest is named.
    func testTruncatedLastLineKeepsEveryCompleteLine() throws {
        let run = makeRun(id: "cu7sh0r7", startedAt: date("2026-03-01T10:00:00Z"), benchmarks: 3)
        _ = try journal(of: run, results: 2, owner: try deadOwner(), tail: "{\"name\":\"bench 2")
        let report = try store.recoverJournals()
        let recovered = try XCTUnwrap(report.recovered.first)
        XCTAssertEqual(recovered.record.benchmarks.map(\.name), run.benchmarks.prefix(2).map(\.name))
        XCTAssertEqual(recovered.skippedLines.count, 1)
        XCTAssertTrue(recovered.skippedLines[0].contains("line 4 is incomplete"), recovered.skippedLines[0])
    }

    /// The run file exists (stored, then benchboard died before removing the journal): it is
    /// never written over, and the journal goes.
    func testExistingRunFileIsNeverOverwritten() throws {
        let run = makeRun(id: "5704ed00", startedAt: date("2026-03-01T10:00:00Z"))
        let existing = try store.write(run)
        let before = try Data(contentsOf: existing)
        let url = try journal(of: run, results: 1, owner: try deadOwner())
        let report = try store.recoverJournals()
        XCTAssertEqual(report.recovered.count, 0)
        XCTAssertEqual(report.alreadyStored, [url])
        XCTAssertEqual(try Data(contentsOf: existing), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        XCTAssertEqual(store.load().runs.count, 1)
    }

    func testJournalWithoutAHeaderIsKeptWithAWarning() throws {
        try FileManager.default.createDirectory(at: store.journalDirectory, withIntermediateDirectories: true)
        let url = store.journalDirectory.appendingPathComponent("junk.jsonl")
        try Data("not json\n".utf8).write(to: url)
        let report = try store.recoverJournals()
        XCTAssertEqual(report.problems.map(\.url), [url])
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
    }

    func testJournalOverTheFileLimitIsKept() throws {
        let run = makeRun(id: "b1650000", startedAt: date("2026-03-01T10:00:00Z"))
        let url = try journal(of: run, results: 2, owner: try deadOwner())
        let report = try HistoryStore(directory: folder, maxFileBytes: 100).recoverJournals()
        XCTAssertEqual(report.problems.map(\.url), [url])
        XCTAssertTrue(report.problems[0].reason.contains("max_file_mb"), report.problems[0].reason)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))
    }

    func testUnlistableHistoryThrows() throws {
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try HistoryStore(directory: file).recoverJournals())
    }

    // MARK: Stale temporaries

    func testTemporariesOfDeadWritersAreRemovedAndLiveOnesKept() throws {
        let dead = try deadOwner()
        let me = try XCTUnwrap(ProcessIdentity.current())
        let stale = folder.appendingPathComponent(".\(dead.token).1234abcd.tmp")
        let live = folder.appendingPathComponent(".\(me.token).5678abcd.tmp")
        let legacy = folder.appendingPathComponent(".6f1f3a0c-1111-2222-3333-444455556666.tmp")
        for url in [stale, live, legacy] { try Data("{".utf8).write(to: url) }
        let report = try store.recoverJournals()
        XCTAssertEqual(report.removedTemporaries, [stale])
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path), "a live writer's temporary is never removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: legacy.path), "no owner in the name: left alone")
    }

    /// The name a write goes through carries its writer, so the rule above can judge it.
    func testTemporaryNamesCarryTheirWriter() throws {
        let name = TemporaryName.make()
        XCTAssertEqual(TemporaryName.owner(of: name), ProcessIdentity.current())
        XCTAssertTrue(name.hasPrefix(".") && name.hasSuffix(".tmp"))
    }
}
