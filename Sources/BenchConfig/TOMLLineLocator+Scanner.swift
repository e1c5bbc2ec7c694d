/// The scanner behind `TOMLLineLocator`: a single pass over config.toml's bytes that reports
/// table headers and keys with their lines, and the syntax it cannot accept.
extension TOMLLineLocator {
    enum Event {
        case header(path: [String], isArray: Bool, line: Int)
        case key(path: [String], line: Int)
    }

    /// A statement-level scan over UTF-8 bytes: every byte that matters to TOML syntax is ASCII.
    struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        struct Problem: Equatable {
            var line: Int
            var column: Int
            var message: String
        }

        /// The first header or array element toml++ 3 asserts on (built without assertions, it
        /// assumes them): parsed, such input aborts the process instead of raising a parse error.
        private(set) var problem: Problem?
        /// The first escape that stands for U+0000 inside a basic string (see `nulEscape`).
        private(set) var nulEscape: Problem?

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A byte order mark is not part of the first statement.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        private static let newline = UInt8(ascii: "\n")
        private static let hash = UInt8(ascii: "#")
        private static let quote = UInt8(ascii: "\"")
        private static let apostrophe = UInt8(ascii: "'")
        private static let backslash = UInt8(ascii: "\\")

        mutating func run(_ emit: (Event) -> Void) {
            while i < bytes.count {
                skipBlanks()
                guard i < bytes.count else { break }
                let c = bytes[i]
                if c == Self.newline {
                    line += 1
                    i += 1
                } else if c == Self.hash {
                    skipToEndOfLine()
                } else if c == UInt8(ascii: "[") {
                    let isArray = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[")
                    i += isArray ? 2 : 1
                    let headerLine = line
                    noteMalformedHeader()
                    let path = keyPath()
                    skipToEndOfLine()
                    emit(.header(path: path, isArray: isArray, line: headerLine))
                } else {
                    let keyLine = line
                    let path = keyPath()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "=") { i += 1 }
                    emit(.key(path: path, line: keyLine))
                    skipValue()
                }
            }
        }

        /// A header's name must start with a bare-key character or a quote: toml++ asserts so, and
        /// `[!x]`, `[.x]` or `[\u{1B}x]` would abort the process.
        private mutating func noteMalformedHeader() {
            guard problem == nil else { return }
            var j = i
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            guard j < bytes.count else { return }
            let c = bytes[j]
            let isBare = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
            // An empty name (`[]`, `[ ]`, end of file) is a parse error toml++ reports itself;
            // the end of a line is not.
            if isBare || c == Self.quote || c == Self.apostrophe || c == UInt8(ascii: "]") { return }
            note(at: j, line: line, "a table name starts with a letter, a digit, '_', '-' or a quote")
        }

