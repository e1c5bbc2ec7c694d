import Foundation

/// A threshold as config.toml and the command line write it: a fraction from 0 to 1 (0.05) or a
/// percentage ("5%"). A bare number above 1 is refused rather than read: 5 as a fraction would be
/// 500 %, which nobody means, and as a percentage it would make 0.5 and 5 mean different things.
public enum ThresholdValue {
    public enum Problem: Error, Equatable, Sendable {
        case negative(Double)
        /// A bare number above 1, such as 5 where "5%" was meant.
        case aboveOne(Double)
        /// Neither a number nor "N%".
        case unreadable
    }

    /// A number as written, which must be a fraction from 0 to 1.
    public static func fraction(_ number: Double) -> Result<Double, Problem> {
        guard number.isFinite else { return .failure(.unreadable) }
        guard number >= 0 else { return .failure(.negative(number)) }
        guard number <= 1 else { return .failure(.aboveOne(number)) }
        return .success(number)
    }

    /// "5%" or " 2.5 % " → 0.05 or 0.025; nil for anything else, a negative or infinite percentage included.
    public static func percentage(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast().trimmingCharacters(in: .whitespaces)),
            percent.isFinite, percent >= 0
        else { return nil }
        return percent / 100
    }

    /// Text from the command line: a percentage ("5%"), or a fraction (0.05).
    public static func parse(_ text: String) -> Result<Double, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            return percentage(trimmed).map { .success($0) } ?? .failure(.unreadable)
        }
        guard let number = Double(trimmed) else { return .failure(.unreadable) }
        return fraction(number)
    }
}
