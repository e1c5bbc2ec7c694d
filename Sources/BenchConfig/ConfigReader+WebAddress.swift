import Foundation
import TOMLKit

extension ConfigReader {
    enum WebAddressKind {
        /// A repository page: commits are `<address>/commit/<sha>`.
        case repository
        /// The published dashboard: pages are `<address>benchmarks/<slug>.html`.
        case site
    }

    /// An http(s) address without query, fragment, spaces or quotes, normalised: a repository
    /// loses its trailing slash and ".git", a site gains a trailing slash. The pages put it in
    /// an href as is, so anything a browser would read differently from what was written is refused.
    mutating func webAddress(_ table: TOMLTable, _ key: String, _ site: Site, kind: WebAddressKind) -> String? {
        guard let text = string(table, key, site) else { return nil }
        let example = kind == .repository ? "\"https://github.com/OWNER/NAME\"" : "\"https://OWNER.github.io/NAME/\""
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/:%@+"))
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil,
            text.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) })
        else {
            problem("'\(key)' must be an http(s) address such as \(example) (no query, fragment or spaces), got \"\(text)\"",
                at: site, key: [key])
            return nil
        }
        var address = text
        switch kind {
        case .repository:
            while address.hasSuffix("/") { address.removeLast() }
            if address.hasSuffix(".git") { address.removeLast(4) }
            guard components.path.split(separator: "/").count >= 2 else {
                problem("'\(key)' must name a repository such as \(example), got \"\(text)\"", at: site, key: [key])
                return nil
            }
        case .site:
            if !address.hasSuffix("/") { address += "/" }
        }
        return address
    }
}
