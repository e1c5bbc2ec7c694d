/// A resource a benchmark can be limited in (`max_memory_mb`, `max_processes`, `max_cpu_s`,
/// `max_open_files`, `max_output_mb`).
public enum LimitedResource: String, Codable, Sendable, CaseIterable {
    case memory, processes, cpu, openFiles, output

    /// The config key that sets it.
    public var configKey: String {
        switch self {
        case .memory: "max_memory_mb"
        case .processes: "max_processes"
        case .cpu: "max_cpu_s"
        case .openFiles: "max_open_files"
        case .output: "max_output_mb"
        }
    }

    /// Words for a sentence: "memory", "processes", "CPU time", "open files", "output".
    public var words: String {
        switch self {
        case .memory: "memory"
        case .processes: "processes"
        case .cpu: "CPU time"
        case .openFiles: "open files"
        case .output: "output"
        }
    }
}
