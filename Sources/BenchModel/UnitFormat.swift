import Foundation

/// Human-readable numbers in the units the reports use. Fixed decimals and a C locale, so
/// the same run renders the same text on every machine.
public enum UnitFormat {
    /// A duration given in nanoseconds: "0.186ms", "12.450ms", "12.35s".
    public static func duration(ns: Double) -> String {
        let ms = ns / 1_000_000
        if ms >= 10_000 { return String(format: "%.2fs", ms / 1000) }
        return String(format: "%.3fms", ms)
    }

    /// An instruction count in decimal units: "850 instr", "14.04K instr", "101.63M instr", "2.10G instr".
    public static func instructions(_ count: Double) -> String {
        let units: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "K")]
        for (scale, unit) in units where abs(count) >= scale {
            return String(format: "%.2f%@ instr", count / scale, unit)
        }
        return String(format: "%.0f instr", count)
    }

    /// Milliseconds with two decimals and a space: "12.45 ms".
    public static func milliseconds(_ ms: Double) -> String {
        String(format: "%.2f ms", ms)
    }

    /// Bytes in binary units with one decimal: "45.2 KB", "1.4 MB".
    public static func bytes(_ bytes: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// A size limit and what exceeds it, in the unit `[history] max_file_mb` takes: "300 MiB",
    /// "1.2 MiB", "100 bytes".
    public static func mebibytes(_ bytes: Int64) -> String {
        if bytes < 1_048_576 { return "\(bytes) bytes" }
        return bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// A signed percentage with one decimal: "+12.3%", "-4.0%", "±0.0%".
    public static func percent(_ value: Double) -> String {
        if abs(value) < 0.05 { return "±0.0%" }
        return String(format: "%@%.1f%%", value > 0 ? "+" : "-", abs(value))
    }
}
