import BenchModel
import Foundation
import XCTest

final class RunRecordCodingTests: XCTestCase {
    func testFullRecordSurvivesARoundTrip() throws {
        let record = Samples.fullRecord
        let data = try RunRecordCoding.encoder().encode(record)
        let decoded = try RunRecordCoding.decoder().decode(RunRecord.self, from: data)
        XCTAssertEqual(decoded, record)
        // Encoding what was decoded gives the same bytes: a file rewritten by a reader does not drift.
        XCTAssertEqual(try RunRecordCoding.encoder().encode(decoded), data)
    }

    func testTopLevelKeysAreTheSchemasNames() throws {
        let object = try Samples.jsonObject(Samples.fullRecord)
        XCTAssertEqual(
            Set(object.keys),
            [
                "schema", "id", "startedAt", "startedAtUnixNs", "finishedAt", "interrupted", "isolation",
                "buildConfiguration", "title", "configPath", "git", "machine", "benchmarks", "selection", "kind", "source",
            ])
        XCTAssertEqual(object["schema"] as? String, "benchboard.run/2")
        XCTAssertEqual(object["startedAt"] as? String, "2026-05-28T20:26:40Z")
        XCTAssertEqual(object["kind"] as? String, "merged")
        let machine = try XCTUnwrap(object["machine"] as? [String: Any])
        XCTAssertEqual(
            Set(machine.keys), ["hostname", "os", "kernel", "cpuModel", "cores", "memoryBytes", "swiftVersion"])
    }

    func testResultWritesEveryOptionalAsAnExplicitNull() throws {
        let object = try Samples.jsonObject(Samples.sparseResult)
        for key in ["exitCode", "signal", "error", "stderrTail", "killedBy", "targetNs", "samplesSource", "stats"] {
            XCTAssertTrue(object[key] is NSNull, "\(key) should be an explicit null, is \(String(describing: object[key]))")
        }
        XCTAssertEqual(object["metric"] as? String, "time")
        // Time files keep the shape they had before instruction counting, limits and config existed.
        for key in ["samplesInstructions", "instructionStats", "config", "limits", "limitHit"] {
            XCTAssertNil(object[key], "\(key) should be left out when nil")
        }
        let resources = try XCTUnwrap(object["resources"] as? [String: Any])
        XCTAssertEqual(resources.count, 12)
        XCTAssertEqual(resources["totalMs"] as? Double, 3)
        XCTAssertTrue(resources["maxRSSBytes"] is NSNull)
        XCTAssertTrue(resources["cgroupPeakBytes"] is NSNull)
    }

    func testResultKeysAndRawValues() throws {
        let object = try Samples.jsonObject(Samples.fullResult)
        XCTAssertEqual(
            Set(object.keys),
            [
                "name", "group", "kind", "mode", "outcome", "exitCode", "signal", "error", "stderrTail", "killedBy",
                "targetNs", "timeoutMs", "warmup", "samplesNs", "samplesSource", "stats", "metric",
                "samplesInstructions", "instructionStats", "resources", "config", "limits", "limitHit",
            ])
        XCTAssertEqual(object["mode"] as? String, "in-process")
        XCTAssertEqual(object["outcome"] as? String, "limit")
        XCTAssertEqual(object["limitHit"] as? String, "memory")
        XCTAssertEqual(object["samplesSource"] as? String, "harness")
        let limits = try XCTUnwrap(object["limits"] as? [[String: Any]])
        XCTAssertEqual(limits.first?["resource"] as? String, "memory")
        XCTAssertEqual(limits.first?["mechanism"] as? String, "cgroup v1 memory.limit_in_bytes")
    }

    func testAFileFromBeforeInstructionCountingReadsAsTime() throws {
        let json = """
            {"name": "old", "group": "default", "kind": "swift", "mode": "isolated", "outcome": "ok",
             "timeoutMs": 10000, "warmup": 1, "samplesNs": [5, 7], "resources": {"totalMs": 1.5}}
            """
        let result = try RunRecordCoding.decoder().decode(BenchmarkResult.self, from: Data(json.utf8))
        XCTAssertEqual(result.metric, .time)
        XCTAssertNil(result.samplesSource)
        XCTAssertNil(result.limits)
        XCTAssertNil(result.resources.maxRSSBytes)
        XCTAssertEqual(result.medianNs, 6)
    }

    func testAMissingRequiredFieldIsAnError() {
        let json = #"{"name": "x", "group": "g", "kind": "swift", "mode": "isolated", "outcome": "ok", "warmup": 0, "samplesNs": [], "resources": {"totalMs": 0}}"#
        XCTAssertThrowsError(try RunRecordCoding.decoder().decode(BenchmarkResult.self, from: Data(json.utf8))) { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key.stringValue, "timeoutMs")
        }
    }

    func testAnUnknownOutcomeIsAnError() {
        let json = #"{"name": "x", "group": "g", "kind": "swift", "mode": "isolated", "outcome": "exploded", "timeoutMs": 1, "warmup": 0, "samplesNs": [], "resources": {"totalMs": 0}}"#
        XCTAssertThrowsError(try RunRecordCoding.decoder().decode(BenchmarkResult.self, from: Data(json.utf8)))
    }

    func testEncoderSortsKeysKeepsSlashesAndWritesNoWhitespace() throws {
        let text = String(decoding: try RunRecordCoding.encoder().encode(Samples.fullRecord), as: UTF8.self)
        XCTAssertTrue(text.contains("\"configPath\":\"Benchmarks/config.toml\""), "slashes are written as they are")
        // Sorted keys: the same run gives the same bytes.
        let buildConfiguration = try XCTUnwrap(text.range(of: "\"buildConfiguration\""))
        let startedAt = try XCTUnwrap(text.range(of: "\"startedAt\""))
        XCTAssertLessThan(buildConfiguration.lowerBound, startedAt.lowerBound)
        // Compact: no line breaks and no indentation or padding outside strings.
        XCTAssertFalse(text.contains("\n"))
        XCTAssertFalse(text.contains("\": "), "no space after a key")
        XCTAssertFalse(text.contains(", \""), "no space after a comma")
    }

    /// A file pretty-printed by an earlier version decodes to the same run as its compact form.
    func testAPrettyPrintedFileDecodesAsTheCompactOne() throws {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        pretty.dateEncodingStrategy = .iso8601
        let old = try pretty.encode(Samples.fullRecord)
        let compact = try RunRecordCoding.encoder().encode(Samples.fullRecord)
        XCTAssertLessThan(compact.count, old.count)
        let decoded = try RunRecordCoding.decoder().decode(RunRecord.self, from: old)
        XCTAssertEqual(decoded, Samples.fullRecord)
        XCTAssertEqual(try RunRecordCoding.encoder().encode(decoded), compact)
    }
}
