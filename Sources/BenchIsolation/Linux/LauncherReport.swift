#if os(Linux) && !BENCHBOARD_PORTABLE
/// One line the launcher writes on its report stream (protocol in Sources/benchboard-launcher/main.c).
enum LauncherReport: Equatable {
    /// What the launcher runs in: memory and pids cgroups of its own, a cgroup v2 folder to kill.
    case hello(version: Int, pid: Int32, capabilities: LauncherCapabilities)
    case started(pid: Int32)
    case finished(Termination, ChildUsage, limitHit: LimitKind?)
    case spawnFailed(errno: Int32, stage: Character)
    /// The launcher's memory cgroup during the batch: its peak, and what it held when the batch began.
    case memoryPeak(peakBytes: UInt64, baselineBytes: UInt64)
    case done(String)
    case error(String)

    static let protocolVersion = 3

    init(line: Substring) throws(IsolationError) {
        let fields = line.split(separator: " ")
        guard let kind = fields.first else { throw .protocolError("an empty report line") }
        func number<T: FixedWidthInteger>(_ index: Int, as: T.Type = T.self) throws(IsolationError) -> T {
            guard index < fields.count, let value = T(fields[index]) else {
                throw .protocolError("report line \"\(line)\"")
            }
            return value
        }
        switch kind {
        case "H":
            // An older launcher's greeting has fewer fields; its version is refused by the caller.
            let memory: Int = fields.count > 3 ? try number(3) : 0
            let pids: Int = fields.count > 4 ? try number(4) : 0
            // The folder is the rest of the line and may hold spaces.
            var folder: String?
            if fields.count > 5 {
                let rest = String(line[fields[5].startIndex...])
                folder = rest == "-" ? nil : rest
            }
            self = .hello(
                version: try number(1), pid: try number(2),
                capabilities: LauncherCapabilities(memoryCgroup: memory == 1, pidsCgroup: pids == 1, killDirectory: folder))
        case "S":
            self = .started(pid: try number(1))
        case "F":
            guard fields.count == 12, let how = fields[1].first, let limit = fields[11].first else {
                throw .protocolError("report line \"\(line)\"")
            }
            let value: Int32 = try number(2)
            let termination: Termination
            switch how {
            case "x": termination = .exited(value)
            case "s": termination = .signaled(value)
            case "t": termination = .timedOut(killedBy: value)
            default: throw .protocolError("report line \"\(line)\"")
            }
            let usage = ChildUsage(
                wallNs: try number(3), maxRSSBytes: try number(4), userUs: try number(5), systemUs: try number(6),
                voluntaryContextSwitches: try number(7), involuntaryContextSwitches: try number(8),
                minorFaults: try number(9), majorFaults: try number(10))
            let hit: LimitKind?
            switch limit {
            case "m": hit = .memory
            case "p": hit = .processes
            case "c": hit = .cpu
            case "-": hit = nil
            default: throw .protocolError("report line \"\(line)\"")
            }
            self = .finished(termination, usage, limitHit: hit)
        case "X":
            guard fields.count == 3, let stage = fields[2].first else { throw .protocolError("report line \"\(line)\"") }
            self = .spawnFailed(errno: try number(1), stage: stage)
        case "M":
            guard fields.count == 3 else { throw .protocolError("report line \"\(line)\"") }
            self = .memoryPeak(peakBytes: try number(1), baselineBytes: try number(2))
        case "D":
            self = .done(fields.count > 1 ? String(fields[1]) : "")
        case "E":
            self = .error(String(line.dropFirst(2)))
        default:
            throw .protocolError("report line \"\(line)\"")
        }
    }
}
#endif
