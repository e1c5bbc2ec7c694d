import Foundation
import XCTest

/// `swift package benchboard` in a scratch package that depends on benchboard by path, as a user's
/// package does. It builds benchboard and its dependencies in release mode from scratch (minutes
/// on two cores), so it runs only when BENCHBOARD_PLUGIN_TEST=1.
final class CommandPluginTests: XCTestCase {
    func testPluginBuildsAndRunsAUsersBenchmarks() throws {
        guard ProcessInfo.processInfo.environment["BENCHBOARD_PLUGIN_TEST"] == "1" else {
            throw XCTSkip("set BENCHBOARD_PLUGIN_TEST=1 to build a scratch package with the command plugin (a full release build)")
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // The dependency is reached through a folder named benchboard, so the README's
        // `.product(name: "BenchBoard", package: "benchboard")` is what is checked.
        try FileManager.default.createSymbolicLink(at: cli.directory.appending(path: "benchboard"), withDestinationURL: repository)
        let package = cli.directory.appending(path: "scratch")
        try FileManager.default.createDirectory(at: package.appending(path: "Sources/ScratchBenchmarks"), withIntermediateDirectories: true)
        try """
            // swift-tools-version: 6.0
            import PackageDescription

            let package = Package(
                name: "scratch",
                platforms: [.macOS(.v15)],
                dependencies: [.package(path: "../benchboard")],
                targets: [
                    .executableTarget(name: "ScratchBenchmarks", dependencies: [.product(name: "BenchBoard", package: "benchboard")]),
                ]
            )
            """.write(to: package.appending(path: "Package.swift"), atomically: true, encoding: .utf8)
        try """
            import BenchBoard

            let benchmarks: @Sendable () -> Void = {
                Benchmark("sum", configuration: .init(scalingFactor: .kilo)) { benchmark, numbers in
                    for _ in benchmark.scaledIterations { blackHole(numbers.reduce(0, +)) }
                } setup: {
                    Array(0..<1_000)
                }
                Benchmark("unlisted") { _ in blackHole(1) }
            }
            BenchBoard.main(collecting: benchmarks)
            """.write(to: package.appending(path: "Sources/ScratchBenchmarks/main.swift"), atomically: true, encoding: .utf8)
        try """
            [defaults]
            warmup = 1
            iterations = 5
            [[benchmark]]
            name = "Sum"
            swift = "sum"
            """.write(to: package.appending(path: "config.toml"), atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--allow-writing-to-package-directory", "benchboard", "run"]
        process.currentDirectoryURL = package
        let log = cli.directory.appending(path: "plugin.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "BENCHBOARD_LAUNCHER")
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 0, output)
        // Build progress: a line before and after each product, and the compiler's own lines between.
        for product in ["ScratchBenchmarks", "benchboard-launcher"] {
            XCTAssertTrue(output.contains("Building \(product) (release)"), output)
            XCTAssertTrue(output.contains("Built \(product) in "), output)
        }
        XCTAssertTrue(output.contains("Compiling"), "the build log is echoed while it runs: \(output)")
        // A benchmark registered in code but not in config.toml is named, not skipped silently.
        XCTAssertTrue(output.contains("1 registered Swift benchmark is not in config.toml: unlisted"), output)

        let history = package.appending(path: "output/history")
        let files = try FileManager.default.contentsOfDirectory(atPath: history.path).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(files.count, 1, output)
        let run = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: history.appending(path: files[0]))) as? [String: Any])
        XCTAssertEqual(run["buildConfiguration"] as? String, "release")
        let benchmark = try XCTUnwrap((run["benchmarks"] as? [[String: Any]])?.first)
        XCTAssertEqual(benchmark["outcome"] as? String, "ok", output)
        XCTAssertEqual(benchmark["mode"] as? String, "isolated", "the launcher the plugin built was used: \(output)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: package.appending(path: "output/index.html").path))
    }
}
