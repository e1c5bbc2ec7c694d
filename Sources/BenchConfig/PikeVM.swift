/// Runs a compiled `NamePattern` over a text: every live state of the NFA advances in lockstep, one
/// scalar at a time, and a state already on the list for this position is never added twice. That
/// bounds the work by (text length + 1) × (program size), whatever the pattern.
struct PikeVM {
    let program: NFAProgram

    /// Whether the program matches a substring of `text` (a new thread starts at every position).
    func search(_ text: [Unicode.Scalar], caseInsensitive: Bool) -> Bool {
        let code = program.code
        var current = StateList(size: code.count)
        var next = StateList(size: code.count)
        var stack: [Int] = []
        for position in 0...text.count {
            if add(0, at: position, end: text.count, to: &current, stack: &stack) { return true }
            guard position < text.count else { return false }
            let scalar = text[position]
            let variants = caseInsensitive ? Self.caseVariants(of: scalar) : []
            next.clear()
            for pc in current.states where accepts(code[pc], scalar.value, variants) {
                if add(pc + 1, at: position + 1, end: text.count, to: &next, stack: &stack) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Whether a consuming step takes the scalar (or, for `(?i)`, one of its case variants).
    private func accepts(_ instruction: NFAInstruction, _ value: UInt32, _ variants: [UInt32]) -> Bool {
        switch instruction {
        case .range(let low, let high):
            return (low...high).contains(value) || variants.contains { (low...high).contains($0) }
        case .set(let index):
            let ranges = program.sets[index]
            return ranges.contains { $0.contains(value) } || variants.contains { variant in ranges.contains { $0.contains(variant) } }
        default:
            return false
        }
    }

    /// Adds `start` and every state reachable from it without consuming; true when one of them is a match.
    private func add(_ start: Int, at position: Int, end: Int, to list: inout StateList, stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program.code[pc] {
            case .range, .set: break
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .jump(let target): stack.append(target)
            case .assertStart: if position == 0 { stack.append(pc + 1) }
            case .assertEnd: if position == end { stack.append(pc + 1) }
            case .match: return true
            }
        }
        return false
    }

    /// The simple lower- and upper-case mappings of a scalar, for `(?i)`.
    private static func caseVariants(of scalar: Unicode.Scalar) -> [UInt32] {
        [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping].compactMap { mapped in
            let scalars = mapped.unicodeScalars
            return scalars.count == 1 ? scalars.first?.value : nil
        }
    }
}
