/// Numbers the benchmark names of a history's runs, one run after another. Most runs list the
/// same benchmarks in the same order as the run before, so a name is first compared with the one
/// at its position in that run, and hashed only when it differs: a history of 5000 runs and 300
/// benchmarks otherwise hashes 1.5 million names for every pass over it.
public struct NameNumbering: Sendable {
    /// Each name once, by number, in order of first appearance.
    public private(set) var names: [String] = []
    private var numbers: [String: Int] = [:]
    /// The numbers of the run before's names, by position, and of this run's so far.
    private var previous: [Int] = []
    private var current: [Int] = []

    public init() {}

    /// Starts the next run's names.
    public mutating func nextRun() {
        swap(&previous, &current)
        current.removeAll(keepingCapacity: true)
    }

    /// The number of the run's next name, `name`.
    public mutating func number(of name: String) -> Int {
        let position = current.count
        let number: Int
        if position < previous.count, names[previous[position]] == name {
            number = previous[position]
        } else if let known = numbers[name] {
            number = known
        } else {
            number = names.count
            names.append(name)
            numbers[name] = number
        }
        current.append(number)
        return number
    }
}
