import Foundation

/// Number formatting shared by notes and the text and JSON outputs: fixed decimals, C locale.
enum Format {
    /// "0.0042", "1.2e-07": four significant digits where it matters.
    static func pValue(_ p: Double) -> String {
        if p == 0 { return "0" }
        if p < 0.0001 { return String(format: "%.1e", p) }
        return String(format: "%.4f", p).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\.$"#, with: "", options: .regularExpression)
    }

    /// "+23.0 %", "-4.2 %": a signed percentage with one decimal and a space, as in sentences.
    static func signedPercent(_ value: Double) -> String {
        String(format: "%+.1f %%", value)
    }

    /// "6.1 %": an unsigned percentage with one decimal and a space.
    static func percent(_ value: Double) -> String {
        String(format: "%.1f %%", value)
    }
}
