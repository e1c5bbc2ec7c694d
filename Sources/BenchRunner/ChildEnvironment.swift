import BenchConfig

/// The clean environment a benchmark's child starts with: only the allow-listed variables of
/// benchboard's own environment, then what the config sets. (The isolation layer adds the result
/// channel, `BENCHBOARD_RESULT_FD`.) Nothing else leaks in, so a developer's shell cannot change
/// what a benchmark measures.
public enum ChildEnvironment {
    public static func make(for spec: BenchmarkSpec, inheritingFrom parent: [String: String]) -> [String: String] {
        var environment: [String: String] = [:]
        for key in spec.inheritEnv {
            if let value = parent[key] { environment[key] = value }
        }
        for (key, value) in spec.env {
            environment[key] = value
        }
        // Commands are looked up on PATH; without one, fall back to the usual system folders
        // rather than failing to find /bin/true.
        if environment["PATH"] == nil {
            environment["PATH"] = "/usr/local/bin:/usr/bin:/bin"
        }
        return environment
    }

    /// A swift benchmark's worker: as above, and without the Swift runtime's crash backtracer,
    /// which would turn a crash into `exit 1` and spend seconds symbolicating it.
    public static func makeForWorker(for spec: BenchmarkSpec, inheritingFrom parent: [String: String]) -> [String: String] {
        var environment = make(for: spec, inheritingFrom: parent)
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return environment
    }
}
