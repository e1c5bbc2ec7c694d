import Foundation
import PlatformSupport
import XCTest

/// Runs the real `benchboard` executable (built next to the test bundle) in a temporary folder.
struct CLIHarness {
    let directory: URL

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var productsDirectory: URL { TestPlatform.productsDirectory }

    static var benchboard: String { productsDirectory.appending(path: "benchboard").path }
    static var fixture: String { productsDirectory.appending(path: "bench-fixture").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "benchboard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appending(path: name), atomically: true, encoding: .utf8)
    }

    /// Starts benchboard with `arguments`; stdout and stderr go to files so large output cannot block it.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.benchboard)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "BENCHMARK_ISOLATION")
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let id = UUID().uuidString
        let out = directory.appending(path: ".stdout-\(id)")
        let err = directory.appending(path: ".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// The run files in a history folder, oldest first, parsed as plain JSON (not through the
    /// library's own decoder, so the file format itself is what is checked).
    func historyRuns(_ folder: String = "output/history") throws -> [[String: Any]] {
        let url = directory.appending(path: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: url.appending(path: name))
            return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    func historyFileNames(_ folder: String = "output/history") -> [String] {
        let url = directory.appending(path: folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }
}

extension Dictionary where Key == String, Value == Any {
    func benchmarks() throws -> [[String: Any]] {
        try XCTUnwrap(self["benchmarks"] as? [[String: Any]])
    }
}

/// A TOML string literal for a value (escapes quotes and backslashes).
func tomlString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
