import Foundation

/// Number formatting shared by notes and the text and JSON outputs: fixed decimals, C locale.
public enum Format {
    /// A p-value without "p": "0.042", "0.0042" (two significant digits down to 0.001), then
    /// scientific "2.4e-9" below, so a tiny p-value never reads as "0.000". A p-value that
    /// underflowed to 0 is "<1e-300": the test only says it is smaller than a double can hold.
    public static func pValue(_ p: Double) -> String {
        if p <= 0 { return "<1e-300" }
        if p < 0.001 {
            // "%.1e" writes "2.4e-09"; the exponent's leading zero adds nothing.
            let text = String(format: "%.1e", p)
            return text.replacingOccurrences(of: #"e([+-])0*(\d)"#, with: "e$1$2", options: .regularExpression)
                .replacingOccurrences(of: "e+", with: "e")
        }
        let decimals = p >= 0.1 ? 2 : (p >= 0.01 ? 3 : 4)
        return String(format: "%.\(decimals)f", p).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\.$"#, with: "", options: .regularExpression)
    }

    /// "p = 0.0042", "p = 2.4e-9", "p < 1e-300": the p-value as a sentence fragment.
    public static func pClause(_ p: Double) -> String {
        p <= 0 ? "p < 1e-300" : "p = " + pValue(p)
    }

    /// "99 %", "99.5 %": a confidence level without trailing zeros.
    static func level(_ fraction: Double) -> String {
        let text = String(format: "%.2f", fraction * 100).replacingOccurrences(
            of: #"\.?0+$"#, with: "", options: .regularExpression)
        return text + " %"
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
