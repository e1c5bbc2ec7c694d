import Foundation

/// What `HistoryStore.pack` wrote and removed, or with a dry run would have.
public struct PackOutcome: Sendable {
    public struct Pack: Sendable {
        public var url: URL
        /// The UTC month: "2026-01".
        public var period: String
        public var part: Int
        public var runs: Int
        /// The pack's size on disk, and the size of the run files it replaces.
        public var bytes: Int64
        public var looseBytes: Int64
    }

    public var packs: [Pack] = []
    /// Run files removed because a pack now holds their runs: those just packed, and files a
    /// stopped `pack` had left behind.
    public var removed: [URL] = []
    /// Runs too large for a pack of their own, left as run files.
    public var tooLarge: [URL] = []
    /// Readable run files that stay as they are (recent, or of the newest month).
    public var keptLoose: Int = 0
}
