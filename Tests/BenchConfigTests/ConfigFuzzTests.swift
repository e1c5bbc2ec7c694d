import BenchConfig
import FuzzSupport
import XCTest

/// Random bytes and mutated documents thrown at the config reader, and whatever it accepts
/// turned into the values the runner computes from it (nanoseconds, settings). A trap would
/// kill the test process, so finishing is the assertion; the inputs are seeded.
final class ConfigFuzzTests: XCTestCase {
    static let seed = """
        [features]
        isolated_benchmarks = true

        [defaults]
        timeout_ms = 5000
        grace_ms = 100
        kill_signal = "SIGINT"
        warmup = 2
        iterations = 7
        min_time_ms = 12.5
        target_ms = 40
        env = { NODE_ENV = "production", DEBUG = "0" }
        inherit_env = ["PATH", "HOME"]
        regression_threshold = "5%"

        [report]
        title = "fuzz"
        output = "out"
        history = "out/history"
        memory_threshold = 0.1
        alpha = 0.01
        baseline = "branch:main"

        [history]
        max_file_mb = 64

        [[benchmark]]
        name = "a"
        group = "g"
        swift = "profile-query-single"
        target_ms = 1

        [[benchmark]]
        name = "b"
        command = ["gzip", "-c", "file"]
        iterations = 3
        env = { X = "1" }
        """

    /// TOML's other forms: inline tables in arrays, multi-line and literal strings, dotted keys.
    static let otherForms = #"""
        report.title = '''
        multi [line] "title"
        '''
        defaults.env."A B" = "x"
        benchmark = [
          { name = "a", command = ["sh", "-c", """echo "[}]" """], target_ms = 1.5e1 },  # comment ]
          { name = 'b', swift = "json-encode", inherit_env = [], iterations = +3 },
        ]
        """#

    func testReaderSurvivesRandomAndMutatedDocuments() {
        var mutator = FuzzMutator(seed: 0x746f_6d6c)
        let seeds = [Array(Self.seed.utf8), Array(Self.otherForms.utf8)]
        var accepted = 0
        for round in 0..<1200 {
            let bytes = round % 6 == 0 ? mutator.random(maxLength: 200) : mutator.mutate(seeds[round % 2])
            guard let suite = try? parse(String(decoding: bytes, as: UTF8.self)) else { continue }
            accepted += 1
            for spec in suite.benchmarks {
                _ = spec.targetNs
                _ = spec.settings
                XCTAssertLessThanOrEqual(spec.timeoutMs, ConfigLimits.maxDurationMs)
                XCTAssertLessThanOrEqual(spec.iterations, ConfigLimits.maxIterations)
                XCTAssertLessThanOrEqual(spec.minTimeMs ?? 0, Double(ConfigLimits.maxDurationMs))
            }
        }
        XCTAssertGreaterThan(accepted, 0, "some mutations stay valid, so the checks after reading ran too")
    }
}
