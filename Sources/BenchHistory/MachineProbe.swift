import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the numbers were measured on, read from the system once per run.
public enum MachineProbe {
    public static func current() -> MachineInfo {
        MachineInfo(
            hostname: hostname(), os: operatingSystem(), kernel: kernelRelease(), cpuModel: cpuModel(),
            cores: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: memoryBytes(),
            swiftVersion: swiftVersion)
    }

    /// The compiler that built this binary: what matters for Swift benchmarks' numbers.
    public static var swiftVersion: String {
        #if compiler(>=6.5)
            "6.5+"
        #elseif compiler(>=6.4)
            "6.4"
        #elseif compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #elseif compiler(>=6.1)
            "6.1"
        #else
            "6.0"
        #endif
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return ProcessInfo.processInfo.hostName }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// PRETTY_NAME of /etc/os-release ("Debian GNU/Linux 13 (trixie)").
    static func operatingSystem() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let value = field("PRETTY_NAME", in: text, separator: "=")
        {
            return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    /// `uname -r`.
    static func kernelRelease() -> String {
        var info = utsname()
        guard uname(&info) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &info.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// "model name" of /proc/cpuinfo; ARM kernels may say "Hardware" or nothing at all.
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for key in ["model name", "Hardware", "cpu model", "Processor"] {
            if let value = field(key, in: text, separator: ":"), !value.isEmpty { return value }
        }
        return "unknown"
    }

    /// MemTotal of /proc/meminfo, in bytes.
    static func memoryBytes() -> UInt64 {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let value = field("MemTotal", in: text, separator: ":"),
            let kib = UInt64(value.split(separator: " ").first ?? "")
        {
            return kib * 1024
        }
        return ProcessInfo.processInfo.physicalMemory
    }

    /// The value of the first `key<separator>value` line, trimmed.
    static func field(_ key: String, in text: String, separator: Character) -> String? {
        for line in text.split(separator: "\n") {
            guard let split = line.firstIndex(of: separator) else { continue }
            if line[..<split].trimmingCharacters(in: .whitespaces) == key {
                return line[line.index(after: split)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
