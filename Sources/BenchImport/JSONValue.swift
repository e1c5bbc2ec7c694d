import Foundation

/// A parsed JSON document as a plain tree: other tools' files are read by shape, not through
/// Codable types of their own, so a surprise can be named by its path ("results[1].times[3]").
/// `JSONParser` makes it.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// An array of numbers only, packed: what most of a large results file is.
    case numbers([Double])
    case object([String: JSONValue])

    static func parse(_ data: Data) throws(ImportProblem) -> JSONValue {
        try JSONParser.parse(data)
    }

    var isArray: Bool {
        switch self {
        case .array, .numbers: true
        default: false
        }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array, .numbers: "an array"
        case .object: "an object"
        }
    }
}

/// A value with the path that leads to it, so every complaint names the place. An array
/// element's path is made only when asked for: a complaint is rare, elements are millions.
struct JSONNode {
    let value: JSONValue
    private let parent: String
    private let index: Int?

    init(_ value: JSONValue, path: String = "") {
        self.value = value
        parent = path
        index = nil
    }

    init(_ value: JSONValue, element index: Int, of array: String) {
        self.value = value
        parent = array
        self.index = index
    }

    var path: String { index.map { "\(parent)[\($0)]" } ?? parent }

    private func child(_ key: String) -> String {
        let path = self.path
        return path.isEmpty ? key : "\(path).\(key)"
    }

    /// The member `key`, nil when it is missing or null.
    subscript(key: String) -> JSONNode? {
        guard case let .object(members) = value, let member = members[key], member != .null else { return nil }
        return JSONNode(member, path: child(key))
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func require(_ key: String) throws(ImportProblem) -> JSONNode {
        guard case .object = value else { throw .wrongShape(path: path, expected: "an object", found: value.typeName) }
        guard let member = self[key] else { throw .missing(path: child(key)) }
        return member
    }

    func elements() throws(ImportProblem) -> JSONElements {
        switch value {
        case let .array(items): return JSONElements(storage: .values(items), path: path)
        case let .numbers(numbers): return JSONElements(storage: .numbers(numbers), path: path)
        default: throw .wrongShape(path: path, expected: "an array", found: value.typeName)
        }
    }

    func string() throws(ImportProblem) -> String {
        guard case let .string(text) = value else { throw .wrongShape(path: path, expected: "a string", found: value.typeName) }
        return text
    }

    func number() throws(ImportProblem) -> Double {
        guard case let .number(number) = value else { throw .wrongShape(path: path, expected: "a number", found: value.typeName) }
        return number
    }

    /// A duration in `unitNs` nanoseconds per unit, as whole nanoseconds; NaN, infinite and
    /// negative times are refused (no tool measures them; they mean a broken file), and so are
    /// times beyond what a run file holds (Int64 nanoseconds, about 292 years).
    func duration(unitNs: Double) throws(ImportProblem) -> Int64 {
        let number = try number()
        guard number.isFinite, number >= 0 else { throw .badTime(path: path, value: "\(number)") }
        let nanoseconds = (number * unitNs).rounded()
        // 2⁶³ is exact as a Double; every whole Double below it fits an Int64.
        guard nanoseconds < Double(Int64.max) else {
            throw .timeOutOfRange(path: path, value: "\(number)", limit: Self.limitText(unitNs: unitNs))
        }
        return Int64(nanoseconds)
    }

    /// The largest time a run file holds, in the unit of the value ("9223372036 s").
    private static func limitText(unitNs: Double) -> String {
        let units: [Double: String] = [1: "ns", 1e3: "µs", 1e6: "ms", 1e9: "s"]
        let limit = String(Int64(Double(Int64.max) / unitNs))
        return units[unitNs].map { "\(limit) \($0)" } ?? limit
    }

    /// A scalar member as text for the run's context, nil when absent or not a scalar.
    func text(_ key: String) -> String? {
        switch self[key]?.value {
        case let .string(text)?: text
        case let .number(number)?: number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case let .bool(flag)?: String(flag)
        default: nil
        }
    }
}

/// The elements of an array as nodes, made one at a time as they are visited.
struct JSONElements: RandomAccessCollection {
    enum Storage {
        case values([JSONValue])
        case numbers([Double])
    }

    let storage: Storage
    let path: String

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case let .values(items): items.count
        case let .numbers(numbers): numbers.count
        }
    }

    subscript(position: Int) -> JSONNode {
        switch storage {
        case let .values(items): JSONNode(items[position], element: position, of: path)
        case let .numbers(numbers): JSONNode(.number(numbers[position]), element: position, of: path)
        }
    }
}
