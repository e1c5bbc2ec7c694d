/// Recursive descent over the pattern's Unicode scalars:
/// choice := sequence ('|' sequence)*; sequence := repeat*; repeat := atom quantifier*.
struct NamePatternParser {
    /// Bounds above this would only blow up the program; no benchmark name needs them.
    static let maxCount = 1000

    private let pattern: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws(NamePatternError) -> (node: PatternNode, caseInsensitive: Bool) {
        var caseInsensitive = false
        if scalars.starts(with: Array("(?i)".unicodeScalars)) {
            caseInsensitive = true
            position = 4
        }
        let node = try choice()
        if position < scalars.count {
            // Only an unbalanced ')' stops `choice` early.
            throw error("')' closes no group")
        }
        return (node, caseInsensitive)
    }

    private func error(_ reason: String, at offset: Int? = nil) -> NamePatternError {
        NamePatternError(pattern: pattern, offset: offset ?? position, reason: reason)
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func choice() throws(NamePatternError) -> PatternNode {
        var branches = [try sequence()]
        while current == "|" {
            position += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .choice(branches)
    }

    private mutating func sequence() throws(NamePatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let next = current, next != "|", next != ")" {
            items.append(try repeated())
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func repeated() throws(NamePatternError) -> PatternNode {
        let atomStart = position
        var node = try atom()
        while let next = current {
            let bounds: (min: Int, max: Int?)
            switch next {
            case "*": bounds = (0, nil); position += 1
            case "+": bounds = (1, nil); position += 1
            case "?": bounds = (0, 1); position += 1
            case "{":
                guard let counted = try countedBounds() else { return node }
                bounds = counted
            default: return node
            }
            // A bare anchor cannot be repeated; a group can, even one holding only an anchor.
            if scalars[atomStart] != "(" {
                switch node {
                case .start, .end: throw error("a quantifier needs something to repeat", at: atomStart)
                default: break
                }
            }
            // A lazy quantifier matches the same names as a greedy one.
            if current == "?" { position += 1 }
            if current == "+" { throw error("possessive quantifiers are not supported") }
            node = .repeated(node, min: bounds.min, max: bounds.max)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) when the brace starts no count, so it is
    /// a literal `{` as in most regex dialects.
    private mutating func countedBounds() throws(NamePatternError) -> (min: Int, max: Int?)? {
        let open = position
        var index = position + 1
        func number(_ index: inout Int) -> Int? {
            var digits = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            return digits.isEmpty ? nil : Int(digits.prefix(9))
        }
        guard let low = number(&index) else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            high = number(&index)
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        position = index + 1
        if low > Self.maxCount || (high ?? 0) > Self.maxCount {
            throw error("repetition counts above \(Self.maxCount) are not supported", at: open)
        }
        if let high, high < low { throw error("{\(low),\(high)}: the maximum is below the minimum", at: open) }
        return (low, high)
    }

    private mutating func atom() throws(NamePatternError) -> PatternNode {
        guard let next = current else { throw error("the pattern ends too early") }
        let start = position
        position += 1
        switch next {
        case "(":
            if current == "?" {
                if position + 1 < scalars.count, scalars[position + 1] == ":" {
                    position += 2
                } else {
                    throw error("lookaround, named groups and inline flags (other than a leading (?i)) are not supported", at: start)
                }
            }
            let inner = try choice()
            guard current == ")" else { throw error("'(' is never closed", at: start) }
            position += 1
            return inner
        case "[": return .scalar(try bracketClass(start: start))
        case ".": return .scalar(.any)
        case "^": return .start
        case "$": return .end
        case "\\": return .scalar(try escape())
        case "*", "+", "?": throw error("a quantifier needs something to repeat", at: start)
        default: return .scalar(ScalarClass(single: next))
        }
    }

    /// After a backslash.
    private mutating func escape() throws(NamePatternError) -> ScalarClass {
        guard let next = current else { throw error("the pattern ends with a lone backslash", at: position - 1) }
        position += 1
        switch next {
        case "d": return .digit
        case "D": return ScalarClass.digit.inverted
        case "w": return .word
        case "W": return ScalarClass.word.inverted
        case "s": return .space
        case "S": return ScalarClass.space.inverted
        case "t": return ScalarClass(single: "\t")
        case "n": return ScalarClass(single: "\n")
        case "r": return ScalarClass(single: "\r")
        default:
            if next.properties.isAlphabetic || ("0"..."9").contains(next) {
                let what = ("1"..."9").contains(next) ? "backreferences" : "the escape \\\(Character(next))"
                throw error("\(what) \(("1"..."9").contains(next) ? "are" : "is") not supported", at: position - 2)
            }
            return ScalarClass(single: next)
        }
    }

    /// After `[`: items up to the closing `]`; a `]` first or a `-` first or last is literal.
    private mutating func bracketClass(start: Int) throws(NamePatternError) -> ScalarClass {
        var result = ScalarClass()
        if current == "^" {
            result.negated = true
            position += 1
        }
        var first = true
        while true {
            guard let next = current else { throw error("'[' is never closed", at: start) }
            if next == "]" && !first {
                position += 1
                return result
            }
            first = false
            position += 1
            var low: Unicode.Scalar
            if next == "\\" {
                let escaped = try escape()
                guard let single = escaped.singleScalar else {
                    result.include(escaped)
                    continue
                }
                low = single
            } else {
                low = next
            }
            // A range `a-z`, unless the `-` is the last item.
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard var high = current else { throw error("'[' is never closed", at: start) }
                position += 1
                if high == "\\" {
                    guard let single = try escape().singleScalar else {
                        throw error("a range cannot end in a class like \\d", at: position - 2)
                    }
                    high = single
                }
                guard low.value <= high.value else {
                    throw error("the range \(Character(low))-\(Character(high)) runs backwards", at: position - 3)
                }
                result.ranges.append(low.value...high.value)
            } else {
                result.ranges.append(low.value...low.value)
            }
        }
    }
}
