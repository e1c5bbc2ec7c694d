import BenchConfig
import XCTest

final class IsolationSettingTests: XCTestCase {
    func testPrecedenceFlagOverEnvironmentOverFileOverDefault() throws {
        // (flag, env, file) → (enabled, source)
        let table: [(Bool?, String?, Bool?, Bool, String)] = [
            (nil, nil, nil, true, "default"),
            (nil, nil, false, false, "config.toml [features]"),
            (nil, nil, true, true, "config.toml [features]"),
            (nil, "false", true, false, "BENCHMARK_ISOLATION=false"),
            (nil, "TRUE", false, true, "BENCHMARK_ISOLATION=TRUE"),
            (nil, "0", nil, false, "BENCHMARK_ISOLATION=0"),
            (nil, "1", false, true, "BENCHMARK_ISOLATION=1"),
            (nil, "No", true, false, "BENCHMARK_ISOLATION=No"),
            (nil, "yes", false, true, "BENCHMARK_ISOLATION=yes"),
            (nil, "", false, false, "config.toml [features]"),
            (true, "false", false, true, "--isolation"),
            (false, "true", true, false, "--no-isolation"),
            (false, nil, nil, false, "--no-isolation"),
            (true, "garbage", nil, true, "--isolation"),
        ]
        for (flag, env, file, enabled, source) in table {
            let environment = env.map { ["BENCHMARK_ISOLATION": $0] } ?? [:]
            let result = try IsolationSetting.resolve(flag: flag, environment: environment, file: file)
            XCTAssertEqual(result.enabled, enabled, "\(String(describing: flag)) \(String(describing: env)) \(String(describing: file))")
            XCTAssertEqual(result.source, source)
        }
    }

    func testBadEnvironmentValueNamesTheVariable() {
        XCTAssertThrowsError(
            try IsolationSetting.resolve(flag: nil, environment: ["BENCHMARK_ISOLATION": "maybe"], file: true)
        ) {
            XCTAssertEqual(
                "\($0)",
                "BENCHMARK_ISOLATION: 'maybe' is not a boolean; set it to true or false (1/0 and yes/no work too), or unset it")
        }
    }

    func testSourceNamesTheConfigFile() throws {
        let result = try IsolationSetting.resolve(flag: nil, environment: [:], file: false, configName: "ci.toml")
        XCTAssertEqual(result.source, "ci.toml [features]")
    }
}
