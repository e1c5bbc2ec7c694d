import Foundation

/// A knob that slows one Swift benchmark of the default suite by a known amount, so the verdict
/// evidence (`Benchmarks/scripts/verdict_evidence.py`) can check that a real slowdown is caught.
/// 1 (no extra work) unless set: from `BENCHBOARD_WORK_SCALE` in the benchmark's environment
/// (`env` in the config), or else from a file `benchboard-work-scale` beside the executable, so
/// two copies of one build can differ in an A/B run where one config governs both sides.
enum WorkScale {
    static let variable = "BENCHBOARD_WORK_SCALE"
    static let fileName = "benchboard-work-scale"

    static var current: Double {
        if let text = ProcessInfo.processInfo.environment[variable], let scale = parse(text) { return scale }
        let beside = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(fileName)
        if let text = try? String(contentsOf: beside, encoding: .utf8), let scale = parse(text) { return scale }
        return 1
    }

    /// A finite factor between 1 and 100; anything else is ignored rather than guessed at.
    private static func parse(_ text: String) -> Double? {
        guard let scale = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), scale.isFinite,
            (1...100).contains(scale)
        else { return nil }
        return scale
    }
}
