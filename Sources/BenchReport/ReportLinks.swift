/// Links to places outside the report: commits on the repository's site, benchmark pages on
/// the published dashboard. Both addresses come from `[report]` (validated there); without
/// them every link is nil, so the pages keep no external URL at all.
struct ReportLinks: Sendable {
    /// "https://github.com/OWNER/NAME", no trailing slash.
    var repositoryURL: String?
    /// "https://…/", with a trailing slash.
    var siteURL: String?

    init(repositoryURL: String?, siteURL: String?) {
        self.repositoryURL = repositoryURL.flatMap(Self.safe).map { address in
            var trimmed = Substring(address)
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            return String(trimmed)
        }.flatMap { $0.isEmpty ? nil : $0 }
        self.siteURL = siteURL.flatMap(Self.safe).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// config.toml's addresses are validated where they are read; a library caller's are only
    /// kept when they are plain http(s) addresses that cannot break out of an href or a Markdown link.
    private static func safe(_ address: String) -> String? {
        let lower = address.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && !"\"'<>()[]`\\ ".unicodeScalars.contains($0) })
        else { return nil }
        return address
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
