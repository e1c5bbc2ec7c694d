#if os(Linux) && !BENCHBOARD_PORTABLE
/// The bytes of one "R" request (protocol in Sources/benchboard-launcher/main.c).
enum LauncherRequest {
    static func encode(_ spec: ChildSpec, iterations: Int, stopOnFailure: Bool) throws(IsolationError) -> [UInt8] {
        guard let program = spec.arguments.first, !program.isEmpty else {
            throw .invalidSpec("the command is empty")
        }
        guard (1..<65).contains(spec.killSignal) else {
            throw .invalidSpec("kill signal \(spec.killSignal) is not a signal number")
        }
        // Sorted, so the same spec always produces the same environment order.
        let environment = spec.effectiveEnvironment.sorted { $0.key < $1.key }
        for (key, _) in environment where key.isEmpty || key.contains("=") {
            throw .invalidSpec("environment variable name \"\(key)\" is empty or contains \"=\"")
        }
        var strings = spec.arguments
        strings += environment.map { "\($0.key)=\($0.value)" }
        if let directory = spec.workingDirectory { strings.append(directory) }
        var payload: [UInt8] = []
        for string in strings {
            let bytes = Array(string.utf8)
            if bytes.contains(0) {
                throw .invalidSpec("\"\(string.replacingNUL())\" contains a NUL byte, which no program can receive")
            }
            payload += bytes
            payload.append(0)
        }
        // Over 2^40 ms (35 years) is "forever"; the cap keeps the launcher's nanosecond sums in range.
        let forever = 1 << 40
        let limits: [String] = [
            String(spec.limits.memoryBytes ?? 0), String(max(0, spec.limits.processes ?? 0)),
            String(max(0, spec.limits.cpuSeconds ?? 0)), String(max(0, spec.limits.openFiles ?? 0)),
        ]
        let fields: [String] = [
            "R", String(iterations), stopOnFailure ? "1" : "0", String(min(max(0, spec.timeoutMs), forever)),
            String(min(max(0, spec.graceMs), forever)), String(spec.killSignal), String(spec.arguments.count),
            String(environment.count), spec.workingDirectory == nil ? "0" : "1", String(payload.count),
        ]
        let header = (fields + limits).joined(separator: " ")
        return Array((header + "\n").utf8) + payload
    }

    static let interrupt = Array("I\n".utf8)
}

extension String {
    fileprivate func replacingNUL() -> String {
        unicodeScalars.map { $0 == "\0" ? "\\0" : String($0) }.joined()
    }
}
#endif
