import Foundation

extension ReportRenderer {
    /// Writes the quarters' archives (`RunArchive`) into `runs/`: each quarter's run list and its
    /// CSV of medians, each file only when its content changed. The folder is refused when it is a
    /// symbolic link, as `benchmarks/` is.
    ///
    /// With a page cache, a quarter whose runs all have fingerprints is keyed on them (with the
    /// quarter): when the cache holds that key for both its files as they are, neither is built
    /// nor rendered. A new run changes only the newest quarter, and a run leaving runs.html only
    /// its own, so a warm report renders one or two quarters, not all of them.
    static func writeArchives(_ context: ExportContext, in output: URL, session: PageCacheSession?) throws(ReportError) -> [URL] {
        let periods = context.index.archivePeriods
        guard !periods.isEmpty else { return [] }
        let folder = output.appendingPathComponent(RunArchive.folder, isDirectory: true)
        try ReportManifest.checkNotLinked(folder)
        try makeDirectory(folder)

        var files: [URL] = []
        var stale: [(period: String, key: PageKey?)] = []
        for period in periods {
            let names = [RunArchive.pageName(period: period), RunArchive.dataName(period: period)]
            let key = session.flatMap { archiveKey($0, context: context, period: period) }
            if let session, let key, session.reuse(names.map { (path($0), folder.appendingPathComponent($0)) }, key: key) {
                files += names.map { folder.appendingPathComponent($0) }
            } else {
                stale.append((period, key))
            }
        }
        guard !stale.isEmpty else { return files }

        let archives = HTMLExporter().runArchives(context, periods: stale.map(\.period))
        let keys = Dictionary(uniqueKeysWithValues: stale.map { ($0.period, $0.key) })
        for archive in archives {
            let written = try write(archive.text, to: archive.file, in: folder, onlyIfChanged: true)
            if let session, let key = keys[archive.period] ?? nil {
                session.record(path: path(archive.file), file: written, key: key, bytes: Data(archive.text.utf8))
            }
            files.append(written)
        }
        return files
    }

    /// The cache's name of an archive file: its path in the output folder.
    private static func path(_ file: String) -> String { RunArchive.folder + "/" + file }

    /// The key of one quarter's archive, or nil when a run of it has no fingerprint. Its runs'
    /// fingerprints in order say which records, stored where (a loose file or a pack), its rows
    /// and cells show; the session's base key adds the version, templates and settings.
    private static func archiveKey(_ session: PageCacheSession, context: ExportContext, period: String) -> PageKey? {
        var fingerprints: [UInt64] = []
        for run in context.index.runs where run.period == period {
            guard let fingerprint = run.fingerprint else { return nil }
            fingerprints.append(fingerprint)
        }
        return session.key("run-archive") { digest in
            digest.string(period)
            digest.int(fingerprints.count)
            for fingerprint in fingerprints { digest.word(fingerprint) }
        }
    }
}
