import BenchModel
import Foundation

/// The tool's version as `benchboard --version` prints it. The number is not written here: it is
/// compiled in from the repository's VERSION file (Plugins/VersionEmbedderPlugin), the one place
/// it is kept, which the release workflow also checks the tag against.
public enum BenchBoardVersion {
    public static let number = EmbeddedVersion.number

    /// "benchboard 0.2.0 (history schema benchboard.run/2)": the schema says which run files it reads and writes.
    public static var string: String { "benchboard \(number) (history schema \(HistorySchema.current))" }

    /// The version and the running executable's size and modification time: what rendered pages
    /// are cached under (`PageCache`). Page-building code changes between builds of one version
    /// number while it is developed, and a page an older build rendered must not be taken for
    /// the new build's; a release binary keeps its identity, so its cache lasts.
    static var buildIdentity: String {
        guard let path = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return number }
        return "\(number)+\(size.int64Value)-\(Int64(modified.timeIntervalSince1970 * 1000))"
    }
}
