import Foundation

/// Where a broken JSON file breaks. JSONDecoder only says "not valid JSON"; JSONSerialization
/// names a character offset, turned here into the line and column an editor shows.
enum JSONSyntax {
    static func explain(_ data: Data) -> String {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return "empty file"
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            // Valid JSON, but not an object.
            return "not a JSON object"
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            // JSONSerialization calls a lone surrogate "end of file"; it is not a truncation.
            if detail.localizedCaseInsensitiveContains("surrogate"), let lone = loneSurrogate(in: data) {
                let (line, column) = position(of: lone.offset, in: data)
                return "a lone surrogate (\(lone.escape)) at line \(line), column \(column): half of a UTF-16 pair "
                    + "without its other half is not text"
            }
            if detail.localizedCaseInsensitiveContains("not representable") {
                return "a number out of range (\(detail))"
            }
            if detail.localizedCaseInsensitiveContains("end of file") {
                return "truncated: the JSON stops at line \(lineCount(data)) before it is complete"
            }
            if let offset = characterOffset(in: detail) {
                let (line, column) = position(of: offset, in: data)
                return "not valid JSON at line \(line), column \(column) (\(detail))"
            }
            return "not valid JSON" + (detail.isEmpty ? "" : " (\(detail))")
        }
    }

    /// The first `\uD800`–`\uDFFF` escape that is not one half of a pair, as written, and
    /// where it starts.
    static func loneSurrogate(in data: Data) -> (escape: String, offset: Int)? {
        let bytes = [UInt8](data)
        func unit(at index: Int) -> UInt32? {
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                let text = String(bytes: bytes[index + 2..<index + 6], encoding: .ascii)
            else { return nil }
            return UInt32(text, radix: 16)
        }
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            guard let value = unit(at: i) else {
                i += 2  // another escape, \\ included
                continue
            }
            let escape = String(decoding: bytes[i..<i + 6], as: UTF8.self)
            if (0xDC00..<0xE000).contains(value) { return (escape, i) }
            if (0xD800..<0xDC00).contains(value) {
                guard let low = unit(at: i + 6), (0xDC00..<0xE000).contains(low) else { return (escape, i) }
                i += 12
                continue
            }
            i += 6
        }
        return nil
    }

    /// "Invalid value around character 20." → 20
    private static func characterOffset(in detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        let digits = detail[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    private static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func lineCount(_ data: Data) -> Int {
        data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } - (data.last == 0x0A ? 1 : 0)
    }
}
