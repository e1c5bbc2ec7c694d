/// summary.md: see `SummaryBuilder` for what it holds and how it stays under the comment limit.
struct MarkdownExporter: Exporter {
    func export(_ context: ExportContext) -> String {
        SummaryBuilder(index: context.index, status: context.status, options: context.options).render(with: context.templates)
    }
}
