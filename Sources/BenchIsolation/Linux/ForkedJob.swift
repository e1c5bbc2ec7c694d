#if os(Linux) && !BENCHBOARD_PORTABLE
/// What a fork server's child is asked to do: the request's arguments and environment. The
/// child is already in the request's working directory when it gets this.
public struct ForkedJob: Sendable, Equatable {
    public var arguments: [String]
    /// "KEY=value" strings: the child's complete environment.
    public var environment: [String]
    public var timeoutMs: Int
    public var graceMs: Int
    public var killSignal: Int32
    public var workingDirectory: String?

    public init(
        arguments: [String], environment: [String], timeoutMs: Int, graceMs: Int, killSignal: Int32,
        workingDirectory: String?
    ) {
        self.arguments = arguments
        self.environment = environment
        self.timeoutMs = timeoutMs
        self.graceMs = graceMs
        self.killSignal = killSignal
        self.workingDirectory = workingDirectory
    }

    /// Decodes an "R" request (the launcher's format, see LauncherRequest) from its header line
    /// and payload. Nil when malformed; the iteration count and stop flag are ignored (a fork
    /// server runs one child per request).
    init?(header: String, payload: [UInt8]) {
        let fields = header.split(separator: " ")
        // Ten fields; a launcher that takes resource limits appends them, and a fork server
        // enforces none, so they are accepted and left aside.
        guard fields.count >= 10, fields[0] == "R" else { return nil }
        let numbers = fields.dropFirst().map { Int($0) }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let values = numbers.compactMap { $0 }
        let (timeout, grace, signal, argc, envc, hasDirectory, size) =
            (values[2], values[3], values[4], values[5], values[6], values[7], values[8])
        guard timeout >= 0, grace >= 0, (1..<65).contains(signal), argc >= 1, envc >= 0,
            hasDirectory == 0 || hasDirectory == 1, size == payload.count
        else { return nil }
        let strings = payload.split(separator: 0, omittingEmptySubsequences: false).dropLast()
        guard payload.last == 0 || payload.isEmpty, strings.count == argc + envc + hasDirectory else { return nil }
        let texts = strings.map { String(decoding: $0, as: UTF8.self) }
        self.init(
            arguments: Array(texts[0..<argc]), environment: Array(texts[argc..<(argc + envc)]),
            timeoutMs: timeout, graceMs: grace, killSignal: Int32(signal),
            workingDirectory: hasDirectory == 1 ? texts[argc + envc] : nil)
    }
}
#endif
