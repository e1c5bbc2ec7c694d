import Foundation

/// A parsed JSON document as a plain tree: other tools' files are read by shape, not through
/// Codable types of their own, so a surprise can be named by its path ("results[1].times[3]").
public indirect enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses `data`. JSON5 is accepted because Python's json module writes bare `NaN` and
    /// `Infinity`: they must reach the checks that explain them, not fail as a syntax error.
    static func parse(_ data: Data) throws(ImportProblem) -> JSONValue {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            return try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw .notJSON(explain(data))
        }
    }

    /// Where broken JSON breaks, as an editor counts: JSONDecoder only says "not valid JSON",
    /// JSONSerialization names a character offset.
    static func explain(_ data: Data) -> String {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return "empty file" }
        let lines = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } - (data.last == 0x0A ? 1 : 0)
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "not valid JSON"
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if detail.localizedCaseInsensitiveContains("end of file") {
                return "truncated: the JSON stops at line \(lines) before it is complete"
            }
            if let range = detail.range(of: "character "), let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) {
                let before = data.prefix(offset)
                let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                let column = before.reversed().prefix { $0 != 0x0A }.filter { $0 & 0xC0 != 0x80 }.count + 1
                return "not valid JSON at line \(line), column \(column) (\(detail))"
            }
            return "not valid JSON" + (detail.isEmpty ? "" : " (\(detail))")
        }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A value with the path that leads to it, so every complaint names the place.
struct JSONNode {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

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

    func elements() throws(ImportProblem) -> [JSONNode] {
        guard case let .array(items) = value else { throw .wrongShape(path: path, expected: "an array", found: value.typeName) }
        return items.enumerated().map { JSONNode($1, path: "\(path)[\($0)]") }
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
    /// negative times are refused (no tool measures them; they mean a broken file).
    func duration(unitNs: Double) throws(ImportProblem) -> Int64 {
        let number = try number()
        guard number.isFinite else { throw .badTime(path: path, value: "\(number)") }
        guard number >= 0 else { throw .badTime(path: path, value: "\(number)") }
        let nanoseconds = (number * unitNs).rounded()
        guard nanoseconds < 9.2e18 else { throw .badTime(path: path, value: "\(number)") }
        return Int64(nanoseconds)
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
