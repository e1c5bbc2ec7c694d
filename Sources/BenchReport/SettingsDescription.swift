import Foundation

/// Every stored field of a value, nested values included, as one line of text that is the same
/// for equal settings in every process: dictionaries and sets are listed in sorted order (their
/// own order changes from one process to the next).
///
/// It is what page keys take from `ReportOptions` (`PageCache`): walking the fields by
/// reflection means a setting added later is part of the key without anyone remembering to add
/// it, so a changed setting can never leave a page stale. Settings are small, so reflection's
/// cost does not matter here.
enum SettingsDescription {
    static func of(_ value: Any) -> String {
        // Leaves whose reflection would show their storage (a URL's may hold an object's address).
        if let url = value as? URL { return "URL(" + url.absoluteString + ")" }
        if let text = value as? String { return String(reflecting: text) }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return "nil" }
            return "some(" + of(wrapped) + ")"
        case .dictionary:
            let entries = mirror.children.map { pair -> String in
                let parts = Array(Mirror(reflecting: pair.value).children)
                guard parts.count == 2 else { return of(pair.value) }
                return of(parts[0].value) + ": " + of(parts[1].value)
            }
            return "[" + entries.sorted().joined(separator: ", ") + "]"
        case .set:
            return "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ", ") + "}"
        case .collection, .tuple:
            return "(" + mirror.children.map { ($0.label.map { $0 + ": " } ?? "") + of($0.value) }.joined(separator: ", ") + ")"
        case .struct, .class, .enum:
            // An enum case without a payload has no children: its description is its name.
            guard !mirror.children.isEmpty else { return String(reflecting: value) }
            let fields = mirror.children.map { ($0.label ?? "_") + ": " + of($0.value) }
            return String(reflecting: type(of: value)) + "(" + fields.joined(separator: ", ") + ")"
        default:
            return String(reflecting: value)
        }
    }
}
