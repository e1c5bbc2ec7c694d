import BenchModel
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

    /// The archives (`RunArchive`) of the quarters `periods`, in their order: each quarter's run
    /// list ("2026-Q4.html") and its CSV of medians ("2026-Q4.csv"), as file names in `runs/` and
    /// their text.
    func runArchives(_ context: ExportContext, periods: [String]) -> [RunArchiveFile] {
        let archives = RunsPageBuilder(index: context.index, options: context.options).archives(of: periods)
        // Quarters are independent of each other: build them on every core.
        return ParallelMap.map(archives) { period, page in
            [
                RunArchiveFile(
                    period: period, file: RunArchive.pageName(period: period), text: context.templates.render("archive", page)),
                RunArchiveFile(
                    period: period, file: RunArchive.dataName(period: period),
                    text: ArchiveDataBuilder(index: context.index).build(period: period)),
            ]
        }.flatMap { $0 }
    }
}

/// One file of a quarter's archive and its text.
struct RunArchiveFile: Sendable {
    var period: String
    var file: String
    var text: String
}
