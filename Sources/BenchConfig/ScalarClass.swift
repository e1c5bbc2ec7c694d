/// A set of Unicode scalars one step of a `NamePattern` accepts: ranges, classes nested from
/// escapes such as `\D` inside brackets, and an optional negation of the whole.
struct ScalarClass: Sendable, Equatable {
    var ranges: [ClosedRange<UInt32>] = []
    var nested: [ScalarClass] = []
    var negated = false

    init(ranges: [ClosedRange<UInt32>] = [], negated: Bool = false) {
        self.ranges = ranges
        self.negated = negated
    }

    init(single scalar: Unicode.Scalar) {
        ranges = [scalar.value...scalar.value]
    }

    /// `.`: the negation of nothing.
    static let any = ScalarClass(negated: true)
    static let digit = ScalarClass(ranges: [0x30...0x39])
    static let word = ScalarClass(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    static let space = ScalarClass(ranges: [0x09...0x0D, 0x20...0x20])

    var inverted: ScalarClass {
        var copy = self
        copy.negated.toggle()
        return copy
    }

    /// The one scalar this class is, when it is a plain character.
    var singleScalar: Unicode.Scalar? {
        guard !negated, nested.isEmpty, ranges.count == 1, let range = ranges.first, range.lowerBound == range.upperBound
        else { return nil }
        return Unicode.Scalar(range.lowerBound)
    }

    mutating func include(_ other: ScalarClass) {
        nested.append(other)
    }

    func contains(_ value: UInt32) -> Bool {
        let inside = ranges.contains { $0.contains(value) } || nested.contains { $0.contains(value) }
        return inside != negated
    }
}
