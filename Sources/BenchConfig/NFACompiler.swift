/// One step of a compiled `NamePattern` (Thompson's construction).
enum NFAInstruction: Sendable, Equatable {
    /// Accept one scalar of the class and go on with the next instruction.
    case consume(ScalarClass)
    /// Follow both, the first preferred (preference does not matter for a yes/no match).
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case match
}

/// Pattern tree → instruction list. Counted repeats are written out, so the program size (and with
/// it the matching cost per character) is capped.
enum NFACompiler {
    static let maxInstructions = 20_000

    static func compile(_ node: PatternNode, pattern: String) throws(NamePatternError) -> [NFAInstruction] {
        var code: [NFAInstruction] = []
        try emit(node, into: &code, pattern: pattern)
        code.append(.match)
        return code
    }

    private static func emit(_ node: PatternNode, into code: inout [NFAInstruction], pattern: String) throws(NamePatternError) {
        guard code.count <= maxInstructions else {
            throw NamePatternError(
                pattern: pattern, offset: 0,
                reason: "the pattern is too large once its counted repetitions are written out (over \(maxInstructions) steps)")
        }
        switch node {
        case .empty:
            break
        case .scalar(let set):
            code.append(.consume(set))
        case .start:
            code.append(.assertStart)
        case .end:
            code.append(.assertEnd)
        case .sequence(let items):
            for item in items { try emit(item, into: &code, pattern: pattern) }
        case .choice(let branches):
            // split B1, next; B1; jump end; next: split B2, next2; B2; jump end; …; Bn; end:
            var exits: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    try emit(branch, into: &code, pattern: pattern)
                } else {
                    let split = code.count
                    code.append(.split(split + 1, split + 1))
                    try emit(branch, into: &code, pattern: pattern)
                    exits.append(code.count)
                    code.append(.jump(0))
                    code[split] = .split(split + 1, code.count)
                }
            }
            for exit in exits { code[exit] = .jump(code.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { try emit(inner, into: &code, pattern: pattern) }
            if let max {
                // Each optional copy may be skipped to the end.
                var skips: [Int] = []
                for _ in 0..<(max - min) {
                    skips.append(code.count)
                    code.append(.split(code.count + 1, code.count + 1))
                    try emit(inner, into: &code, pattern: pattern)
                }
                for skip in skips { code[skip] = .split(skip + 1, code.count) }
            } else {
                let loop = code.count
                code.append(.split(loop + 1, loop + 1))
                try emit(inner, into: &code, pattern: pattern)
                code.append(.jump(loop))
                code[loop] = .split(loop + 1, code.count)
            }
        }
    }
}
