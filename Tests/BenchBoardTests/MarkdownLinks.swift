import Foundation

/// The links and headings of a Markdown page, read the way GitHub renders it closely enough for
/// the pages of this repository: code blocks and code spans hold no links, and a heading's anchor
/// is its text in lower case with punctuation dropped and spaces turned into hyphens.
enum MarkdownLinks {
    /// The target of every `[text](target)` and `![alt](target)` outside code.
    static func targets(in markdown: String) -> [(line: Int, target: String)] {
        var found: [(Int, String)] = []
        for (number, line) in proseLines(markdown) {
            let prose = withoutCodeSpans(line)
            var rest = Substring(prose)
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                let inside = after[..<close].trimmingCharacters(in: .whitespaces)
                // `(path "title")`: the title is not part of the target.
                let target = inside.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                found.append((number, target))
                rest = after[after.index(after: close)...]
            }
        }
        return found
    }

    /// The anchors GitHub gives the page's headings, with `-1`, `-2` … for repeated ones.
    static func anchors(in markdown: String) -> Set<String> {
        var anchors: Set<String> = []
        var seen: [String: Int] = [:]
        for (_, line) in proseLines(markdown) where line.hasPrefix("#") {
            let level = line.prefix { $0 == "#" }.count
            guard level <= 6, line.dropFirst(level).first == " " else { continue }
            let base = slug(String(line.dropFirst(level)))
            let count = seen[base, default: 0]
            seen[base] = count + 1
            anchors.insert(count == 0 ? base : "\(base)-\(count)")
        }
        return anchors
    }

    static func slug(_ heading: String) -> String {
        var slug = ""
        for character in heading.trimmingCharacters(in: .whitespaces).lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }

    /// Lines outside fenced code blocks, numbered from 1.
    private static func proseLines(_ markdown: String) -> [(Int, String)] {
        var lines: [(Int, String)] = []
        var fence: String?
        for (index, line) in markdown.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let ticks = String(trimmed.prefix { $0 == "`" })
            if let open = fence {
                if ticks.count >= open.count, trimmed.allSatisfy({ $0 == "`" }) { fence = nil }
                continue
            }
            if ticks.count >= 3, !trimmed.dropFirst(ticks.count).contains("`") {
                fence = ticks
                continue
            }
            lines.append((index + 1, line))
        }
        return lines
    }

    /// The line with every code span (`` `…` ``, ```` ``…`` ````) replaced by a placeholder.
    private static func withoutCodeSpans(_ line: String) -> String {
        var result = ""
        var rest = Substring(line)
        while let start = rest.firstIndex(of: "`") {
            result += rest[..<start]
            let ticks = rest[start...].prefix { $0 == "`" }
            let afterOpen = rest[ticks.endIndex...]
            guard let close = afterOpen.range(of: String(ticks)) else {
                result += rest[start...]
                return result
            }
            result += "code"
            rest = afterOpen[close.upperBound...]
        }
        return result + rest
    }
}
