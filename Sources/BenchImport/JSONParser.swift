import BenchModel
import Foundation

/// Reads other tools' JSON into a `JSONValue` tree. Strict JSON (RFC 8259), with two differences:
///
/// - the bare `NaN`, `Infinity` and `-Infinity` Python's json module writes are numbers, so they
///   reach the checks that explain them instead of failing as syntax;
/// - what JSONDecoder lets through silently is refused by name: a key twice in one object (which
///   one counts would be up to the reader), a lone UTF-16 surrogate (JSONDecoder calls it the end
///   of the file), text that is not UTF-8.
///
/// Arrays that hold only numbers are kept packed, 8 bytes a number: a hyperfine export of
/// millions of runs would otherwise take three times that in the tree.
struct JSONParser {
    /// Deeper nesting is refused rather than recursed into: no tool writes it, and the stack is finite.
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    /// Where the parser is, for naming an object with a duplicated key; a path string is built
    /// only then, not for each of millions of array elements.
    private var trail: [Step] = []

    private enum Step {
        case key(String)
        case index(Int)
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func parse(_ data: Data) throws(ImportProblem) -> JSONValue {
        let result: Result<JSONValue, ImportProblem> = data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self))
            return Result { () throws(ImportProblem) in try parser.document() }
        }
        return try result.get()
    }

    private mutating func document() throws(ImportProblem) -> JSONValue {
        skipWhitespace()
        guard i < bytes.count else { throw .notJSON("empty file") }
        let value = try self.value()
        skipWhitespace()
        guard i == bytes.count else { throw syntax("more after the end of the JSON value") }
        return value
    }

    // MARK: - Values

    private mutating func value() throws(ImportProblem) -> JSONValue {
        skipWhitespace()
        guard i < bytes.count else { throw truncated() }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .number(.nan))
        case UInt8(ascii: "I"): return try literal("Infinity", .number(.infinity))
        default: return .number(try number())
        }
    }

    private mutating func object() throws(ImportProblem) -> JSONValue {
        try enter()
        i += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw truncated() }
            guard bytes[i] == UInt8(ascii: "\"") else { throw syntax("expected a key in quotes") }
            let key = try string()
            try expect(UInt8(ascii: ":"), "expected ':' after the key")
            trail.append(.key(key))
            let member = try value()
            trail.removeLast()
            guard members.updateValue(member, forKey: key) == nil else { throw .duplicateKey(key: key, path: path) }
            skipWhitespace()
            guard i < bytes.count else { throw truncated() }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "}") else { throw syntax("expected ',' or '}' in an object") }
            i += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws(ImportProblem) -> JSONValue {
        try enter()
        i += 1
        // Numbers stay packed until something else turns up.
        var numbers: [Double] = []
        var items: [JSONValue]?
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array([])
        }
        while true {
            trail.append(.index(numbers.count + (items?.count ?? 0)))
            let element = try value()
            trail.removeLast()
            if items == nil, case let .number(number) = element {
                numbers.append(number)
            } else {
                if items == nil {
                    items = numbers.map(JSONValue.number)
                    numbers = []
                }
                items?.append(element)
            }
            skipWhitespace()
            guard i < bytes.count else { throw truncated() }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "]") else { throw syntax("expected ',' or ']' in an array") }
            i += 1
            depth -= 1
            return items.map(JSONValue.array) ?? .numbers(numbers)
        }
    }

    private mutating func enter() throws(ImportProblem) {
        depth += 1
        guard depth <= Self.maxDepth else { throw syntax("nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(ImportProblem) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { throw truncated() }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[i + $0] == expected[$0] }
        }
        guard matches else { throw syntax("expected a value") }
        i += count
        return value
    }

    // MARK: - Numbers

    private mutating func number() throws(ImportProblem) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "I") {
                _ = try literal("Infinity", .null)
                return -.infinity
            }
        }
        let integerStart = i
        skipDigits()
        guard i > integerStart else {
            i = start
            throw syntax("expected a value")
        }
        if bytes[integerStart] == UInt8(ascii: "0"), i - integerStart > 1 {
            i = integerStart
            throw syntax("a number may not start with 0")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = i
            skipDigits()
            guard i > fraction else { throw i == bytes.count ? truncated() : syntax("expected a digit after '.'") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponent = i
            skipDigits()
            guard i > exponent else { throw i == bytes.count ? truncated() : syntax("expected a digit in the exponent") }
        }
        // Double's parser rounds correctly; the token is already known to be a number.
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) ?? .nan
    }

    private mutating func skipDigits() {
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
    }

    // MARK: - Strings

    private mutating func string() throws(ImportProblem) -> String {
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        guard i < bytes.count else { throw truncated() }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return try text(UnsafeBufferPointer(rebasing: bytes[start..<i]), at: start)
        }
        let unescaped: (utf8: [UInt8], end: Int)
        do throws(JSONEscape.Problem) {
            unescaped = try JSONEscape.unescape(bytes, from: start, plainEnd: i)
        } catch {
            throw stringProblem(error)
        }
        i = unescaped.end
        return try unescaped.utf8.withUnsafeBufferPointer { buffer throws(ImportProblem) in try text(buffer, at: start) }
    }

    /// What is wrong with a string, with its place in the file.
    private func stringProblem(_ problem: JSONEscape.Problem) -> ImportProblem {
        switch problem {
        case .truncated: truncated()
        case .controlCharacter(let offset): syntax(problem.description, at: offset)
        case .unknown(let backslash):
            syntax(
                "an unknown escape \\\(String(decoding: [bytes[backslash + 1]], as: UTF8.self)) in a string",
                at: backslash + 1)
        case .notHex(let backslash): syntax(problem.description, at: backslash)
        case .loneSurrogate(let backslash): loneSurrogate(at: backslash)
        }
    }

    private func text(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) throws(ImportProblem) -> String {
        if let text = String(validating: buffer, as: UTF8.self) { return text }
        throw syntax("a string that is not valid UTF-8", at: start)
    }

    // MARK: - Whitespace and errors

    /// "results[0]" for the object the parser is in.
    private var path: String {
        var text = ""
        for step in trail {
            switch step {
            case let .key(key): text += text.isEmpty ? key : ".\(key)"
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(ImportProblem) {
        skipWhitespace()
        guard i < bytes.count else { throw truncated() }
        guard bytes[i] == c else { throw syntax(what) }
        i += 1
    }

    private func truncated() -> ImportProblem {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } - (bytes.last == 0x0A ? 1 : 0)
        return .notJSON("truncated: the JSON stops at line \(lines) before it is complete")
    }

    private func syntax(_ what: String, at offset: Int? = nil) -> ImportProblem {
        .notJSON("not valid JSON at \(position(offset ?? i)): \(what)")
    }

    private func loneSurrogate(at offset: Int) -> ImportProblem {
        let escape = String(decoding: bytes[offset..<min(offset + 6, bytes.count)], as: UTF8.self)
        return .notJSON(
            "a lone surrogate (\(escape)) at \(position(offset)): half of a UTF-16 pair without its other half "
                + "is not text; the tool that wrote the file has a bug")
    }

    /// "line 3, column 7", as an editor counts (columns in characters, not bytes).
    private func position(_ offset: Int) -> String {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }
}
