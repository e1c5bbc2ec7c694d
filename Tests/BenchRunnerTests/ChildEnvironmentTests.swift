import BenchConfig
import XCTest

@testable import BenchRunner

/// A child's environment holds the allow-listed variables of benchboard's own and what the
/// config sets, nothing else.
final class ChildEnvironmentTests: XCTestCase {
    private let parent = ["PATH": "/opt/bin", "HOME": "/home/me", "SECRET_TOKEN": "hunter2", "LANG": "C.UTF-8"]

    func testOnlyTheAllowListIsInheritedAndTheConfigWins() {
        let spec = BenchmarkSpec(
            name: "b", definition: .command(["true"]), env: ["LANG": "de_DE.UTF-8", "NODE_ENV": "production"],
            inheritEnv: ["PATH", "HOME", "LANG", "NOT_SET"])
        XCTAssertEqual(ChildEnvironment.make(for: spec, inheritingFrom: parent), [
            "PATH": "/opt/bin", "HOME": "/home/me", "LANG": "de_DE.UTF-8", "NODE_ENV": "production",
        ])
    }

    func testAChildWithoutPathGetsTheSystemFolders() {
        let spec = BenchmarkSpec(name: "b", definition: .command(["true"]), env: [:], inheritEnv: [])
        XCTAssertEqual(ChildEnvironment.make(for: spec, inheritingFrom: parent), ["PATH": "/usr/local/bin:/usr/bin:/bin"])
        let configured = BenchmarkSpec(name: "b", definition: .command(["true"]), env: ["PATH": "/mine"], inheritEnv: [])
        XCTAssertEqual(ChildEnvironment.make(for: configured, inheritingFrom: parent)["PATH"], "/mine")
    }

    func testAWorkerRunsWithoutTheBacktracer() {
        let spec = BenchmarkSpec(name: "b", definition: .swift("b"), env: ["SWIFT_BACKTRACE": "enable=yes"], inheritEnv: ["HOME"])
        let environment = ChildEnvironment.makeForWorker(for: spec, inheritingFrom: parent)
        XCTAssertEqual(environment["SWIFT_BACKTRACE"], "enable=no")
        XCTAssertEqual(environment["HOME"], "/home/me")
        XCTAssertNil(environment["SECRET_TOKEN"])
    }
}
