import BenchConfig
import BenchIsolation
import BenchModel

/// A benchmark's configured limits as the executor takes them, as the run record states them, and
/// what a hit becomes.
enum LimitPolicy {
    static let mebibyte = 1_048_576.0

    static func childLimits(_ limits: ResourceLimits) -> ChildLimits {
        ChildLimits(
            memoryBytes: limits[.memory].map { UInt64($0 * mebibyte) },
            processes: limits[.processes].map { Int($0) },
            cpuSeconds: limits[.cpu].map { Int($0) },
            openFiles: limits[.openFiles].map { Int($0) },
            outputBytes: limits[.output].map { Int($0 * mebibyte) })
    }

    /// Nil without limits. In-process runs enforce none of them, and say so.
    static func applied(_ limits: ResourceLimits, capabilities: LauncherCapabilities?) -> [AppliedLimit]? {
        guard !limits.isEmpty else { return nil }
        return LimitedResource.allCases.compactMap { resource in
            limits[resource].map { value in
                AppliedLimit(
                    resource: resource, value: value,
                    mechanism: capabilities.map { $0.mechanism(for: LimitKind(resource)) } ?? "not enforced (in-process)")
            }
        }
    }

    /// The configured limits `capabilities` cannot enforce at all (only `PosixSpawner` has any).
    static func unenforceable(_ limits: ResourceLimits, capabilities: LauncherCapabilities) -> [LimitedResource] {
        LimitedResource.allCases.filter { limits[$0] != nil && !capabilities.enforceable.contains(LimitKind($0)) }
    }

    /// The error of a benchmark that does not run because nothing would enforce `resources`: a
    /// limit is never silently dropped.
    static func refusal(_ resources: [LimitedResource], reason: String) -> String {
        "It has resource limits that cannot be enforced here (" + resources.map(\.configKey).joined(separator: ", ")
            + "): \(reason). It did not run, rather than run without them."
    }

    static func resource(_ kind: LimitKind) -> LimitedResource {
        switch kind {
        case .memory: .memory
        case .processes: .processes
        case .cpu: .cpu
        case .openFiles: .openFiles
        case .output: .output
        }
    }

    /// "went over its max_memory_mb limit of 64 MB (cgroup v1 memory.limit_in_bytes)".
    static func sentence(_ resource: LimitedResource, limits: [AppliedLimit]?) -> String {
        let applied = limits?.first { $0.resource == resource }
        let value = applied.map { " of \(format($0.value)) \(unit(resource))" } ?? ""
        let how = applied.map { " (\($0.mechanism))" } ?? ""
        return "went over its \(resource.configKey) limit\(value)\(how)"
    }

    private static func unit(_ resource: LimitedResource) -> String {
        switch resource {
        case .memory, .output: "MB"
        case .processes: "processes"
        case .cpu: "s of CPU"
        case .openFiles: "files"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension LimitKind {
    init(_ resource: LimitedResource) {
        switch resource {
        case .memory: self = .memory
        case .processes: self = .processes
        case .cpu: self = .cpu
        case .openFiles: self = .openFiles
        case .output: self = .output
        }
    }
}
