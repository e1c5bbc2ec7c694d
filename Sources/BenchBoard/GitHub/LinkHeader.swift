import Foundation

/// The `Link` header of a paginated GitHub response:
/// `<https://api.github.com/…&page=2>; rel="next", <…&page=5>; rel="last"`.
enum LinkHeader {
    /// The URL marked `rel="next"`, or nil on the last page.
    static func next(_ header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let relations = parts.dropFirst().filter { $0.hasPrefix("rel=") }
                .flatMap { $0.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ") }
            if relations.contains("next") {
                return String(target.dropFirst().dropLast())
            }
        }
        return nil
    }
}
