import BenchAnalysis
import BenchModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders the dashboard, the benchmark pages, the run list, summary.md and junit.xml from
/// a history. Templates are loaded and compiled once, in `init`.
public struct ReportRenderer: Sendable {
    public let options: ReportOptions
    private let templates: TemplateSet

    public init(options: ReportOptions = .init()) throws(ReportError) {
        try self.init(options: options, fastTemplates: true)
    }

    /// `fastTemplates` false renders every template through the library alone (`TemplateRenderer`).
    init(options: ReportOptions, fastTemplates: Bool) throws(ReportError) {
        self.options = options
        templates = try TemplateSet(overrides: options.templatesDirectory, fastPath: fastTemplates)
    }

    /// Writes index.html, runs.html, style.css, benchmarks/<slug>.html, the quarters' archives
    /// runs/<YYYY>-Q<n>.html and .csv (`RunArchive`; one left as it is when its bytes would not
    /// change, so a past quarter keeps its file and its modification time), summary.md and
    /// junit.xml into `outputDirectory` (created if needed; nothing is written outside it, and a
    /// symbolically linked `benchmarks/` or `runs/` is refused), deletes the pages of the previous render it
    /// did not write again (listed in `.benchboard-manifest.json` and recognised as benchboard's;
    /// see `ReportManifest`), and says which files it wrote, deleted and kept. Appending
    /// summary.md to GITHUB_STEP_SUMMARY is `StepSummary`'s.
    ///
    /// With a `pageCache`, a quarter's archive whose runs and settings are those it was last
    /// written from, and whose files still hold what was written, is neither built nor rendered
    /// again (`PageCache`); the files are the same as without it.
    public func writeReport(_ input: ReportInput, to outputDirectory: URL, pageCache: PageCache? = nil) throws(ReportError)
        -> WrittenReport
    {
        let output = outputDirectory.standardizedFileURL
        let context = ExportContext(input, options: options, templates: templates)
        let session = pageCache.map {
            PageCacheSession(cache: $0, templates: templates.digest, settings: SettingsDescription.of(options))
        }
        try Self.makeDirectory(output)
        let pagesDirectory = output.appendingPathComponent(ReportFileOwnership.pagesFolder, isDirectory: true)
        try ReportManifest.checkNotLinked(pagesDirectory)
        try Self.makeDirectory(pagesDirectory)

        var written: [URL] = []
        let html = HTMLExporter()
        written.append(try Self.write(html.export(context), to: "index.html", in: output))
        written.append(try Self.write(html.runsPage(context), to: "runs.html", in: output))
        written.append(try Self.write(html.stylesheet(context), to: "style.css", in: output))

        // Benchmark pages are independent of each other: render and write them on every core.
        let pages: [Result<[URL], ReportError>] = ParallelMap.map(context.index.names) { name in
            let slug = context.index.slugs[name] ?? "benchmark"
            return Result { () throws(ReportError) -> [URL] in
                [try Self.write(html.benchmarkPage(context, name: name), to: "\(slug).html", in: pagesDirectory)]
            }
        }
        for page in pages { written += try page.get() }
        written += try Self.writeArchives(context, in: output, session: session)

        let summary = MarkdownExporter().export(context)
        written.append(try Self.write(summary, to: "summary.md", in: output))
        written.append(try Self.write(JUnitExporter().export(context), to: "junit.xml", in: output))
        // Pages of renamed or removed benchmarks go; nothing the renderer did not write does.
        let cleanup = try ReportManifest.update(in: output, written: written)
        var report = WrittenReport(files: written, removed: cleanup.removed, kept: cleanup.kept)
        if let session {
            report.pageCacheWarning = session.save()
            (report.reusedPages, report.renderedPages) = session.tally
        }
        return report
    }

    /// `writeReport`'s files alone, for callers that have no terminal to warn on.
    @discardableResult
    public func write(_ input: ReportInput, to outputDirectory: URL) throws(ReportError) -> [URL] {
        try writeReport(input, to: outputDirectory).files
    }

    /// One document in one format: `compare` prints text, json or markdown; `painter` colours
    /// the text format only.
    public func export(_ format: ExportFormat, _ input: ReportInput, painter: Painter = .plain) -> String {
        format.exporter(painter: painter).export(ExportContext(input, options: options, templates: templates))
    }

    /// summary.md's text: also what `benchboard compare --format markdown` prints.
    public func summaryMarkdown(_ input: ReportInput) -> String {
        export(.markdown, input)
    }

    public func junitXML(_ input: ReportInput) -> String {
        export(.junit, input)
    }

    // MARK: Files

    static func makeDirectory(_ url: URL) throws(ReportError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: url.path, reason: "the folder cannot be created")
        }
    }

    /// Writes `name` inside `directory`, refusing any name that would land elsewhere. With
    /// `onlyIfChanged`, a regular file that already holds exactly these bytes is left untouched.
    static func write(_ text: String, to name: String, in directory: URL, onlyIfChanged: Bool = false)
        throws(ReportError) -> URL
    {
        let file = directory.appendingPathComponent(name).standardizedFileURL
        guard !name.contains("/"), !name.hasPrefix("."), file.deletingLastPathComponent().path == directory.standardizedFileURL.path
        else {
            throw .cannotWrite(path: file.path, reason: "the name would place the file outside the output folder")
        }
        // The string's own UTF-8 bytes are written, not a copy of them in a Data of its own: a
        // benchmark page is a few hundred kilobytes.
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            let data =
                bytes.baseAddress.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: bytes.count, deallocator: .none) }
                ?? Data()
            if onlyIfChanged, holds(data, file) { return nil }
            return PageFile.save(bytes, to: file)
        }
        if let failure { throw .cannotWrite(path: file.path, reason: failure) }
        return file
    }

    /// Whether `file` is a regular file (not a link) whose bytes are `data`; the size is compared first.
    private static func holds(_ data: Data, _ file: URL) -> Bool {
        var info = stat()
        guard lstat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == data.count,
            let existing = try? Data(contentsOf: file)
        else { return false }
        return existing == data
    }
}
