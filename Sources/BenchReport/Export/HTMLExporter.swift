/// The static site: index.html (the dashboard) as this format's document, and the pages that
/// go with it. `ReportRenderer.write` puts them into the output folder.
struct HTMLExporter: Exporter {
    func export(_ context: ExportContext) -> String {
        let page = DashboardBuilder(index: context.index, status: context.status, options: context.options).build()
        return context.templates.render("index", page)
    }

    func runsPage(_ context: ExportContext) -> String {
        context.templates.render("runs", RunsPageBuilder(index: context.index, options: context.options).build())
    }

    func stylesheet(_ context: ExportContext) -> String {
        context.templates.render("style.css", context.options)
    }

    func benchmarkPage(_ context: ExportContext, name: String) -> String {
        context.templates.render("benchmark", BenchmarkPageBuilder(index: context.index, options: context.options).build(name: name))
    }

    /// The archive pages of one benchmark's older runs: file name ("2026-11.html") and text, oldest month first.
    func archivePages(_ context: ExportContext, name: String) -> [(file: String, text: String)] {
        ArchivePageBuilder(index: context.index, options: context.options).build(name: name).map { period, page in
            (RunArchive.fileName(period: period), context.templates.render("archive", page))
        }
    }

    /// One month's archive page of `ArchivePageBuilder.periods(name:)`.
    func archivePage(_ context: ExportContext, name: String, period: String, members: [HistoryIndex.Entry]) -> String {
        let page = ArchivePageBuilder(index: context.index, options: context.options).page(name: name, period: period, members: members)
        return context.templates.render("archive", page)
    }
}
