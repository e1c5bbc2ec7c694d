import BenchConfig
import BenchModel
import Foundation
import XCTest

@testable import BenchRunner

/// Finding valgrind, the command lines it is given, and reading its output files.
final class ValgrindTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "benchboard-valgrind-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func write(_ name: String, _ text: String, executable: Bool = false) throws {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
    }

    func testLocateTakesTheFirstExecutableOnPath() throws {
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try write("a/valgrind", "not executable")
        try write("b/valgrind", "#!/bin/sh\n", executable: true)
        XCTAssertEqual(Valgrind.locate(environment: ["PATH": "::\(folder!)/a:\(folder!)/b"]), Valgrind(path: "\(folder!)/b/valgrind"))
        XCTAssertNil(Valgrind.locate(environment: ["PATH": "\(folder!)/a"]))
    }

    func testAPlanThatCountsInstructionsNeedsValgrind() {
        let counting = BenchmarkSpec(name: "count", definition: .command(["true"]), metric: .instructions)
        let config = SuiteConfig(
            sourcePath: "config.toml", baseDirectory: "/",
            report: ReportSettings(outputDirectory: "/nonexistent/out", historyDirectory: "/nonexistent/history"),
            benchmarks: [counting])
        let plan = RunPlan(config: config, benchmarks: [counting], isolation: true, isolationSource: "test")
        XCTAssertThrowsError(try plan.valgrind(environment: ["PATH": folder])) {
            XCTAssertEqual($0 as? InstructionCountingError, .valgrindMissing(benchmark: "count"))
        }
        let timed = RunPlan(config: config, benchmarks: [BenchmarkSpec(name: "t", definition: .command(["true"]))], isolation: true, isolationSource: "test")
        XCTAssertNil(try timed.valgrind(environment: ["PATH": folder]))
    }

    func testOutputFilesAreReadFromTheirSummaryLine() throws {
        try write("cachegrind.out.11", "desc: I1 cache\ncmd: /bin/sh\nevents: Ir\nfl=x\n1 5\nsummary: 1200\n")
        try write("cachegrind.out.12", "events: Ir\nsummary: 34\n")
        try write("cachegrind.out.13", "no summary at all\n")
        try write("other.txt", "summary: 999999\n")
        XCTAssertEqual(Valgrind.instructions(inFile: folder + "/cachegrind.out.11"), 1200)
        XCTAssertNil(Valgrind.instructions(inFile: folder + "/cachegrind.out.13"))
        XCTAssertNil(Valgrind.instructions(inFile: folder + "/missing"))
        XCTAssertEqual(Valgrind.instructions(inFolder: folder), 1234, "every process's file, and nothing else")
        XCTAssertNil(Valgrind.instructions(inFolder: folder + "/missing"))
    }

    /// The real valgrind, where there is one: the command line it is given counts a real program,
    /// and the program's children too.
    func testCachegrindCountsARealCommandAndItsChildren() throws {
        guard let valgrind = Valgrind.locate(environment: ProcessInfo.processInfo.environment) else {
            throw XCTSkip("valgrind is not installed")
        }
        func count(_ program: [String], in name: String) throws -> Int64? {
            let output = folder + "/" + name
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let process = Process()
            let arguments = valgrind.commandArguments(program, outputFolder: output)
            XCTAssertEqual(arguments.first, valgrind.path)
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return Valgrind.instructions(inFolder: output)
        }
        let one = try XCTUnwrap(count(["/bin/true"], in: "one"))
        let two = try XCTUnwrap(count(["/bin/sh", "-c", "/bin/true; /bin/true"], in: "two"))
        XCTAssertGreaterThan(one, 0)
        XCTAssertGreaterThan(two, 2 * one, "the shell's own count and both of its children")
    }

    func testAWorkerRunsUnderCallgrindWithCollectionOffUntilItAsks() {
        let valgrind = Valgrind(path: "/usr/bin/valgrind")
        let arguments = valgrind.workerArguments(["/x/benchboard", "worker", "w"], outputFile: "/tmp/f/callgrind.out")
        XCTAssertEqual(arguments.first, "/usr/bin/valgrind")
        XCTAssertTrue(arguments.contains("--tool=callgrind"))
        XCTAssertTrue(arguments.contains("--instr-atstart=no"))
        XCTAssertTrue(arguments.contains("--collect-atstart=no"))
        XCTAssertTrue(arguments.contains("--callgrind-out-file=/tmp/f/callgrind.out"))
        XCTAssertEqual(Array(arguments.suffix(3)), ["/x/benchboard", "worker", "w"])
    }
}
