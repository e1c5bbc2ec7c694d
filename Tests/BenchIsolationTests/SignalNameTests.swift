#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

@testable import BenchIsolation

final class SignalNameTests: XCTestCase {
    func testNamesAndNumbersRoundTrip() {
        for signal in Int32(1)...31 {
            let name = SignalName.name(of: signal)
            XCTAssertTrue(name.hasPrefix("SIG"), name)
            XCTAssertEqual(SignalName.number(of: name), signal, name)
        }
    }

    func testAcceptedSpellings() {
        XCTAssertEqual(SignalName.number(of: "SIGTERM"), SIGTERM)
        XCTAssertEqual(SignalName.number(of: "TERM"), SIGTERM)
        XCTAssertEqual(SignalName.number(of: "sigint"), SIGINT)
        XCTAssertEqual(SignalName.number(of: "15"), SIGTERM)
        XCTAssertEqual(SignalName.number(of: " KILL "), SIGKILL)
        XCTAssertNil(SignalName.number(of: "SIGNOPE"))
        XCTAssertNil(SignalName.number(of: "0"))
        XCTAssertNil(SignalName.number(of: ""))
        XCTAssertEqual(SignalName.name(of: SIGSEGV), "SIGSEGV")
        XCTAssertEqual(SignalName.name(of: 42), "signal 42")
    }
}
