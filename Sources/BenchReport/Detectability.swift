import BenchAnalysis
import BenchModel

/// Whether a benchmark can gate a pull request at its threshold, in words: the smallest change it
/// can detect (`MetricComparison.detectablePercent`, at 80 % power, from the spread of its
/// processes and of its recent runs) against the threshold it is judged at. A benchmark that
/// only detects 23 % cannot confirm a 5 % regression, however often it runs: saying so next to
/// it tells a reader which rows can fail a check and which can only inform.
enum Detectability {
    /// What the dashboard's "Detects" column means, in one line.
    static let legend =
        "Detects: the smallest change each benchmark can detect (at 80 % power), from the spread of its processes "
        + "and of its recent runs. A benchmark gates a pull request only at a threshold at or above it; "
        + "ℹ️ informational benchmarks are shown and never gate."

    /// "detects ≥ 4.2%" or "cannot gate 5%: detects ≥ 23%"; nil without a figure.
    static func text(detectablePercent: Double?, threshold: Double) -> String? {
        guard let detectable = detectablePercent, detectable.isFinite, detectable >= 0 else { return nil }
        let detects = "detects ≥ \(percent(detectable))"
        return SuiteStatus.canGate(detectable, threshold) ? detects : "cannot gate \(percent(threshold * 100)): \(detects)"
    }

    /// The dashboard badge: green when the benchmark can gate at its threshold, amber when it
    /// cannot, muted while there is too little evidence to say.
    static func badge(detectablePercent: Double?, threshold: Double) -> BadgeView {
        let limit = percent(threshold * 100)
        guard let text = text(detectablePercent: detectablePercent, threshold: threshold), let detectable = detectablePercent
        else {
            return BadgeView(
                text: "not known yet", badgeClass: "muted",
                hint: "Too little evidence to say yet: a first run, a single process, or too few earlier runs")
        }
        if SuiteStatus.canGate(detectable, threshold) {
            return BadgeView(
                text: text, badgeClass: "good",
                hint: "It can detect a change of \(percent(detectable)), within its \(limit) threshold: it can gate a pull request")
        }
        return BadgeView(
            text: text, badgeClass: "warn",
            hint: "It can only detect a change of \(percent(detectable)), more than its \(limit) threshold: a \(limit) change "
                + "would mostly stay unconfirmed. Raise its threshold, give it more rounds, or mark it informational")
    }

    /// The badge an informational benchmark carries wherever its verdict is shown.
    static let informationalBadge = BadgeView(
        text: "ℹ️ informational", badgeClass: "info", hint: "Shown, never gating: informational = true in its configuration")

    /// An unsigned percentage a reader can take in at a glance: "4.2%" below 10, "23%" from 10.
    static func percent(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "?" }
        // Past a billion percent the figure only says "cannot": no need for its digits.
        guard value < 1e9 else { return "> 1e9%" }
        if value >= 10 || value == value.rounded() { return ReportFormat.coordinate(value.rounded()) + "%" }
        return ReportFormat.coordinate(value, keepZero: true) + "%"
    }
}
