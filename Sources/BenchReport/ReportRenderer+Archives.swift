import Foundation

extension ReportRenderer {
    /// Writes one benchmark's archive pages into `benchmarks/<slug>/archive/`, each only when its
    /// content changed. Both folders are refused when they are symbolic links, as `benchmarks/` is.
    ///
    /// With a page cache, a month whose runs all have fingerprints is keyed on them (with the
    /// benchmark's name, slug and month): when the cache holds that key for the file as it is,
    /// the page is neither built nor rendered. A new run moves the oldest run of the table into
    /// the archive, so a warm report renders one month per benchmark, not all of them.
    static func writeArchives(
        _ context: ExportContext, name: String, slug: String, in pagesDirectory: URL, session: PageCacheSession?
    ) throws(ReportError) -> [URL] {
        let periods = ArchivePageBuilder(index: context.index, options: context.options).periods(name: name)
        guard !periods.isEmpty else { return [] }
        guard !slug.contains("/"), !slug.hasPrefix(".") else {
            throw .cannotWrite(path: slug, reason: "the name would place the file outside the output folder")
        }
        var folder = pagesDirectory
        for part in [slug, RunArchive.folder] {
            folder.appendPathComponent(part, isDirectory: true)
            try ReportManifest.checkNotLinked(folder)
            try makeDirectory(folder)
        }
        let html = HTMLExporter()
        var files: [URL] = []
        for (period, members) in periods {
            let fileName = RunArchive.fileName(period: period)
            let path = [ReportFileOwnership.pagesFolder, slug, RunArchive.folder, fileName].joined(separator: "/")
            let key = session.flatMap { archiveKey($0, context: context, name: name, slug: slug, period: period, members: members) }
            let file = folder.appendingPathComponent(fileName)
            if let session, let key, session.reuse(path: path, file: file, key: key) {
                files.append(file)
                continue
            }
            let text = html.archivePage(context, name: name, period: period, members: members)
            let written = try write(text, to: fileName, in: folder, onlyIfChanged: true)
            if let session, let key { session.record(path: path, file: written, key: key, bytes: Data(text.utf8)) }
            files.append(written)
        }
        return files
    }

    /// The key of one month's archive page, or nil when a run of it has no fingerprint. Its runs
    /// are a stretch of the benchmark's series (the archive is the series before the table), so
    /// their fingerprints in order, with the name, say which results the rows show.
    private static func archiveKey(
        _ session: PageCacheSession, context: ExportContext, name: String, slug: String, period: String,
        members: [HistoryIndex.Entry]
    ) -> PageKey? {
        var fingerprints: [UInt64] = []
        fingerprints.reserveCapacity(members.count)
        for member in members {
            guard let fingerprint = context.index.runs[member.runIndex].fingerprint else { return nil }
            fingerprints.append(fingerprint)
        }
        return session.key("archive") { digest in
            digest.string(name)
            digest.string(slug)
            digest.string(period)
            digest.int(fingerprints.count)
            for fingerprint in fingerprints { digest.word(fingerprint) }
        }
    }
}
