/// File-name-safe, unique identifiers for benchmark pages. Only `a-z`, `0-9` and `-` survive,
/// so no name can climb out of the `benchmarks/` folder or clash with another page.
public enum Slug {
    static let maximumLength = 60

    public static func make(_ name: String, taken: inout Set<String>) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            let isSafe = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isSafe {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
                if slug.count >= maximumLength { break }
            } else {
                pendingDash = true
            }
        }
        if slug.isEmpty { slug = "benchmark" }
        var candidate = slug
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(slug)-\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
