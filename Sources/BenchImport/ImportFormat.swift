/// The formats `benchboard import` reads, by the name `--format` takes and run files record.
public enum ImportFormat: String, CaseIterable, Sendable {
    case hyperfine
    case googleBenchmark = "google-benchmark"
    case pytestBenchmark = "pytest-benchmark"
    case packageBenchmark = "package-benchmark"

    var importer: any ResultImporter.Type {
        switch self {
        case .hyperfine: HyperfineImporter.self
        case .googleBenchmark: GoogleBenchmarkImporter.self
        case .pytestBenchmark: PytestBenchmarkImporter.self
        case .packageBenchmark: PackageBenchmarkImporter.self
        }
    }

    /// The one format whose shape `document` has.
    static func detect(_ document: JSONNode) throws(ImportProblem) -> ImportFormat {
        guard let format = allCases.first(where: { $0.importer.recognizes(document) }) else { throw .unrecognized }
        return format
    }
}
