import BenchBoard
import Foundation
import XCTest

/// The release path: the version has one source (VERSION), the release workflow refuses a tag that
/// differs from it, and scripts/install-benchboard.sh installs a release from a real HTTP server
/// on 127.0.0.1 standing in for the release host, refusing what it cannot verify.
final class ReleaseInstallTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    private static let installer = repository.appending(path: "scripts/install-benchboard.sh").path

    private var cli: CLIHarness!
    private var server: Process?

    override func setUpWithError() throws {
        cli = try CLIHarness()
    }

    override func tearDown() {
        if let server, server.isRunning {
            server.terminate()
            server.waitUntilExit()
        }
        cli.cleanUp()
    }

    private struct Shell {
        var status: Int32
        var output: String
    }

    /// Runs a bash script in the test folder, stdout and stderr together, with GitHub's and the
    /// action's variables removed and `extra` added.
    private func bash(_ script: String, environment extra: [String: String] = [:]) throws -> Shell {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = cli.directory
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GITHUB_") || key.hasPrefix("BB_") || key.hasPrefix("BENCHBOARD_") || key == "RUNNER_TEMP" {
            environment.removeValue(forKey: key)
        }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let log = cli.directory.appending(path: ".shell-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return Shell(status: process.terminationStatus, output: try String(contentsOf: log, encoding: .utf8))
    }

    private var architecture: String {
        get throws {
            let machine = try bash("uname -m").output.trimmingCharacters(in: .whitespacesAndNewlines)
            return machine == "arm64" ? "aarch64" : machine
        }
    }

    /// Starts `python3 -m http.server` on a free port of 127.0.0.1 serving `release/`; returns its
    /// base URL. Its request log is `server.log`.
    private func startServer() throws -> String {
        guard try bash("command -v python3").status == 0 else { throw XCTSkip("python3 is not installed; the release host cannot be stood in for") }
        try FileManager.default.createDirectory(at: cli.directory.appending(path: "release"), withIntermediateDirectories: true)
        let log = cli.directory.appending(path: "server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", cli.directory.appending(path: "release").path]
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        server = process
        // Port 0 lets the kernel pick a free port; the server names it in its first line.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /port (\d+)/) { return "http://127.0.0.1:\(match.1)" }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the HTTP server did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CocoaError(.fileReadUnknown)
    }

    /// Packs a stand-in release of `version` for this machine into `release/`: a `benchboard` that
    /// prints the version line as the real one does, and a launcher; with its checksum file.
    private func publish(_ version: String) throws -> String {
        let name = "benchboard-\(version)-linux-\(try architecture)"
        let made = try bash(
            """
            set -e
            mkdir -p stage/\(name) release
            printf '#!/bin/sh\\necho "benchboard \(version) (history schema benchboard.run/1)"\\n' > stage/\(name)/benchboard
            printf '#!/bin/sh\\nexit 0\\n' > stage/\(name)/benchboard-launcher
            printf '#!/bin/sh\\nexit 0\\n' > stage/\(name)/benchboard-github
            chmod +x stage/\(name)/*
            tar -czf release/\(name).tar.gz -C stage \(name)
            (cd release && sha256sum \(name).tar.gz > \(name).tar.gz.sha256)
            """)
        XCTAssertEqual(made.status, 0, made.output)
        return name
    }

    private func install(_ base: String, version: String?, extra: [String: String] = [:]) throws -> Shell {
        var environment = ["BENCHBOARD_RELEASE_BASE_URL": base, "BB_INSTALL_DIR": cli.directory.appending(path: "installed").path,
                           "GITHUB_OUTPUT": cli.directory.appending(path: "github-output").path]
        if let version { environment["BB_VERSION"] = version }
        for (key, value) in extra { environment[key] = value }
        return try bash("'\(Self.installer)'", environment: environment)
    }

    private var installed: Bool { FileManager.default.fileExists(atPath: cli.directory.appending(path: "installed").path) }
    private var requests: String { (try? String(contentsOf: cli.directory.appending(path: "server.log"), encoding: .utf8)) ?? "" }

    /// `benchboard --version` prints the number in the repository's VERSION file, which is the only
    /// place it is written.
    func testVersionIsTheVersionFile() throws {
        let file = try String(contentsOf: Self.repository.appending(path: "VERSION"), encoding: .utf8)
        let number = file.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(number.wholeMatch(of: /\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?/), "VERSION holds one version: \(file)")
        let result = try cli.run(["--version"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let words = result.stdout.split(separator: " ")
        XCTAssertEqual(words.first, "benchboard", result.stdout)
        XCTAssertEqual(words.dropFirst().first.map(String.init), number, "--version: \(result.stdout)")
        XCTAssertEqual(BenchBoardVersion.number, number)
    }

    /// The release workflow's first step: only the tag v<VERSION> of a version without a suffix
    /// is released.
    func testReleaseTagMustMatchTheVersionFile() throws {
        let script = Self.repository.appending(path: "scripts/package-release.sh").path
        let number = try String(contentsOf: Self.repository.appending(path: "VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let other = try bash("'\(script)' --check-tag v99.0.0")
        XCTAssertEqual(other.status, 1, other.output)
        XCTAssertTrue(other.output.contains("does not match VERSION (\(number))"), other.output)
        let same = try bash("'\(script)' --check-tag v\(number)")
        if number.contains("-") {
            XCTAssertEqual(same.status, 1, "a development version is never released: \(same.output)")
        } else {
            XCTAssertEqual(same.status, 0, same.output)
        }
    }

    /// benchboard-github links libcurl, so packaging needs libcurl.so: without it the script stops
    /// at once with what to install, before minutes of building; with a folder holding it on
    /// LIBRARY_PATH the build starts. `swift` is a stand-in that records its calls and fails.
    func testPackagingWithoutLibcurlStopsBeforeBuilding() throws {
        guard try bash("echo 'int main(void) { return 0; }' | cc -x c - -lcurl -o /dev/null").status != 0 else {
            throw XCTSkip("libcurl's development files are installed here, so their absence cannot be seen")
        }
        let runtime = try bash("ldconfig -p | awk '/libcurl\\.so\\.4 .*x86-64|libcurl\\.so\\.4 .*AArch64/ { print $NF; exit }'")
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let script = Self.repository.appending(path: "scripts/package-release.sh").path
        let setup = try bash("""
            mkdir bin link && printf '#!/bin/sh\\necho "swift $*" >>"%s/swift-calls"\\nexit 1\\n' "$PWD" >bin/swift && chmod +x bin/swift
            """)
        XCTAssertEqual(setup.status, 0, setup.output)
        let refused = try bash("PATH=\"$PWD/bin:$PATH\" '\(script)' --output out")
        XCTAssertEqual(refused.status, 2, refused.output)
        XCTAssertTrue(refused.output.contains("libcurl4-openssl-dev"), refused.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.directory.appending(path: "swift-calls").path), "nothing was built")

        guard !runtime.isEmpty else { throw XCTSkip("no libcurl.so.4 here to link against") }
        let found = try bash("ln -s '\(runtime)' link/libcurl.so && PATH=\"$PWD/bin:$PATH\" LIBRARY_PATH=\"$PWD/link\" '\(script)' --output out")
        XCTAssertEqual(found.status, 1, "the stand-in swift fails the build: \(found.output)")
        let calls = try String(contentsOf: cli.directory.appending(path: "swift-calls"), encoding: .utf8)
        XCTAssertTrue(calls.hasPrefix("swift build "), calls)
    }

    /// The workflows in .github/workflows (the release, CI) validate against SchemaStore's schema.
    func testRepositoryWorkflowsMatchThePublishedSchema() throws {
        guard try bash("command -v check-jsonschema").status == 0 else {
            throw XCTSkip("check-jsonschema is not installed (pip install check-jsonschema); schema validation skipped")
        }
        let folder = Self.repository.appending(path: ".github/workflows")
        let workflows = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        XCTAssertTrue(workflows.contains("release.yml") && workflows.contains("ci.yml"), "\(workflows)")
        let paths = workflows.map { "'\(folder.appending(path: $0).path)'" }.joined(separator: " ")
        let valid = try bash("check-jsonschema --builtin-schema vendor.github-workflows \(paths)")
        XCTAssertEqual(valid.status, 0, valid.output)
    }

    /// A release version: downloaded, checksum verified, unpacked; the folder is printed and
    /// written as the step output `bin`, and the installed benchboard runs.
    func testInstallsAVerifiedRelease() throws {
        let base = try startServer()
        let name = try publish("9.8.7")
        let result = try install(base, version: "9.8.7")
        XCTAssertEqual(result.status, 0, result.output)
        let folder = cli.directory.appending(path: "installed").path
        XCTAssertTrue(result.output.contains("BB_BIN=\(folder)\n"), result.output)
        let output = try String(contentsOf: cli.directory.appending(path: "github-output"), encoding: .utf8)
        XCTAssertEqual(output, "bin=\(folder)\n")
        let ran = try bash("'\(folder)/benchboard' --version && test -x '\(folder)/benchboard-launcher' && test -x '\(folder)/benchboard-github'")
        XCTAssertEqual(ran.status, 0, ran.output)
        XCTAssertEqual(ran.output, "benchboard 9.8.7 (history schema benchboard.run/1)\n")
        XCTAssertTrue(requests.contains("GET /\(name).tar.gz "), requests)
        XCTAssertTrue(requests.contains("GET /\(name).tar.gz.sha256 "), requests)
    }

    /// A tarball changed after its checksum was written is refused, and nothing is installed.
    func testTamperedTarballStopsTheJob() throws {
        let base = try startServer()
        let name = try publish("9.8.7")
        let tampered = try bash(
            """
            set -e
            printf '#!/bin/sh\\necho "benchboard 9.8.7 (history schema benchboard.run/1)"; cat /proc/self/environ\\n' > stage/\(name)/benchboard
            tar -czf release/\(name).tar.gz -C stage \(name)
            """)
        XCTAssertEqual(tampered.status, 0, tampered.output)
        let result = try install(base, version: "9.8.7")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("checksum mismatch for \(name).tar.gz"), result.output)
        XCTAssertFalse(result.output.contains("BB_BIN="), result.output)
        XCTAssertFalse(installed, "nothing is unpacked from a refused download")
        XCTAssertEqual((try? String(contentsOf: cli.directory.appending(path: "github-output"), encoding: .utf8)) ?? "", "", "no step output")
    }

    /// No checksum file: the download cannot be verified, so it is refused.
    func testMissingChecksumStopsTheJob() throws {
        let base = try startServer()
        let name = try publish("9.8.7")
        try FileManager.default.removeItem(at: cli.directory.appending(path: "release/\(name).tar.gz.sha256"))
        let result = try install(base, version: "9.8.7")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("could not download the checksum"), result.output)
        XCTAssertFalse(installed)
    }

    /// A version with no release on the host is a clear failure, not a build from source.
    func testUnpublishedVersionStopsTheJob() throws {
        let base = try startServer()
        _ = try publish("9.8.7")
        let result = try install(base, version: "9.8.8")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("is benchboard 9.8.8 released for linux-"), result.output)
        XCTAssertFalse(installed)
    }

    /// A -dev version (main's VERSION, the default), bb-bin or a package of one's own installs
    /// nothing and asks the host for nothing: the action builds from source or uses bb-bin.
    func testDevelopmentVersionBbBinAndOwnPackageInstallNothing() throws {
        let base = try startServer()
        _ = try publish("9.8.7")
        let dev = try install(base, version: "9.8.7-dev")
        XCTAssertEqual(dev.status, 0, dev.output)
        XCTAssertTrue(dev.output.contains("building from source"), dev.output)

        let number = try String(contentsOf: Self.repository.appending(path: "VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if number.hasSuffix("-dev") {
            let own = try install(base, version: nil)
            XCTAssertEqual(own.status, 0, own.output)
            XCTAssertTrue(own.output.contains("benchboard \(number) is a development version"), own.output)
        }

        let given = try install(base, version: "9.8.7", extra: ["BB_BIN": "/opt/bb"])
        XCTAssertEqual(given.status, 0, given.output)
        XCTAssertTrue(given.output.contains("BB_BIN=/opt/bb\n"), given.output)

        let package = try install(base, version: "9.8.7", extra: ["BB_PACKAGE_PATH": "."])
        XCTAssertEqual(package.status, 0, package.output)
        XCTAssertTrue(package.output.contains("built from source"), package.output)

        XCTAssertFalse(installed)
        XCTAssertFalse(requests.contains("GET "), "nothing was downloaded: \(requests)")
        XCTAssertEqual(try String(contentsOf: cli.directory.appending(path: "github-output"), encoding: .utf8), "bin=/opt/bb\n")
    }

    /// Each tool the installer calls is checked before anything is downloaded, and a missing one is
    /// named: a PATH holding everything but curl and wget, then everything but sha256sum.
    func testMissingToolsAreNamed() throws {
        let base = try startServer()
        _ = try publish("9.8.7")
        let tools = ["bash", "dirname", "tr", "uname", "awk", "tar", "gzip", "mktemp", "mkdir", "rm", "mv", "cat", "sha256sum", "curl"]
        func path(without missing: Set<String>) throws -> String {
            let folder = cli.directory.appending(path: "path-\(missing.sorted().joined(separator: "-"))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for tool in tools where !missing.contains(tool) {
                let found = try bash("command -v \(tool)").output.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !found.isEmpty else { throw XCTSkip("\(tool) is not installed here") }
                try FileManager.default.createSymbolicLink(atPath: folder.appending(path: tool).path, withDestinationPath: found)
            }
            return folder.path
        }
        let noCurl = try path(without: ["curl"])
        let noDownloader = try install(base, version: "9.8.7", extra: ["PATH": noCurl])
        XCTAssertEqual(noDownloader.status, 2, noDownloader.output)
        XCTAssertTrue(noDownloader.output.contains("needs curl or wget, and neither is on PATH"), noDownloader.output)

        // A swift:* container: no curl, but a toolchain to build with.
        let container = noCurl
        let stubSwift = URL(fileURLWithPath: container).appending(path: "swift").path
        XCTAssertTrue(FileManager.default.createFile(atPath: stubSwift, contents: Data("#!/bin/sh\nexit 0\n".utf8), attributes: [.posixPermissions: 0o755]))
        let buildsInstead = try install(base, version: "9.8.7", extra: ["PATH": container])
        XCTAssertEqual(buildsInstead.status, 0, buildsInstead.output)
        XCTAssertTrue(buildsInstead.output.contains("building it from source"), buildsInstead.output)
        XCTAssertFalse(buildsInstead.output.contains("BB_BIN="), buildsInstead.output)
        try FileManager.default.removeItem(atPath: stubSwift)

        let noChecksum = try install(base, version: "9.8.7", extra: ["PATH": try path(without: ["sha256sum"])])
        XCTAssertEqual(noChecksum.status, 2, noChecksum.output)
        XCTAssertTrue(noChecksum.output.contains("needs sha256sum, which is not on PATH"), noChecksum.output)

        XCTAssertFalse(installed)
        XCTAssertFalse(requests.contains("GET "), "the tools are checked before any download: \(requests)")
    }
}
