/// One line the launcher writes on its report stream (protocol in Sources/benchboard-launcher/main.c).
enum LauncherReport: Equatable {
    case hello(version: Int, pid: Int32)
    case started(pid: Int32)
    case finished(Termination, ChildUsage)
    case spawnFailed(errno: Int32, stage: Character)
    case done(String)
    case error(String)

    static let protocolVersion = 1

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
            self = .hello(version: try number(1), pid: try number(2))
        case "S":
            self = .started(pid: try number(1))
        case "F":
            guard fields.count == 11, let how = fields[1].first else { throw .protocolError("report line \"\(line)\"") }
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
            self = .finished(termination, usage)
        case "X":
            guard fields.count == 3, let stage = fields[2].first else { throw .protocolError("report line \"\(line)\"") }
            self = .spawnFailed(errno: try number(1), stage: stage)
        case "D":
            self = .done(fields.count > 1 ? String(fields[1]) : "")
        case "E":
            self = .error(String(line.dropFirst(2)))
        default:
            throw .protocolError("report line \"\(line)\"")
        }
    }
}
