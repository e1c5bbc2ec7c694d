/// Links to places outside the report: commits on the repository's site, benchmark pages on
/// the published dashboard. Both addresses come from `[report]` (validated there); without
/// them every link is nil, so the pages keep no external URL at all.
struct ReportLinks: Sendable {
    /// "https://github.com/OWNER/NAME", no trailing slash.
    var repositoryURL: String?
    /// "https://…/", with a trailing slash.
    var siteURL: String?

    init(repositoryURL: String?, siteURL: String?) {
        self.repositoryURL = repositoryURL.map { address in
            var trimmed = Substring(address)
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            return String(trimmed)
        }.flatMap { $0.isEmpty ? nil : $0 }
        self.siteURL = siteURL.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// `<repository>/commit/<sha>` for a hexadecimal commit id; nil otherwise (a run outside git
    /// has none, and nothing else may reach an href).
    func commit(_ sha: String?) -> String? {
        guard let repositoryURL, let sha, (4...64).contains(sha.count), sha.allSatisfy(\.isHexDigit) else { return nil }
        return repositoryURL + "/commit/" + sha
    }

    /// The published page of one benchmark, for summary.md.
    func benchmarkPage(slug: String) -> String? {
        siteURL.map { $0 + "benchmarks/" + slug + ".html" }
    }

    /// The published dashboard.
    var dashboard: String? { siteURL.map { $0 + "index.html" } }
}
