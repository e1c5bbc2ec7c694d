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
