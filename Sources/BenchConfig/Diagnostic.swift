/// One problem found in a configuration, located as precisely as the source allows.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it (or the environment variable that was wrong).
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `config.toml:12: unknown key …`, or `config.toml: …` when no line can be told; the shape
    /// compilers use, so editors and CI annotations can jump to the line.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Every problem found in a configuration, in file order, so one edit-and-retry fixes them all.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
