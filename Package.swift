// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "benchboard",
    // Mutex and Atomic (Synchronization), which the runner and the library use, need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BenchBoard", targets: ["BenchBoard"]),
        .executable(name: "benchboard", targets: ["benchboard"]),
        .executable(name: "benchboard-launcher", targets: ["benchboard-launcher"]),
        .executable(name: "benchboard-github", targets: ["benchboard-github"]),
        .plugin(name: "BenchboardCommandPlugin", targets: ["BenchboardCommandPlugin"]),
    ],
    // Ranges from the oldest release that has what the code uses, so a package that depends on
    // benchboard and on one of these too can still resolve them together.
    dependencies: [
        // 1.4.0: CommandConfiguration.aliases (RootCommand.subcommandNames). It also has what the
        // rest needs: a Sendable CommandConfiguration (1.3.1) for `static let configuration` in
        // Swift 6 mode, ExpressibleByArgument, optional flags with .prefixedNo, parseAsRoot,
        // fullMessage(for:) and exitCode(for:).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.4.0"),
        // 0.5.6: the first release whose own dependency (swift-checkit) is a version rather than a
        // branch, which SwiftPM requires of a package required by version. TOMLTable(string:),
        // TOMLParseError's source positions and TOMLValueConvertible.type are older; 0.6.0 only
        // updated the bundled toml++.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.5.6"),
        // 2.0.0: the first release as swift-mustache, whose Mustache product has the unprefixed
        // MustacheLibrary, MustacheTemplate (and its ParserError), MustacheParent and the custom
        // content types (MustacheContentType, MustacheContentTypes.register) the XHTML escaping is.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // Codable types that cross stages, and the history schema version.
        .target(name: "BenchModel"),
        // Descriptive statistics, significance tests and change points, and the `SampleStats` a
        // run file keeps (the one model type it fills in).
        .target(name: "BenchStats", dependencies: ["BenchModel"]),
        // config.toml → validated, resolved configuration.
        .target(name: "BenchConfig", dependencies: [
            "BenchModel",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The tiny C program every child is started through, so max RSS is the child's own. Linux
        // only: elsewhere it builds into a program that says so and exits 2.
        .executableTarget(name: "benchboard-launcher"),
        // The calls Swift cannot make itself: the subreaper (prctl is variadic; Linux only) and the
        // signal pipe.
        .target(name: "CBenchSystem"),
        // Spawning, draining, timing out and reaping children through the launcher.
        .target(name: "BenchIsolation", dependencies: ["CBenchSystem"]),
        // zlib, which compresses the history's packs: a system library, so nothing is vendored.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The folder of immutable run files, and the packs old runs move into.
        .target(name: "BenchHistory", dependencies: ["BenchModel", "CZlib"]),
        // Other tools' results files (hyperfine, google-benchmark, pytest-benchmark,
        // package-benchmark) → run records.
        .target(name: "BenchImport", dependencies: ["BenchModel"]),
        // Verdicts, baselines and trends computed over history.
        .target(name: "BenchAnalysis", dependencies: ["BenchModel", "BenchStats"]),
        // View models and templates → HTML, Markdown, JUnit.
        .target(
            name: "BenchReport",
            dependencies: [
                "BenchModel", "BenchAnalysis",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["TemplateEmbedderPlugin"]
        ),
        // Callgrind client requests (valgrind/callgrind.h) as C functions, for counting the
        // instructions of a Swift benchmark's measured iterations.
        .target(name: "CCallgrind"),
        // Where benchboard talks to a person: whether stderr is a terminal and colour is wanted,
        // and the line writer for stdout and stderr. Its own target so the runner (progress) and
        // the commands (everything else) print the same way without one importing the other.
        .target(name: "BenchTerminal"),
        // The plan: warm-up, iterations, isolation or in-process, progress.
        // The git/machine probes and the run id are handed in by the command, so the runner knows
        // only the stages before it.
        .target(name: "BenchRunner", dependencies: [
            "CCallgrind",
            "BenchModel", "BenchConfig", "BenchIsolation", "BenchStats", "BenchTerminal", "CBenchSystem",
        ]),
        // The library users import to write Swift benchmarks, plus the whole CLI.
        .target(name: "BenchBoard", dependencies: [
            "BenchModel", "BenchConfig", "BenchIsolation", "BenchRunner", "BenchHistory", "BenchAnalysis", "BenchReport", "BenchImport", "BenchStats",
            "BenchTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], plugins: ["VersionEmbedderPlugin"]),
        // The default suite's example benchmarks behind the CLI; its inputs come from BenchStats'
        // seeded generator.
        .executableTarget(name: "benchboard", dependencies: ["BenchBoard", "BenchStats", "benchboard-launcher"]),
        // The HTTP client `benchboard comment` starts for each request: FoundationNetworking (and
        // so libcurl) lives here, out of the benchboard binary every isolated worker execs.
        .executableTarget(name: "benchboard-github"),

        // Build-time: compiles Templates/*.mustache into the BenchReport module.
        .executableTarget(name: "TemplateEmbedder", path: "Plugins/TemplateEmbedder"),
        .plugin(
            name: "TemplateEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"],
            path: "Plugins/TemplateEmbedderPlugin"
        ),
        // Build-time: compiles the VERSION file into the BenchBoard module (`--version`).
        .executableTarget(name: "VersionEmbedder", path: "Plugins/VersionEmbedder"),
        .plugin(
            name: "VersionEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["VersionEmbedder"],
            path: "Plugins/VersionEmbedderPlugin"
        ),

        // `swift package benchboard …`: builds the benchmark executable and the launcher in
        // release mode and runs it, in users' packages and in this one.
        .plugin(
            name: "BenchboardCommandPlugin",
            capability: .command(
                intent: .custom(verb: "benchboard", description: "Build the benchmarks in release mode and run benchboard"),
                permissions: [.writeToPackageDirectory(reason: "benchboard writes its run history and reports into output/")]
            ),
            path: "Plugins/BenchboardCommandPlugin"
        ),

        // The spawn-cost reference of the self-benchmark suite (Benchmarks/config.toml).
        .executableTarget(name: "empty-swift", path: "Benchmarks/empty-swift"),

        // A C program that misbehaves on request: sleeps, hogs memory, crashes, forks, floods.
        .executableTarget(name: "bench-fixture", path: "Tests/Fixtures/bench-fixture"),

        // The seeded mutator the fuzz tests of several targets share.
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        // Where the built binaries are, and the one rule for skipping a test of Linux isolation in a
        // build without it (macOS, or BENCHBOARD_PORTABLE: scripts/test-portable.sh).
        .target(name: "PlatformSupport", dependencies: ["BenchIsolation"], path: "Tests/PlatformSupport"),
        // Constructed run records the analysis and report tests share.
        .target(name: "RecordSupport", dependencies: ["BenchModel", "BenchStats"], path: "Tests/RecordSupport"),
        .testTarget(name: "BenchModelTests", dependencies: ["BenchModel", "BenchStats"]),
        .testTarget(name: "BenchStatsTests", dependencies: ["BenchStats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BenchConfigTests", dependencies: ["BenchConfig", "FuzzSupport"]),
        .testTarget(name: "BenchIsolationTests", dependencies: ["BenchIsolation", "PlatformSupport", "benchboard-launcher", "bench-fixture"]),
        .testTarget(name: "BenchHistoryTests", dependencies: ["BenchHistory", "FuzzSupport"]),
        // The importers read the tools' real output by path from BenchBoardTests/Fixtures/import.
        .testTarget(name: "BenchImportTests", dependencies: ["BenchImport", "BenchModel"]),
        .testTarget(name: "BenchAnalysisTests", dependencies: ["BenchAnalysis", "RecordSupport"]),
        .testTarget(name: "BenchReportTests", dependencies: ["BenchReport", "BenchAnalysis", "BenchStats", "RecordSupport"]),
        .testTarget(name: "BenchRunnerTests", dependencies: ["BenchRunner", "BenchConfig", "BenchIsolation", "BenchModel", "BenchTerminal", "FuzzSupport", "PlatformSupport"]),
        .testTarget(
            name: "BenchBoardTests", dependencies: [
                "BenchBoard", "BenchRunner", "BenchModel", "benchboard", "benchboard-github", "bench-fixture", "PlatformSupport",
            ],
            // Other tools' output read by path, and the programs that made it.
            exclude: ["Fixtures"]),
    ]
)
