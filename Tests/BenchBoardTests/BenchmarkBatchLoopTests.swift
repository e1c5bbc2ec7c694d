import BenchBoard
import BenchRunner
import Foundation
import Synchronization
import XCTest

/// `Benchmark.runIterations`, the loop a batched sample runs: every call made once, whatever the
/// batch's size against the loop's four calls a turn; a single call exactly as `runIteration`; a
/// self-measured batch summing its calls' own measurements.
final class BenchmarkBatchLoopTests: XCTestCase {
    func testEveryBatchSizeCallsTheClosureThatManyTimes() throws {
        let calls = Mutex(0)
        let benchmark = Benchmark("count") { _ in calls.withLock { $0 += 1 } }
        for size in [0, 1, 2, 3, 4, 5, 7, 8, 9, 1_000, 1_003] {
            calls.withLock { $0 = 0 }
            XCTAssertNil(try benchmark.runIterations(size), "a closure that does not measure itself is timed by the caller")
            XCTAssertEqual(calls.withLock { $0 }, size, "batch of \(size)")
        }
    }

    /// A throw ends the batch at once: no call after the one that threw.
    func testAThrowEndsTheBatch() {
        let calls = Mutex(0)
        let benchmark = Benchmark("throws") { _ in
            if calls.withLock({ value -> Int in
                value += 1
                return value
            }) == 6 { throw TestFailure() }
        }
        XCTAssertThrowsError(try benchmark.runIterations(100))
        XCTAssertEqual(calls.withLock { $0 }, 6)
    }

    /// One call is `runIteration`: a start left open is stopped when the call returns, so the
    /// sleep after it is measured and the one before is not (the call's whole time holds both).
    func testASingleCallStopsAnOpenStartWhenItReturns() throws {
        let benchmark = Benchmark("open start") { benchmark in
            usleep(20_000)
            benchmark.startMeasurement()
            usleep(2_000)
        }
        let started = MonotonicClock.now()
        let single = try XCTUnwrap(try benchmark.runIterations(1))
        let whole = MonotonicClock.now() - started
        XCTAssertGreaterThanOrEqual(single, 2_000_000)
        XCTAssertLessThanOrEqual(single + 20_000_000, whole, "what ran before startMeasurement is not measured")
    }

    /// In a batch, each call's start/stop pair adds to the batch's measured time.
    func testABatchSumsItsCallsMeasurements() throws {
        let benchmark = Benchmark("paired") { benchmark in
            usleep(10_000)
            benchmark.startMeasurement()
            usleep(1_000)
            benchmark.stopMeasurement()
        }
        let started = MonotonicClock.now()
        let measured = try XCTUnwrap(try benchmark.runIterations(5))
        let whole = MonotonicClock.now() - started
        XCTAssertGreaterThanOrEqual(measured, 5_000_000, "five calls of at least 1 ms each")
        XCTAssertLessThanOrEqual(measured + 50_000_000, whole, "the unmeasured sleeps are left out")
    }

    private struct TestFailure: Error {}
}
