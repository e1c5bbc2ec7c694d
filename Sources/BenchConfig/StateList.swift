/// The states live at one position, in insertion order, with O(1) membership.
struct StateList {
    private(set) var states: [Int] = []
    private var present: [Bool]

    init(size: Int) {
        present = Array(repeating: false, count: size)
        states.reserveCapacity(size)
    }

    /// False when the state was already there.
    mutating func insert(_ state: Int) -> Bool {
        if present[state] { return false }
        present[state] = true
        states.append(state)
        return true
    }

    mutating func clear() {
        for state in states { present[state] = false }
        states.removeAll(keepingCapacity: true)
    }
}
