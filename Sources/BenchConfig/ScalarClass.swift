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

    /// `.`: anything but a line break, as in NSRegularExpression (ICU) without the s flag.
    static let any = ScalarClass(ranges: [0x0A...0x0D, 0x85...0x85, 0x2028...0x2029], negated: true)
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

    /// The same set as sorted, disjoint, non-adjacent ranges with nesting and negation resolved:
    /// what the matcher tests against without walking the tree for every character.
    var flattened: [ClosedRange<UInt32>] {
        var all = (ranges + nested.flatMap(\.flattened)).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in all {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        guard negated else { return merged }
        all = []
        var next: UInt32 = 0
        for range in merged {
            if range.lowerBound > next { all.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
            if range.upperBound == Self.maxScalar { return all }
        }
        all.append(next...Self.maxScalar)
        return all
    }

    static let maxScalar: UInt32 = 0x10FFFF
}
