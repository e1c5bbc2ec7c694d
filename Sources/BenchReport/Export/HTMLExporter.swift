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
}
