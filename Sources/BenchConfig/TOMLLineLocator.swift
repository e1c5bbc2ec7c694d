/// Finds the line of a table header or a key in a TOML text.
///
/// TOMLKit 0.6.0 gives a position only for parse errors, never for the nodes of a parsed
/// document, so validation messages get their lines from this scan of the raw text. It runs only
/// on text toml++ has already accepted, so it can be small: it knows comments, the four string
/// forms (a `#` or `[` inside a string is not syntax) and values that span lines (arrays,
/// multi-line strings), which is all it needs to find where each statement starts.
struct TOMLLineLocator {
    /// A table as validation sees it: `[report]` is ("report", nil), the third
    /// `[[benchmark]]` is ("benchmark", 2), top-level keys live in ("", nil).
    struct Scope: Hashable {
        var table: String
        var index: Int?
    }

    private struct KeyRef: Hashable {
        var scope: Scope
        var path: [String]
    }

    private var headers: [Scope: Int] = [:]
    private var keys: [KeyRef: Int] = [:]
    /// The first `\u0000` (or `\U00000000`) escape in a string or quoted key. toml++ accepts it
    /// but hands strings over as C strings, which end there: the rest of the value would be
    /// dropped without a word, so validation refuses it with this position.
    private(set) var nulEscape: Scanner.Problem?

    init(text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run { event in
            switch event {
            case let .header(path, isArray, line): self.addHeader(path: path, isArray: isArray, line: line)
            case let .key(path, line): self.addKey(path: path, line: line)
            }
        }
        nulEscape = scanner.nulEscape
    }

    /// The line of `[table]` or of the `index`-th `[[table]]` (0-based).
    func line(ofTable table: String, index: Int? = nil) -> Int? {
        headers[Scope(table: table, index: index)]
    }

    /// The line of `key` (a dotted path such as ["env", "NODE_ENV"]) inside a table; when the exact
    /// key is not written on a line of its own (an inline table), the line of its nearest parent.
    func line(ofKey path: [String], inTable table: String, index: Int? = nil) -> Int? {
        let scope = Scope(table: table, index: index)
        var path = path
        while !path.isEmpty {
            if let line = keys[KeyRef(scope: scope, path: path)] { return line }
            path.removeLast()
        }
        return headers[scope]
    }

    /// The first spot toml++ cannot be trusted to refuse (see `Scanner.noteMalformedHeader` and
    /// `Scanner.noteMalformedElement`): its line, column and what is wrong; nil when there is none.
    static func unsafeSyntax(in text: String) -> Scanner.Problem? {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run { _ in }
        return scanner.problem
    }

    // MARK: - Building the index

    private var arrayOrdinals: [String: Int] = [:]
    private var current = Scope(table: "", index: nil)
    private var currentPrefix: [String] = []

    private mutating func addHeader(path: [String], isArray: Bool, line: Int) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if isArray {
                let ordinal = arrayOrdinals[first].map { $0 + 1 } ?? 0
                arrayOrdinals[first] = ordinal
                current = Scope(table: first, index: ordinal)
            } else {
                current = Scope(table: first, index: nil)
            }
            currentPrefix = []
            record(header: current, line: line)
        } else {
            // `[benchmark.env]` belongs to the latest `[[benchmark]]`; `[report.x]` to `[report]`.
            current = Scope(table: first, index: arrayOrdinals[first])
            currentPrefix = Array(path.dropFirst())
            record(header: current, line: line)
            recordKey(scope: current, path: currentPrefix, line: line)
        }
    }

    private mutating func addKey(path: [String], line: Int) {
        let full = currentPrefix + path
        if current.table.isEmpty, full.count > 1 {
            // A dotted key at the top (`report.title = "x"`) is a key of that table.
            let scope = Scope(table: full[0], index: arrayOrdinals[full[0]])
            record(header: scope, line: line)
            recordKey(scope: scope, path: Array(full.dropFirst()), line: line)
        } else {
            recordKey(scope: current, path: full, line: line)
        }
    }

    private mutating func record(header scope: Scope, line: Int) {
        if headers[scope] == nil { headers[scope] = line }
    }

    private mutating func recordKey(scope: Scope, path: [String], line: Int) {
        for length in 1...max(path.count, 1) where length <= path.count {
            let ref = KeyRef(scope: scope, path: Array(path.prefix(length)))
            if keys[ref] == nil { keys[ref] = line }
        }
    }
}
