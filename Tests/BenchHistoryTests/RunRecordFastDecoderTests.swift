@testable import BenchHistory
import BenchModel
import XCTest

/// The fast decoder must give exactly what JSONDecoder gives, or nothing.
final class RunRecordFastDecoderTests: XCTestCase {
    private func codable(_ data: Data) throws -> RunRecord {
        try RunRecordCoding.decoder().decode(RunRecord.self, from: data)
    }

    private func assertSame(_ run: RunRecord, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try RunRecordCoding.encoder().encode(run)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(data), "fast path refused a file it wrote", file: file, line: line)
        XCTAssertEqual(fast, try codable(data), file: file, line: line)
        XCTAssertEqual(fast, run, file: file, line: line)
    }

    func testTypicalRun() throws {
        try assertSame(makeRun(id: "a1b2c3d4", startedAt: date("2026-11-25T10:31:02Z"), benchmarks: 5, samples: 30))
    }

    func testEveryOptionalEmptyAndAwkwardValues() throws {
        var run = makeRun(id: "x", startedAt: date("1969-12-31T23:59:59Z"), benchmarks: 1, samples: 0)
        run.git = nil
        run.title = nil
        run.configPath = nil
        run.machine.swiftVersion = nil
        run.interrupted = true
        run.benchmarks[0] = BenchmarkResult(
            name: "tab\there \"quoted\" \\ back/slash \u{1F680} é \u{0}", group: "", kind: .command, mode: .fallback,
            outcome: .crashed, exitCode: -11, signal: "SIGSEGV", error: "line1\nline2\r\u{1}", stderrTail: "",
            killedBy: nil, targetNs: Int64.max, timeoutMs: 1, warmup: 0, samplesNs: [0, Int64.min, Int64.max],
            stats: nil, resources: Resources(totalMs: 0.000_001), config: nil)
        run.benchmarks.append(
            BenchmarkResult(
                name: "n", group: "g", kind: .swift, mode: .inProcess, outcome: .timeout, timeoutMs: 5, warmup: 1,
                samplesNs: [],
                stats: SampleStats(count: 1, minNs: 1e-300, maxNs: 1.7976931348623157e308, meanNs: 0.1, medianNs: -0.0,
                    stddevNs: 123_456_789.123_456_789, noisy: true),
                resources: Resources(maxRSSBytes: UInt64.max, totalMs: 1e21, overheadMs: -3.5, cgroupPeakBytes: UInt64.max),
                config: BenchmarkSettings(
                    command: ["a b", ""], swift: nil, iterations: 1, minTimeMs: 0.5, graceMs: 0, killSignal: "SIGKILL",
                    env: [:], inheritEnv: [], regressionThreshold: 0.05)))
        try assertSame(run)
    }

    /// The memory cgroup peak: written as a number or an explicit null, and files written before
    /// it existed (no key at all) still take the fast path and read as nil.
    func testCgroupPeakWithAndWithoutTheField() throws {
        var run = makeRun(id: "c9", startedAt: date("2026-11-25T11:00:00Z"), benchmarks: 2)
        run.benchmarks[0].resources.cgroupPeakBytes = 268_435_456
        try assertSame(run)
        let data = try RunRecordCoding.encoder().encode(run)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""cgroupPeakBytes":268435456"#), text)
        XCTAssertTrue(text.contains(#""cgroupPeakBytes":null"#), "nil is written as an explicit null")

        let old = text.replacingOccurrences(of: #""cgroupPeakBytes":[0-9a-z]+,\s*"#, with: "", options: .regularExpression)
        XCTAssertFalse(old.contains("cgroupPeakBytes"))
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(Data(old.utf8)), "an older file takes the fast path")
        XCTAssertEqual(fast, try codable(Data(old.utf8)))
        var expected = run
        expected.benchmarks[0].resources.cgroupPeakBytes = nil
        XCTAssertEqual(fast, expected)

        // Through a real history folder, both kinds side by side.
        let store = HistoryStore(directory: try temporaryFolder(self))
        let newURL = try store.write(run)
        let older = old.replacingOccurrences(of: #""id":"c9""#, with: #""id":"c8""#)
        try Data(older.utf8).write(to: newURL.deletingLastPathComponent().appendingPathComponent("20261125T100000Z-c8.json"))
        let loaded = store.load()
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertEqual(Set(loaded.runs.map(\.record.benchmarks[0].resources.cgroupPeakBytes)), [268_435_456, nil])
    }

    /// Imported and merged runs say so; a measured run's file has neither key, so it is byte for
    /// byte what it was before the fields existed.
    func testRunKindAndSource() throws {
        var imported = makeRun(id: "i1", startedAt: date("2026-11-25T12:00:00Z"), benchmarks: 2)
        imported.kind = .imported
        imported.source = RunSource(
            format: "google-benchmark", files: ["bench \"x\".json", "b/c.json"],
            context: ["mhz_per_cpu": "2300", "library_build_type": "release", "é\t": ""])
        try assertSame(imported)
        var merged = makeRun(id: "m1", startedAt: date("2026-11-25T12:00:00Z"), benchmarks: 1)
        merged.kind = .merged
        merged.source = RunSource(format: nil, files: [], runIDs: ["a", "b"], context: nil)
        try assertSame(merged)

        let measured = makeRun(id: "r1", startedAt: date("2026-11-25T12:00:00Z"), benchmarks: 1)
        try assertSame(measured)
        let object = try JSONSerialization.jsonObject(with: try RunRecordCoding.encoder().encode(measured)) as? [String: Any]
        XCTAssertNil(object?["kind"])
        XCTAssertNil(object?["source"])
        XCTAssertNotNil(object?["machine"])

        // A kind this version does not know takes the slow path, which refuses it too.
        let future = String(decoding: try RunRecordCoding.encoder().encode(imported), as: UTF8.self)
            .replacingOccurrences(of: "\"imported\"", with: "\"teleported\"")
        XCTAssertNil(RunRecordFastDecoder.decode(Data(future.utf8)))
        XCTAssertThrowsError(try codable(Data(future.utf8)))
    }

    func testDatesAcrossYearsMatchFoundation() throws {
        for iso in ["2000-02-29T00:00:00Z", "2026-12-31T23:59:59Z", "2100-03-01T12:00:00Z", "1970-01-01T00:00:00Z"] {
            try assertSame(makeRun(id: "d", startedAt: date(iso), benchmarks: 0))
        }
    }

    func testSurprisesFallBackToCodable() throws {
        let data = try RunRecordCoding.encoder().encode(makeRun(id: "s", startedAt: date("2026-01-01T00:00:00Z")))
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"isolation\"", with: "\"futureField\":[1, {\"a\": null}],\n  \"isolation\"")
        XCTAssertNil(RunRecordFastDecoder.decode(Data(text.utf8)), "an unknown key takes the slow path")
        XCTAssertEqual(try codable(Data(text.utf8)).id, "s")

        // Written by hand: escaped unicode, other whitespace, an offset date.
        let manual = text.replacingOccurrences(of: "2026-01-01T00:00:00Z", with: "2026-01-01T01:00:00+01:00")
        XCTAssertNil(RunRecordFastDecoder.decode(Data(manual.utf8)))

        for broken in ["", "{", "{\"schema\": \"benchboard.run/1\"}", "[]", "{} x", "{\"id\": 1e999}"] {
            XCTAssertNil(RunRecordFastDecoder.decode(Data(broken.utf8)), broken)
        }
    }

    func testEscapesAndSurrogatePairs() throws {
        var run = makeRun(id: "e", startedAt: date("2026-01-01T00:00:00Z"), benchmarks: 1)
        run.benchmarks[0].name = "placeholder"
        var text = String(decoding: try RunRecordCoding.encoder().encode(run), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"placeholder\"", with: #""\ud83d\ude80 \u00e9\/\b\f""#)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(Data(text.utf8)))
        XCTAssertEqual(fast.benchmarks[0].name, "🚀 é/\u{8}\u{c}")
        XCTAssertEqual(fast, try codable(Data(text.utf8)))
        let lone = text.replacingOccurrences(of: #"\ud83d\ude80"#, with: #"\ud83d"#)
        XCTAssertNil(RunRecordFastDecoder.decode(Data(lone.utf8)))
    }

    func testInvalidUTF8IsLeftToJSONDecoder() throws {
        var run = makeRun(id: "u", startedAt: date("2026-01-01T00:00:00Z"), benchmarks: 1)
        run.benchmarks[0].name = "AéB"
        var bytes = Array(try RunRecordCoding.encoder().encode(run))
        XCTAssertNotNil(RunRecordFastDecoder.decode(Data(bytes)))
        let marker: [UInt8] = [0x41, 0xC3, 0xA9, 0x42]
        let at = try XCTUnwrap((0..<(bytes.count - 3)).first { Array(bytes[$0..<($0 + 4)]) == marker })
        bytes[at + 1] = 0xFF
        XCTAssertNil(RunRecordFastDecoder.decode(Data(bytes)))
    }

    /// The sub-second start and the --filter/--shard selection, present or absent (files written
    /// before they existed), take the fast path and equal JSONDecoder's result.
    func testSubSecondStartAndSelection() throws {
        var run = makeRun(id: "s1", startedAt: date("2026-11-25T11:00:00Z"), benchmarks: 1)
        run.startedAtUnixNs = 1_795_604_400_123_456_789
        run.selection = RunSelection(filter: "^(a|b)\\d+ \"x\"", shard: "2/4", notSelected: ["one", "two <&>"])
        try assertSame(run)
        run.selection = RunSelection(notSelected: [])
        try assertSame(run)

        let text = String(decoding: try RunRecordCoding.encoder().encode(run), as: UTF8.self)
        XCTAssertTrue(text.contains(#""startedAtUnixNs":1795604400123456789"#), text)
        let old = text.replacingOccurrences(of: #""startedAtUnixNs":[0-9]+,\s*"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #",\s*"selection":\{[^}]*\}"#, with: "", options: .regularExpression)
        XCTAssertFalse(old.contains("startedAtUnixNs") || old.contains("selection"), old)
        let fast = try XCTUnwrap(RunRecordFastDecoder.decode(Data(old.utf8)), "an older file takes the fast path")
        XCTAssertEqual(fast, try codable(Data(old.utf8)))
        XCTAssertNil(fast.startedAtUnixNs)
        XCTAssertNil(fast.selection)

        let explicitNulls = text.replacingOccurrences(of: "1795604400123456789", with: "null")
        let decoded = try XCTUnwrap(RunRecordFastDecoder.decode(Data(explicitNulls.utf8)))
        XCTAssertEqual(decoded, try codable(Data(explicitNulls.utf8)))
        XCTAssertNil(decoded.startedAtUnixNs)
    }
}

/// Runs started within one second are ordered by their start to the nanosecond.
final class SubSecondOrderTests: XCTestCase {
    func testRunsOfOneSecondLoadInStartOrderNotIdOrder() throws {
        let store = HistoryStore(directory: try temporaryFolder(self))
        let second: Int64 = 1_795_604_400
        // Written in an order that matches neither the start order nor the id order.
        for (id, fraction) in [("m-middle", 500_000_000), ("z-first", 1), ("a-last", 999_999_999)] {
            var run = makeRun(id: id, startedAt: Date(timeIntervalSince1970: TimeInterval(second)), benchmarks: 1)
            run.startedAtUnixNs = second * 1_000_000_000 + Int64(fraction)
            _ = try store.write(run)
        }
        // A file from before the field existed sorts at the start of its second.
        _ = try store.write(makeRun(id: "old", startedAt: Date(timeIntervalSince1970: TimeInterval(second)), benchmarks: 1))
        XCTAssertEqual(store.load().runs.map(\.record.id), ["old", "z-first", "m-middle", "a-last"])
    }

    /// A sub-second value that does not lie within the second of `startedAt` (a hand-edited file)
    /// cannot move the run: the whole second counts.
    func testStartOutsideItsSecondIsIgnored() {
        var run = makeRun(id: "x", startedAt: Date(timeIntervalSince1970: 100), benchmarks: 0)
        run.startedAtUnixNs = 100_400_000_000
        XCTAssertEqual(run.startNs, 100_400_000_000)
        run.startedAtUnixNs = 999_000_000_000
        XCTAssertEqual(run.startNs, 100_000_000_000)
        run.startedAtUnixNs = 99_999_999_999
        XCTAssertEqual(run.startNs, 100_000_000_000)
        run.startedAt = Date(timeIntervalSince1970: 1e300)
        XCTAssertEqual(run.startNs, Int64.max)
    }
}

extension RunRecordFastDecoderTests {
    /// Outcome `limit`, `limitHit` and `limits` take the fast path and read back equal.
    func testLimitOutcomeAndAppliedLimits() throws {
        var run = makeRun(id: "l1", startedAt: date("2026-11-29T11:00:00Z"), benchmarks: 2)
        run.benchmarks[0].outcome = .limit
        run.benchmarks[0].limitHit = .memory
        run.benchmarks[0].limits = [
            AppliedLimit(resource: .memory, value: 64, mechanism: "cgroup v1 memory.limit_in_bytes"),
            AppliedLimit(resource: .output, value: 1.5, mechanism: "output drain"),
        ]
        try assertSame(run)
        let text = String(decoding: try RunRecordCoding.encoder().encode(run), as: UTF8.self)
        XCTAssertTrue(text.contains(#""limitHit":"memory""#), text)
    }
}
