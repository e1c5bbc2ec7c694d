import Foundation

/// How benchboard knows a file in an output folder as one it wrote: by its name (only names the
/// renderer writes, in the folders it writes them to) and by its content (a marker every such
/// file carries). Together they keep a manifest that lists a user's `README.md` or a
/// hand-written `benchmarks/methodology.html` from costing the user that file.
///
/// style.css and junit.xml are rewritten by every render, so they are never left behind and never
/// deleted; the files that can go stale are the pages (archives included) and summary.md.
enum ReportFileOwnership {
    /// The folder benchmark pages are written to, inside the output folder.
    static let pagesFolder = "benchmarks"

    /// What a file benchboard wrote starts with or contains, and how a warning names it.
    struct Marker {
        var bytes: Data
        var atStart: Bool
        var description: String
    }

    /// Every HTML page ends with the footer of foot.mustache. A page rendered through an overriding
    /// foot.mustache without it is kept when stale, which errs on the side of the user's files.
    static let page = Marker(
        bytes: Data("<footer><p>Rendered by benchboard".utf8), atStart: false,
        description: "the footer “Rendered by benchboard” every page ends with")
    /// A quarter's CSV of medians starts with its first column's name (`ArchiveDataBuilder`).
    static let archiveData = Marker(
        bytes: Data(ArchiveDataBuilder.firstColumn.utf8), atStart: true,
        description: "the first column “\(ArchiveDataBuilder.firstColumn)” every archive CSV starts with")
    /// summary.md's first line, which bots also use to find the pull-request comment.
    static let summary = Marker(
        bytes: Data("<!-- benchboard-summary -->".utf8), atStart: true,
        description: "the first line <!-- benchboard-summary -->")

    /// Pages are far smaller; a larger file is not read and not deleted.
    private static let maxBytes = 64 * 1_048_576

    /// The marker a file at `path` (relative, "/"-separated) carries when benchboard wrote it;
    /// nil for a name benchboard never leaves behind.
    static func marker(for path: String) -> Marker? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where parts[0] == "index.html" || parts[0] == "runs.html": return page
        case 1 where parts[0] == "summary.md": return summary
        case 2 where parts[0] == Substring(pagesFolder) && isPageName(parts[1]): return page
        // runs/<YYYY>-Q<n>.html and .csv (RunArchive).
        case 2 where parts[0] == Substring(RunArchive.folder) && RunArchive.isFileName(parts[1], suffix: ".html"): return page
        case 2 where parts[0] == Substring(RunArchive.folder) && RunArchive.isFileName(parts[1], suffix: ".csv"): return archiveData
        // benchmarks/<slug>/archive/<YYYY-MM>.html, the per-benchmark archives of earlier versions.
        case 4 where parts[0] == Substring(pagesFolder) && isPageName(Substring(parts[1] + ".html"))
            && parts[2] == Substring(RunArchive.legacyFolder) && RunArchive.isLegacyFileName(parts[3]):
            return page
        default: return nil
        }
    }

    /// Whether `file` carries `marker`. Read whole: only stale files are checked, a few at a time.
    static func carries(_ marker: Marker, _ file: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
            let size = attributes[.size] as? Int, size <= maxBytes,
            let data = try? Data(contentsOf: file)
        else { return false }
        return marker.atStart ? data.starts(with: marker.bytes) : data.range(of: marker.bytes) != nil
    }

    /// "<slug>.html" as `Slug.make` writes it: lowercase letters, digits and inner dashes.
    private static func isPageName(_ name: Substring) -> Bool {
        guard name.hasSuffix(".html") else { return false }
        let slug = name.dropLast(5).unicodeScalars
        guard let first = slug.first, let last = slug.last, first != "-", last != "-" else { return false }
        return slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
