import Foundation

/// One results file as read from disk, with the name it was given by on the command line.
public struct ImportFile: Sendable {
    public var path: String
    public var data: Data
    /// When the file was last written: the run's time when the file records none (hyperfine).
    public var modified: Date?

    public init(path: String, data: Data, modified: Date?) {
        self.path = path
        self.data = data
        self.modified = modified
    }
}
