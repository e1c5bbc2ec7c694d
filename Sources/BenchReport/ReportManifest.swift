import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The list of files the renderer wrote into an output folder, kept there as
/// `.benchboard-manifest.json`, so that a later render deletes only pages it wrote itself.
///
/// An output folder is often shared (`--output docs`): a hand-written `docs/README.md` or
/// `docs/benchmarks/methodology.html` is not ours and must survive, even when a manifest lists it
/// (edited by hand, copied from elsewhere, or written by a faulty version). So a file is deleted
/// only when the previous manifest lists it, this render did not write it again (a benchmark
/// renamed or removed), its path stays inside the output folder without `..`, no folder on the
/// way is a symbolic link, it is still a regular file, and `ReportFileOwnership` knows both its
/// name and its content as benchboard's. A listed file that fails a check stays, with a warning.
/// A folder without a manifest (written by an older version, or never by us) loses nothing.
enum ReportManifest {
    static let fileName = ".benchboard-manifest.json"
    /// A manifest is a few KB per thousand benchmarks; anything far larger is not ours.
    private static let maxBytes = 16 * 1_048_576

    private struct Contents: Codable {
        var generator = "benchboard"
        /// Paths relative to the output folder, "/"-separated.
        var files: [String]
    }

    /// What a render did with the files the previous one wrote and this one did not.
    struct Cleanup: Sendable {
        var removed: [URL] = []
        var kept: [KeptReportFile] = []
    }

    /// Deletes what the previous render wrote and this one did not, then records `written`.
    static func update(in output: URL, written: [URL]) throws(ReportError) -> Cleanup {
        let root = output.standardizedFileURL.path
        let current = written.compactMap { relativePath(of: $0, in: root) }
        var cleanup = Cleanup()
        for path in Set(previous(in: output)).subtracting(current).sorted() {
            let file = output.appendingPathComponent(path)
            // Gone already (deleted by hand): nothing to decide.
            guard exists(file.path) else { continue }
            if let reason = reasonToKeep(path, in: output) {
                cleanup.kept.append(KeptReportFile(path: path, reason: reason))
            } else if (try? FileManager.default.removeItem(at: file)) != nil {
                cleanup.removed.append(file)
                removeEmptyFolders(above: path, in: output)
            }
        }
        let data: Data
        do {
            // Sorted keys: the same render writes the same bytes (key order is otherwise random).
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            data = try encoder.encode(Contents(files: current.sorted()))
        } catch {
            throw .cannotWrite(path: output.appendingPathComponent(fileName).path, reason: "\(error)")
        }
        let manifest = output.appendingPathComponent(fileName)
        do {
            try data.write(to: manifest, options: .atomic)
        } catch {
            throw .cannotWrite(path: manifest.path, reason: (error as NSError).localizedDescription)
        }
        return cleanup
    }

    /// Refuses a folder inside the output folder that is a symbolic link: writing through it
    /// would replace files somewhere else entirely.
    static func checkNotLinked(_ folder: URL) throws(ReportError) {
        guard isSymbolicLink(folder.path) else { return }
        throw .cannotWrite(
            path: folder.path,
            reason: "it is a symbolic link, and benchboard writes only inside the output folder; replace the link with a folder or choose another --output")
    }

    /// The files the previous manifest lists; empty when there is none or it is not ours.
    static func previous(in output: URL) -> [String] {
        let manifest = output.appendingPathComponent(fileName)
        guard !isSymbolicLink(manifest.path),
            let attributes = try? FileManager.default.attributesOfItem(atPath: manifest.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? Int, size <= maxBytes,
            let data = try? Data(contentsOf: manifest),
            let contents = try? JSONDecoder().decode(Contents.self, from: data), contents.generator == "benchboard"
        else { return [] }
        return contents.files
    }

    /// "benchmarks/a.html" for a file under `root`; nil for anything elsewhere.
    private static func relativePath(of file: URL, in root: String) -> String? {
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }

    /// Nil when the listed `path` is a file benchboard wrote and may delete; else why it stays.
    private static func reasonToKeep(_ path: String, in output: URL) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") }),
            let marker = ReportFileOwnership.marker(for: path)
        else {
            return "benchboard never writes a file by that name there, although \(fileName) lists it"
        }
        // Every folder on the way, and the file itself, is checked without following links.
        var folder = output
        for part in parts.dropLast() {
            folder.appendPathComponent(String(part))
            guard isDirectoryNotLink(folder.path) else {
                return "\(folder.lastPathComponent) on its way is not a folder but a symbolic link or a file"
            }
        }
        let file = output.appendingPathComponent(path)
        var info = stat()
        guard lstat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return "it is not a regular file (a folder or a symbolic link)"
        }
        guard ReportFileOwnership.carries(marker, file) else {
            return "it has the name of a file benchboard writes but not \(marker.description), "
                + "so it may be yours; delete it by hand if it is a stale report"
        }
        return nil
    }

    /// After the last archive of the history goes, `runs/` goes too; after the last per-benchmark
    /// archive page of earlier versions, its `archive/` and `<slug>/` folders. rmdir removes only
    /// empty folders (never a link), and `benchmarks/` itself stays.
    private static func removeEmptyFolders(above path: String, in output: URL) {
        var parts = path.split(separator: "/").map(String.init)
        parts.removeLast()
        while !parts.isEmpty, parts != [ReportFileOwnership.pagesFolder] {
            guard rmdir(output.appendingPathComponent(parts.joined(separator: "/")).path) == 0 else { return }
            parts.removeLast()
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    private static func isDirectoryNotLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}

/// A file the previous render listed and this one kept, because benchboard cannot tell it is its own.
public struct KeptReportFile: Sendable, Equatable {
    /// Relative to the output folder, "/"-separated.
    public var path: String
    /// Why it was kept, as a sentence fragment.
    public var reason: String

    /// "kept README.md in the output folder: …", for the terminal.
    public var warning: String { "kept \(path) in the output folder: \(reason)" }
}
