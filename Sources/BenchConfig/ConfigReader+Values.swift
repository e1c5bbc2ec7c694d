import BenchModel
import Foundation
import TOMLKit

/// Typed reads of single values. Each returns nil both when the key is absent and when it is
/// wrong; in the second case the problem is recorded with the key's line.
extension ConfigReader {
    /// "a string", "an integer (12)", … for "got …" in messages.
    func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "a string (\"\(value.string ?? "")\")"
        case .int: "an integer (\(value.int.map(String.init) ?? "?"))"
        case .double: "a decimal number (\(value.double.map(format) ?? "?"))"
        case .bool: "a boolean (\(value.bool.map(String.init) ?? "?"))"
        case .array: "an array"
        case .table: "a table"
        case .date, .time, .dateTime: "a date or time"
        }
    }

    func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// Integers and decimals alike, as a Double; nil for any other type.
    private func number(_ value: TOMLValueConvertible) -> Double? {
        switch value.type {
        case .int: value.int.map(Double.init)
        case .double: value.double
        default: nil
        }
    }

    mutating func wholeNumber(
        _ table: TOMLTable, _ key: String, _ site: Site, unit: String, minimum: Int, maximum: Int, maximumText: String
    ) -> Int? {
        guard let value = table[key] else { return nil }
        let wanted = "'\(key)' must be a whole number\(unit)"
        let result: Int
        if let int = value.int {
            result = int
        } else if let double = value.double, double.isFinite, double == double.rounded(), abs(double) < 1e15 {
            result = Int(double)
        } else if let double = value.double {
            problem("\(wanted), got \(format(double))", at: site, key: [key])
            return nil
        } else {
            problem("\(wanted), got \(describe(value))", at: site, key: [key])
            return nil
        }
        guard result >= minimum else {
            let bound = minimum == 0 ? "0 or more" : "at least \(minimum)"
            problem("'\(key)' must be \(bound), got \(result)", at: site, key: [key])
            return nil
        }
        guard result <= maximum else {
            problem("'\(key)' must be at most \(maximumText), got \(result)", at: site, key: [key])
            return nil
        }
        return result
    }

    /// A duration in milliseconds, integer or decimal, greater than zero and at most 7 days.
    mutating func positiveNumber(_ table: TOMLTable, _ key: String, _ site: Site) -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = number(value), number.isFinite else {
            problem("'\(key)' must be a number of milliseconds (12 or 12.5), got \(describe(value))", at: site, key: [key])
            return nil
        }
        guard number > 0 else {
            problem("'\(key)' must be greater than 0, got \(format(number))", at: site, key: [key])
            return nil
        }
        guard number <= Double(ConfigLimits.maxDurationMs) else {
            problem("'\(key)' must be at most \(ConfigLimits.maxDurationText), got \(format(number))",
                at: site, key: [key])
            return nil
        }
        return number
    }

    /// A fraction (0.05) or a percentage string ("5%"), as a fraction.
    mutating func threshold(_ table: TOMLTable, _ key: String, _ site: Site) -> Double? {
        guard let value = table[key] else { return nil }
        let wanted = "'\(key)' must be a fraction such as 0.05 or a percentage such as \"5%\""
        if let number = number(value), number.isFinite {
            switch ThresholdValue.fraction(number) {
            case .success(let fraction):
                return fraction
            case .failure(.aboveOne):
                let percent = format(number)
                problem(
                    "'\(key)' is a fraction (0.05 = 5 %), got \(percent); for \(percent) % write \"\(percent)%\"",
                    at: site, key: [key])
            case .failure:
                problem("\(wanted), got \(format(number))", at: site, key: [key])
            }
            return nil
        }
        if let text = value.string, let fraction = ThresholdValue.percentage(text) {
            return fraction
        }
        problem("\(wanted), got \(describe(value))", at: site, key: [key])
        return nil
    }

    /// A significance level, strictly between 0 and 1.
    mutating func alpha(_ table: TOMLTable, _ key: String, _ site: Site) -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = number(value), number > 0, number < 1 else {
            problem("'\(key)' must be a probability between 0 and 1 such as 0.01, got \(describe(value))",
                at: site, key: [key])
            return nil
        }
        return number
    }

    mutating func bool(_ table: TOMLTable, _ key: String, _ site: Site) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else {
            problem("'\(key)' must be true or false, got \(describe(value))", at: site, key: [key])
            return nil
        }
        return bool
    }

    /// A non-empty string.
    mutating func string(_ table: TOMLTable, _ key: String, _ site: Site) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            problem("'\(key)' must be a string, got \(describe(value))", at: site, key: [key])
            return nil
        }
        guard !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem("'\(key)' must not be empty", at: site, key: [key])
            return nil
        }
        return string
    }

    /// `metric = "time"` or `"instructions"`.
    mutating func metric(_ table: TOMLTable, _ key: String, _ site: Site) -> Metric? {
        guard let value = table[key] else { return nil }
        let allowed = Metric.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        guard let text = value.string else {
            problem("'\(key)' must be \(allowed), got \(describe(value))", at: site, key: [key])
            return nil
        }
        guard let metric = Metric(rawValue: text) else {
            let hint = Suggestion.hint(for: text, in: Metric.allCases.map(\.rawValue), quote: { "\"\($0)\"" })
            problem("'\(key)' must be \(allowed), got \"\(text)\"\(hint)", at: site, key: [key])
            return nil
        }
        return metric
    }

    mutating func signal(_ table: TOMLTable, _ key: String, _ site: Site) -> String? {
        guard let value = table[key] else { return nil }
        let allowed = KillSignal.allowed.joined(separator: ", ")
        guard let text = value.string else {
            problem("'\(key)' must be a signal name (\(allowed)), got \(describe(value))", at: site, key: [key])
            return nil
        }
        guard let signal = KillSignal.normalize(text) else {
            let upper = text.uppercased()
            let hint = Suggestion.hint(
                for: upper.hasPrefix("SIG") ? upper : "SIG" + upper, in: KillSignal.allowed, quote: { "\"\($0)\"" })
            problem("'\(key)' must be one of \(allowed), got \"\(text)\"\(hint)", at: site, key: [key])
            return nil
        }
        return signal
    }

    /// `command = ["gzip", "-c", "file"]`: argv, no shell, a non-empty program name first.
    mutating func command(_ table: TOMLTable, _ key: String, _ site: Site) -> [String]? {
        guard let value = table[key] else { return nil }
        if let text = value.string {
            let words = text.split(separator: " ", omittingEmptySubsequences: true)
            let suggestion = words.map { "\"\($0)\"" }.joined(separator: ", ")
            problem(
                "'\(key)' must be an array of strings (the program and its arguments; no shell is used), got a string; write command = [\(suggestion)]",
                at: site, key: [key])
            return nil
        }
        guard let array = value.array else {
            problem("'\(key)' must be an array of strings such as [\"gzip\", \"-c\", \"file\"], got \(describe(value))",
                at: site, key: [key])
            return nil
        }
        var argv: [String] = []
        for (position, element) in array.enumerated() {
            guard let word = element.string else {
                problem(
                    "'\(key)' must contain only strings; item \(position + 1) is \(describe(element)) (quote it: \"\(element.debugDescription)\")",
                    at: site, key: [key])
                return nil
            }
            argv.append(word)
        }
        guard let program = argv.first else {
            problem("'\(key)' is empty; give the program to run and its arguments, e.g. [\"gzip\", \"-c\", \"file\"]",
                at: site, key: [key])
            return nil
        }
        guard !program.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem("'\(key)' starts with an empty program name", at: site, key: [key])
            return nil
        }
        return argv
    }

    /// `env = { NAME = "value" }`: strings only, so nothing is silently converted.
    mutating func stringTable(_ table: TOMLTable, _ key: String, _ site: Site) -> [String: String]? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else {
            problem("'\(key)' must be a table of strings such as { NODE_ENV = \"production\" }, got \(describe(value))",
                at: site, key: [key])
            return nil
        }
        var result: [String: String] = [:]
        var valid = true
        for name in inner.keys {
            guard let entry = inner[name] else { continue }
            if let text = entry.string {
                result[name] = text
            } else {
                valid = false
                problem(
                    "'\(key)' value '\(name)' must be a string, got \(describe(entry)); write \(name) = \"\(entry.debugDescription)\"",
                    at: site, key: [key, name])
            }
            if name.isEmpty || name.contains("=") {
                valid = false
                problem("'\(key)' has an invalid variable name '\(name)'", at: site, key: [key, name])
            } else if ConfigLimits.reservedEnvironment.contains(name) {
                valid = false
                problem(reserved(name, in: key), at: site, key: [key, name])
            }
        }
        return valid ? result : nil
    }

    /// `inherit_env = ["PATH", "HOME"]`: names of variables, not assignments.
    mutating func variableNames(_ table: TOMLTable, _ key: String, _ site: Site) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            problem("'\(key)' must be an array of variable names such as [\"PATH\", \"HOME\"], got \(describe(value))",
                at: site, key: [key])
            return nil
        }
        var names: [String] = []
        for element in array {
            guard let name = element.string else {
                problem("'\(key)' must contain only strings, got \(describe(element))", at: site, key: [key])
                return nil
            }
            guard !name.isEmpty, !name.contains("=") else {
                problem("'\(key)' lists variable names, and '\(name)' is not one (set values in env)",
                    at: site, key: [key])
                return nil
            }
            guard !ConfigLimits.reservedEnvironment.contains(name) else {
                problem(reserved(name, in: key), at: site, key: [key])
                return nil
            }
            names.append(name)
        }
        return names
    }

    private func reserved(_ name: String, in key: String) -> String {
        let verb = key == "inherit_env" ? "inherit" : "set"
        return "'\(key)' cannot \(verb) \(name): benchboard sets it for every child (the result channel is always fd 3); remove it"
    }

    /// "previous", a run id, or "branch:NAME".
    mutating func baseline(_ table: TOMLTable, _ key: String, _ site: Site) -> String? {
        guard let text = string(table, key, site) else { return nil }
        let isBranch = text.hasPrefix("branch:")
        if (isBranch && text.count == "branch:".count) || text.contains(where: \.isWhitespace) {
            problem("'\(key)' must be \"previous\", a run id, or \"branch:NAME\", got \"\(text)\"", at: site, key: [key])
            return nil
        }
        return text
    }
}
