import XCTest

@testable import BenchIsolation

/// The result channel is always fd 3: a spec's own value for its variable cannot redirect a
/// child to a descriptor benchboard does not read.
final class ChildSpecTests: XCTestCase {
    func testTheSpecCannotOverrideTheResultChannelVariable() {
        let spec = ChildSpec(arguments: ["true"], environment: ["BENCHBOARD_RESULT_FD": "7", "A": "b"])
        XCTAssertEqual(spec.effectiveEnvironment, ["BENCHBOARD_RESULT_FD": "3", "A": "b"])
    }
}