        /// Where an array element starts (after `[` or `,`, blanks, line breaks and comments),
        /// `}` and the Unicode line breaks U+0085, U+2028 and U+2029 make toml++ assert.
        private mutating func noteMalformedElement(from start: Int) {
            guard problem == nil else { return }
            var j = start
            var elementLine = line
            while j < bytes.count {
                let c = bytes[j]
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                    j += 1
                } else if c == Self.newline {
                    elementLine += 1
                    j += 1
                } else if c == Self.hash {
                    while j < bytes.count, bytes[j] != Self.newline { j += 1 }
                } else {
                    break
                }
            }
            guard j < bytes.count else { return }
            let rest = bytes[j...]
            if bytes[j] == UInt8(ascii: "}") || rest.starts(with: [0xC2, 0x85]) || rest.starts(with: [0xE2, 0x80, 0xA8])
                || rest.starts(with: [0xE2, 0x80, 0xA9])
            {
                note(at: j, line: elementLine, "expected a value or ']' in the array")
            }
        }

        private mutating func note(at position: Int, line: Int, _ message: String) {
            problem = Problem(line: line, column: column(of: position), message: message)
        }

        private func column(of position: Int) -> Int {
            var lineStart = position
            while lineStart > 0, bytes[lineStart - 1] != Self.newline { lineStart -= 1 }
            return String(decoding: bytes[lineStart..<position], as: UTF8.self).count + 1
        }

        /// With `i` on a backslash inside a basic string: notes the escape when it is `\u0000`
        /// or `\U00000000`.
        private mutating func noteNulEscape() {
            guard nulEscape == nil, i + 1 < bytes.count else { return }
            let width: Int
            switch bytes[i + 1] {
            case UInt8(ascii: "u"): width = 4
            case UInt8(ascii: "U"): width = 8
            default: return
            }
            let digits = bytes.dropFirst(i + 2).prefix(width)
            guard digits.count == width, digits.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return }
            let escape = String(decoding: bytes[i..<(i + 2 + width)], as: UTF8.self)
            nulEscape = Problem(
                line: line, column: column(of: i),
                message: "\(escape) is a NUL character, which would cut the string short (programs, file names "
                    + "and environment variables end at it); remove it")
        }

        private mutating func skipBlanks() {
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")
                || bytes[i] == UInt8(ascii: "\r")
            {
                i += 1
            }
        }

        private mutating func skipToEndOfLine() {
            while i < bytes.count, bytes[i] != Self.newline { i += 1 }
        }

        /// `a.b."c d".'e'` up to `=` or `]`, leaving the index on that terminator.
        private mutating func keyPath() -> [String] {
            var path: [String] = []
            while i < bytes.count {
                skipBlanks()
                guard i < bytes.count else { break }
                let c = bytes[i]
                if c == Self.quote {
                    path.append(basicString())
                } else if c == Self.apostrophe {
                    path.append(literalString())
                } else {
                    let start = i
                    while i < bytes.count, !Self.endsBareKey(bytes[i]) { i += 1 }
                    path.append(String(decoding: bytes[start..<i], as: UTF8.self))
                }
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { break }
                i += 1
            }
            return path
        }

        private static func endsBareKey(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: ".") || c == UInt8(ascii: "=")
                || c == UInt8(ascii: "]") || c == newline || c == UInt8(ascii: "\r") || c == hash
        }

        /// A one-line `"…"` key, unescaped for the common escapes (keys rarely need more).
        private mutating func basicString() -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != Self.quote, bytes[i] != Self.newline {
                if bytes[i] == Self.backslash, i + 1 < bytes.count {
                    noteNulEscape()
                    i += 1
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(Self.newline)
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                    case UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let width = bytes[i] == UInt8(ascii: "u") ? 4 : 8
                        let end = min(i + 1 + width, bytes.count)
                        let hex = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                        if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                            out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        }
                        i = end - 1
                    default: out.append(bytes[i])
                    }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            if i < bytes.count, bytes[i] == Self.quote { i += 1 }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func literalString() -> String {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != Self.apostrophe, bytes[i] != Self.newline { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if i < bytes.count, bytes[i] == Self.apostrophe { i += 1 }
            return text
        }

        private func startsTriple(_ q: UInt8) -> Bool {
            i + 2 < bytes.count && bytes[i] == q && bytes[i + 1] == q && bytes[i + 2] == q
        }

        /// Skips a value to the end of its statement: past nested brackets, strings and comments,
        /// counting the lines a multi-line value spans.
        private mutating func skipValue() {
            var depth = 0
            // The open brackets, innermost last: a `,` starts an array element only inside `[`.
            var open: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                switch c {
                case Self.quote, Self.apostrophe:
                    if startsTriple(c) { skipMultiLineString(c) } else { skipOneLineString(c) }
                case Self.hash:
                    skipToEndOfLine()
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    open.append(c)
                    i += 1
                    if c == UInt8(ascii: "[") { noteMalformedElement(from: i) }
                case UInt8(ascii: ","):
                    i += 1
                    if open.last == UInt8(ascii: "[") { noteMalformedElement(from: i) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if !open.isEmpty { open.removeLast() }
                    i += 1
                case Self.newline:
                    line += 1
                    i += 1
                    if depth <= 0 { return }
                default:
                    i += 1
                }
            }
        }

        private mutating func skipOneLineString(_ q: UInt8) {
            i += 1
            while i < bytes.count, bytes[i] != q, bytes[i] != Self.newline {
                if q == Self.quote, bytes[i] == Self.backslash {
                    noteNulEscape()
                    i += 1
                }
                i += 1
            }
            if i < bytes.count, bytes[i] == q { i += 1 }
        }

        private mutating func skipMultiLineString(_ q: UInt8) {
            i += 3
            while i < bytes.count {
                if startsTriple(q) {
                    i += 3
                    // Up to two quotes may sit right before the closing delimiter: `""""" `.
                    var extra = 0
                    while extra < 2, i < bytes.count, bytes[i] == q {
                        i += 1
                        extra += 1
                    }
                    return
                }
                if q == Self.quote, bytes[i] == Self.backslash {
                    noteNulEscape()
                    i += 1
                    guard i < bytes.count else { return }
                }
                if bytes[i] == Self.newline { line += 1 }
                i += 1
            }
        }
    }
}
