/// "Did you mean …?" for a misspelt key or name.
public enum Suggestion {
    /// The closest candidate, when it is close enough to be a likely typo: a case-only difference,
    /// or an edit distance (with transpositions) of at most a third of the word, and at least 1.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            if candidate.lowercased() == lowered { return candidate }
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        // A word cut short ("timeout" for "timeout_ms") is a likely slip too.
        if lowered.count >= 4, let extended = candidates.first(where: { $0.lowercased().hasPrefix(lowered) }) {
            if (best?.distance ?? Int.max) > 1 { return extended }
        }
        guard let best else { return nil }
        let allowed = max(1, min(lowered.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions ("iteratoins") each cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// "; did you mean 'x'?" or "".
    static func hint(for word: String, in candidates: [String], quote: (String) -> String = { "'\($0)'" })
        -> String
    {
        closest(to: word, in: candidates).map { "; did you mean \(quote($0))?" } ?? ""
    }
}
