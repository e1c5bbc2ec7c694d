import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory benchboard [run|report|compare|…] [ARGS…]`
///
/// Builds the package's benchmark executable and `benchboard-launcher` in release mode, then
/// runs the executable with ARGS in the package folder (so config.toml and output/ are the
/// package's), with the launcher it just built. The benchmark executable is the one given with
/// `--product NAME`, else the package's only executable that depends on the BenchBoard library
/// (benchboard's own `benchboard` in this repository).
@main
struct BenchboardCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var arguments = arguments
        let requested = try Self.takeOption("--product", from: &arguments)
        let product = try requested ?? Self.benchmarkProduct(in: context.package)
        let executables = context.package.products(ofType: ExecutableProduct.self).map(\.name)
        guard executables.contains(product) else {
            throw PluginFailure(
                "\(context.package.displayName) has no executable product named \(product); its executables: "
                    + (executables.isEmpty ? "none" : executables.sorted().joined(separator: ", ")) + ".")
        }

        // A first release build takes minutes: the compiler's progress is echoed as it happens
        // (echoLogs) instead of the plugin staying silent until the build is over.
        let parameters = PackageManager.BuildParameters(configuration: .release, logging: .concise, echoLogs: true)
        let executable = try build(product, context: context, parameters: parameters)
        let launcher = try build("benchboard-launcher", context: context, parameters: parameters)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        var environment = ProcessInfo.processInfo.environment
        environment["BENCHBOARD_LAUNCHER"] = launcher.path()
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            // benchboard has said what went wrong; the plugin only carries the failure on.
            throw PluginFailure("\(product) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }

    /// Builds one product, saying before and after (with the time it took), since the echoed log
    /// of an up-to-date product can be empty.
    private func build(_ product: String, context: PluginContext, parameters: PackageManager.BuildParameters) throws -> URL {
        Diagnostics.progress("Building \(product) (release)…")
        let clock = ContinuousClock()
        let started = clock.now
        let result = try packageManager.build(.product(product), parameters: parameters)
        let seconds = Self.seconds(clock.now - started)
        guard result.succeeded else {
            // The log was echoed while the build ran; without echoing it would be shown here.
            if !parameters.echoLogs { Diagnostics.error(result.logText) }
            throw PluginFailure("swift build -c release --product \(product) failed after \(seconds)")
        }
        Diagnostics.progress("Built \(product) in \(seconds)")
        if let artifact = result.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == product }) {
            return artifact.url
        }
        throw PluginFailure("swift build produced no executable named \(product)")
    }

    /// `12.3 s`, or `2 min 05 s` for a build that took minutes.
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        let tenths = Int(whole) * 10 + Int(attoseconds / 100_000_000_000_000_000)
        if tenths < 600 { return "\(tenths / 10).\(tenths % 10) s" }
        let total = tenths / 10
        let remainder = total % 60
        return "\(total / 60) min \(remainder < 10 ? "0" : "")\(remainder) s"
    }

    /// The executable products of `package` whose targets use the BenchBoard library.
    static func benchmarkProduct(in package: Package) throws -> String {
        let executables = package.products(ofType: ExecutableProduct.self)
        let candidates = executables.filter { product in
            product.targets.contains { target in
                target.recursiveTargetDependencies.contains { $0.name == "BenchBoard" }
                    || target.dependencies.contains { dependency in
                        if case let .product(used) = dependency { return used.name == "BenchBoard" }
                        return false
                    }
            }
        }.map(\.name)
        if candidates.count == 1, let only = candidates.first { return only }
        // In benchboard's own package the tool itself is the benchmark executable.
        if candidates.isEmpty, executables.contains(where: { $0.name == "benchboard" }) { return "benchboard" }
        if candidates.isEmpty {
            throw PluginFailure(
                "No executable product of \(package.displayName) uses the BenchBoard library; add one (see README, "
                    + "\"Writing Swift benchmarks in your own package\") or name it with --product.")
        }
        throw PluginFailure(
            "Several executables use BenchBoard (\(candidates.sorted().joined(separator: ", "))); choose one with --product NAME.")
    }

    /// Removes `--name VALUE` or `--name=VALUE` from the arguments and returns VALUE.
    static func takeOption(_ name: String, from arguments: inout [String]) throws -> String? {
        guard let index = arguments.firstIndex(where: { $0 == name || $0.hasPrefix(name + "=") }) else { return nil }
        let argument = arguments.remove(at: index)
        if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
        guard index < arguments.count else { throw PluginFailure("\(name) needs a value") }
        return arguments.remove(at: index)
    }
}

struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
