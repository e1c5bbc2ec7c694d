/// One step of a compiled `NamePattern` (Thompson's construction).
enum NFAInstruction: Sendable, Equatable {
    /// Accept one scalar in the range and go on with the next instruction.
    case range(UInt32, UInt32)
    /// Accept one scalar in any range of `NFAProgram.sets[index]`.
    case set(Int)
    /// Follow both, the first preferred (preference does not matter for a yes/no match).
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case match
}

/// A compiled pattern: instructions, and the character sets of `.set` steps. Plain values only in
/// the instructions, so stepping through them costs no reference counting.
struct NFAProgram: Sendable {
    var code: [NFAInstruction] = []
    var sets: [[ClosedRange<UInt32>]] = []
}
