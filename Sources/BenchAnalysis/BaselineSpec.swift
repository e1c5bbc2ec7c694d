/// Which earlier run a comparison is made against, as given by `--baseline`.
/// A path to a run file is not a spec: the command line loads that file itself.
public enum BaselineSpec: Sendable, Equatable {
    /// The newest earlier run on the same branch, else the newest earlier run on any branch (of
    /// the same machine and build configuration first; see `Baseline`).
    case previous
    /// A run by its id (a unique prefix of an id is accepted too).
    case runID(String)
    /// The newest run of that branch.
    case branch(String)
    /// The newest run of a commit, by full SHA or prefix.
    case commit(String)

    /// "previous", "branch:NAME", "commit:SHA", anything else is a run id.
    public static func parse(_ text: String) throws(BaselineSpecError) -> BaselineSpec {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { throw .empty }
        if trimmed == "previous" { return .previous }
        if trimmed.hasPrefix("branch:") {
            let name = String(trimmed.dropFirst("branch:".count)).trimmingSpaces
            guard !name.isEmpty else { throw .missingValue(kind: "branch", example: "branch:main") }
            return .branch(name)
        }
        if trimmed.hasPrefix("commit:") {
            let sha = String(trimmed.dropFirst("commit:".count)).trimmingSpaces.lowercased()
            guard !sha.isEmpty else { throw .missingValue(kind: "commit", example: "commit:abc1234") }
            guard sha.allSatisfy(\.isHexDigit) else { throw .notACommit(sha) }
            return .commit(sha)
        }
        return .runID(trimmed)
    }
}

public enum BaselineSpecError: Error, Equatable, CustomStringConvertible {
    case empty
    case missingValue(kind: String, example: String)
    case notACommit(String)

    public var description: String {
        switch self {
        case .empty:
            "The baseline is empty; use previous, a run id, branch:NAME, commit:SHA or a path to a run file."
        case .missingValue(let kind, let example):
            "The baseline names no \(kind); write it after the colon, for example \(example)."
        case .notACommit(let sha):
            "The baseline commit '\(sha)' is not a hexadecimal SHA; use commit: followed by a full or abbreviated SHA."
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
