import Foundation

/// A fenced code block of a Markdown page, with the `<!-- snippet: … -->` marker written on the
/// line before it, if any. The marker says where the block comes from, so a test can hold the
/// quote to its source instead of trusting that someone copied it by hand.
struct DocSnippet: Equatable {
    /// What the marker names.
    enum Source: Equatable {
        /// The block must appear in this file (relative to the package root) as whole lines, verbatim.
        case file(String)
        /// The block must be exactly lines `lines` (1-based) of this file.
        case lines(String, ClosedRange<Int>)
        /// A fragment that appears in no file (allowed for TOML only, which must then load as a config).
        case illustrative
    }

    /// The word after the opening fence: `yaml`, `toml`, `swift`, …
    var language: String
    /// 1-based line of the opening fence in its page.
    var line: Int
    var source: Source?
    var text: String

    static let markerPrefix = "<!-- snippet:"

    /// Every fenced block of `markdown`, and the lines of markers that no block follows.
    static func parse(_ markdown: String) -> (snippets: [DocSnippet], strayMarkers: [Int]) {
        let lines = markdown.components(separatedBy: "\n")
        var snippets: [DocSnippet] = []
        var strayMarkers: [Int] = []
        var pendingMarker: (line: Int, source: Source?)?
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(markerPrefix) {
                if let pending = pendingMarker { strayMarkers.append(pending.line) }
                pendingMarker = (index + 1, source(ofMarker: trimmed))
                index += 1
                continue
            }
            if let fence = openingFence(lines[index]) {
                var body: [String] = []
                var end = index + 1
                while end < lines.count, !isClosingFence(lines[end], ticks: fence.ticks) {
                    body.append(dropIndent(lines[end], upTo: fence.indent))
                    end += 1
                }
                snippets.append(DocSnippet(
                    language: fence.language, line: index + 1, source: pendingMarker?.source,
                    text: body.joined(separator: "\n")))
                pendingMarker = nil
                index = end + 1
                continue
            }
            // A marker applies to the fence right after it; a line of text in between orphans it.
            if !trimmed.isEmpty, let pending = pendingMarker {
                strayMarkers.append(pending.line)
                pendingMarker = nil
            }
            index += 1
        }
        if let pending = pendingMarker { strayMarkers.append(pending.line) }
        return (snippets, strayMarkers)
    }

    /// `<!-- snippet: PATH -->`, `<!-- snippet: PATH#L3-L9 -->` or `<!-- snippet: illustrative -->`;
    /// nil for a marker of any other shape.
    static func source(ofMarker marker: String) -> Source? {
        guard marker.hasSuffix("-->") else { return nil }
        let inner = marker.dropFirst(markerPrefix.count).dropLast(3).trimmingCharacters(in: .whitespaces)
        if inner.isEmpty { return nil }
        if inner == "illustrative" { return .illustrative }
        guard let hash = inner.firstIndex(of: "#") else { return .file(inner) }
        let path = String(inner[..<hash])
        let range = inner[inner.index(after: hash)...].split(separator: "-")
        guard range.count == 2, range[0].hasPrefix("L"), range[1].hasPrefix("L"),
              let first = Int(range[0].dropFirst()), let last = Int(range[1].dropFirst()),
              first >= 1, first <= last
        else { return nil }
        return .lines(path, first...last)
    }

    /// Why `text` does not match `fileText` as `source` says it should, or nil when it does.
    static func mismatch(_ text: String, source: Source, fileText: String) -> String? {
        let wanted = text.components(separatedBy: "\n")
        var have = fileText.components(separatedBy: "\n")
        if have.last == "" { have.removeLast() }
        switch source {
        case .illustrative:
            return nil
        case .file:
            guard !text.isEmpty else { return "the block is empty" }
            guard wanted.count <= have.count else { return "the block is longer than the file" }
            for start in 0...(have.count - wanted.count) where Array(have[start..<(start + wanted.count)]) == wanted {
                return nil
            }
            let firstMissing = wanted.first { !have.contains($0) } ?? wanted[0]
            return "the block does not appear in the file verbatim (first line not found, or lines out of order: \(firstMissing.debugDescription))"
        case let .lines(_, range):
            guard range.upperBound <= have.count else { return "the file has only \(have.count) lines" }
            let quoted = Array(have[(range.lowerBound - 1)..<range.upperBound])
            return quoted == wanted ? nil : "the block differs from lines \(range.lowerBound)–\(range.upperBound) of the file"
        }
    }

    private static func openingFence(_ line: String) -> (ticks: Int, indent: Int, language: String)? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        let ticks = rest.prefix { $0 == "`" }.count
        guard indent <= 3, ticks >= 3 else { return nil }
        let info = rest.dropFirst(ticks).trimmingCharacters(in: .whitespaces)
        // An info string with a backtick is inline code (```` ```yaml ````), not a fence.
        guard !info.contains("`") else { return nil }
        return (ticks, indent, String(info.split(separator: " ").first ?? ""))
    }

    private static func isClosingFence(_ line: String, ticks: Int) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= ticks && trimmed.allSatisfy { $0 == "`" }
    }

    private static func dropIndent(_ line: String, upTo indent: Int) -> String {
        String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))
    }
}
