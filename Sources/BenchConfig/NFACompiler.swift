/// Pattern tree → instruction list. Counted repeats are written out, so the program size (and with
/// it the matching cost per character) is capped.
enum NFACompiler {
    static let maxInstructions = 20_000

    static func compile(_ node: PatternNode, pattern: String) throws(NamePatternError) -> NFAProgram {
        var program = NFAProgram()
        try emit(node, into: &program, pattern: pattern)
        program.code.append(.match)
        return program
    }

    private static func emit(_ node: PatternNode, into program: inout NFAProgram, pattern: String) throws(NamePatternError) {
        guard program.code.count <= maxInstructions else {
            throw NamePatternError(
                pattern: pattern, offset: 0,
                reason: "the pattern is too large once its counted repetitions are written out (over \(maxInstructions) steps)")
        }
        switch node {
        case .empty:
            break
        case .scalar(let set):
            let ranges = set.flattened
            if ranges.count == 1, let only = ranges.first {
                program.code.append(.range(only.lowerBound, only.upperBound))
            } else {
                // An empty set (e.g. [^\\d\\D]) matches nothing: a `.set` with no ranges.
                program.code.append(.set(program.sets.count))
                program.sets.append(ranges)
            }
        case .start:
            program.code.append(.assertStart)
        case .end:
            program.code.append(.assertEnd)
        case .sequence(let items):
            for item in items { try emit(item, into: &program, pattern: pattern) }
        case .choice(let branches):
            // split B1, next; B1; jump end; next: split B2, next2; B2; jump end; …; Bn; end:
            var exits: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index == branches.count - 1 {
                    try emit(branch, into: &program, pattern: pattern)
                } else {
                    let split = program.code.count
                    program.code.append(.split(split + 1, split + 1))
                    try emit(branch, into: &program, pattern: pattern)
                    exits.append(program.code.count)
                    program.code.append(.jump(0))
                    program.code[split] = .split(split + 1, program.code.count)
                }
            }
            for exit in exits { program.code[exit] = .jump(program.code.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { try emit(inner, into: &program, pattern: pattern) }
            if let max {
                // Each optional copy may be skipped to the end.
                var skips: [Int] = []
                for _ in 0..<(max - min) {
                    skips.append(program.code.count)
                    program.code.append(.split(program.code.count + 1, program.code.count + 1))
                    try emit(inner, into: &program, pattern: pattern)
                }
                for skip in skips { program.code[skip] = .split(skip + 1, program.code.count) }
            } else {
                let loop = program.code.count
                program.code.append(.split(loop + 1, loop + 1))
                try emit(inner, into: &program, pattern: pattern)
                program.code.append(.jump(loop))
                program.code[loop] = .split(loop + 1, program.code.count)
            }
        }
    }
}
