/// One other tool's results format. Each format lives in a file of its own; `ImportFormat`
/// lists them.
protocol ResultImporter {
    /// Whether `document` has this format's shape, for `--format auto`. Cheap and strict
    /// enough that no two importers claim the same file.
    static func recognizes(_ document: JSONNode) -> Bool
    /// The benchmarks and context of `document`; the first thing wrong ends it.
    static func read(_ document: JSONNode) throws(ImportProblem) -> ImportedResults
}
