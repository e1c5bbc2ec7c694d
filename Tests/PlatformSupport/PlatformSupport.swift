import BenchIsolation
import Foundation
import XCTest

/// What the test targets share about the platform they run on: where SwiftPM put the binaries,
/// and the one rule for skipping a test of Linux isolation where there is none.
public enum TestPlatform {
    /// The folder of the built products (benchboard, benchboard-launcher, bench-fixture): next to
    /// the test binary on Linux, next to the .xctest bundle on macOS (run by Xcode's xctest).
    public static var productsDirectory: URL {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent()
    }
}

extension XCTestCase {
    /// Skips a test of what only benchboard's Linux isolation does (the launcher, the fork server,
    /// cgroups, the subreaper, mode "isolated" for swift benchmarks) in a build without it: on
    /// macOS, or on Linux built with `-Xswiftc -DBENCHBOARD_PORTABLE` (scripts/test-portable.sh).
    public func skipWithoutIsolation() throws {
        if let reason = IsolationPlatform.unavailable {
            throw XCTSkip("This test needs benchboard's Linux process isolation, and \(reason).")
        }
    }

    /// The opposite: skips a test of the portable path (`PosixSpawner`, swift benchmarks in-process)
    /// in a build that isolates, where `benchboard run` never takes that path.
    public func skipWithIsolation() throws {
        if IsolationPlatform.unavailable == nil {
            throw XCTSkip("This test checks the build without process isolation: run scripts/test-portable.sh.")
        }
    }
}
