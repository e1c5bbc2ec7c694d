import Foundation
import PlatformSupport
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import BenchIsolation

/// Paths of the binaries SwiftPM builds next to the test bundle.
enum TestBinaries {
    static var directory: String { TestPlatform.productsDirectory.path }
    static var fixture: String { directory + "/bench-fixture" }
    static var launcher: String { directory + "/benchboard-launcher" }
}

extension XCTestCase {
    #if os(Linux) && !BENCHBOARD_PORTABLE
    func makeLauncher() throws -> Launcher {
        let launcher = try Launcher(executablePath: TestBinaries.launcher)
        addTeardownBlock { launcher.shutdown() }
        return launcher
    }
    #endif

    func fixtureSpec(_ arguments: String..., timeoutMs: Int = 10_000, graceMs: Int = 1_000) -> ChildSpec {
        ChildSpec(
            arguments: [TestBinaries.fixture] + arguments, environment: ["PATH": "/usr/bin:/bin"],
            timeoutMs: timeoutMs, graceMs: graceMs)
    }

    /// The pids a `fork-grandchildren` fixture printed.
    func printedPIDs(_ result: BatchResult) -> [pid_t] {
        result.stdoutTail.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// No such process any more: not running, not even a zombie.
    func assertGone(_ pids: [pid_t], file: StaticString = #filePath, line: UInt = #line) {
        for pid in pids {
            let alive = kill(pid, 0) == 0 || errno != ESRCH
            XCTAssertFalse(alive, "process \(pid) outlived its benchmark", file: file, line: line)
        }
    }

    /// Pids of live processes (zombies included) whose command line holds `token` as one argument.
    func processes(withArgument token: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains(token) ? pid : nil
        }
    }

    /// A number unlikely to appear on any other command line, to find our children by.
    func uniqueMilliseconds() -> String {
        String(30_000 + Int.random(in: 0..<900_000))
    }

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
