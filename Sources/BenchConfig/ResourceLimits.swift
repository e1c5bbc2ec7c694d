import BenchModel

/// A benchmark's resource limits as configured, in the keys' units (MB, processes, seconds,
/// files, MB); nil = no limit. Each key of `[[benchmark]]` replaces the one of `[defaults]`.
public struct ResourceLimits: Sendable, Equatable {
    public var values: [LimitedResource: Double] = [:]

    public init(_ values: [LimitedResource: Double] = [:]) {
        self.values = values
    }

    public subscript(resource: LimitedResource) -> Double? {
        get { values[resource] }
        set { values[resource] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `self` over `base`, key by key.
    func over(_ base: ResourceLimits) -> ResourceLimits {
        ResourceLimits(base.values.merging(values) { _, mine in mine })
    }
}
