import BenchModel
import TOMLKit

/// Reading the resource limits (`max_memory_mb`, `max_processes`, `max_cpu_s`, `max_open_files`,
/// `max_output_mb`) of `[defaults]` and `[[benchmark]]`.
extension ConfigReader {
    /// The largest value each key accepts: beyond these the kernel would refuse or overflow, and
    /// no machine this runs on could get there anyway.
    static func limitRange(_ resource: LimitedResource) -> (minimum: Double, maximum: Double, whole: Bool, unit: String) {
        switch resource {
        case .memory: (1, 16_777_216, false, "MB")           // 16 TiB
        case .output: (0.001, 1_048_576, false, "MB")        // 1 TiB
        case .processes: (1, 4_194_304, true, "processes")   // the kernel's pid_max ceiling
        case .cpu: (1, 31_536_000, true, "seconds")          // a year; RLIMIT_CPU counts whole seconds
        case .openFiles: (4, 1_048_576, true, "files")       // fs.nr_open's default; 0-2 and fd 3 are taken
        }
    }

    mutating func limits(_ table: TOMLTable, _ site: Site) -> ResourceLimits {
        var limits = ResourceLimits()
        for resource in LimitedResource.allCases {
            let key = resource.configKey
            guard let value = table[key] else { continue }
            let range = Self.limitRange(resource)
            let number: Double? =
                switch value.type {
                case .int: value.int.map(Double.init)
                case .double: value.double
                default: nil
                }
            let kind = range.whole ? "a whole number of \(range.unit)" : "a number of \(range.unit)"
            guard let number, number.isFinite else {
                problem("'\(key)' must be \(kind), got \(describe(value))", at: site, key: [key])
                continue
            }
            if range.whole && number != number.rounded() {
                problem("'\(key)' must be \(kind), got \(format(number))", at: site, key: [key])
                continue
            }
            guard number >= range.minimum, number <= range.maximum else {
                problem(
                    "'\(key)' must be between \(format(range.minimum)) and \(format(range.maximum)) \(range.unit), got \(format(number))",
                    at: site, key: [key])
                continue
            }
            limits[resource] = number
        }
        return limits
    }
}
