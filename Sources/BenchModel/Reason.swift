/// A reason that comes from elsewhere (the system, Foundation, a server, curl) set into one of
/// benchboard's own sentences. Such reasons may or may not end with a full stop ("No space left
/// on device" vs "… there isn't enough space."), so a message that adds its own punctuation
/// after one read "space.. Check" or "space.; check".
public enum Reason {
    /// `text` without the blanks and full stops it ends with, to be followed by benchboard's own
    /// punctuation: `"cannot write \(path): \(Reason.clause(reason)); check free space"`.
    public static func clause(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == "." || text[before].isWhitespace else { break }
            end = before
        }
        return String(text[..<end])
    }

    /// `text` as the end of a sentence: exactly one full stop (or its own ? or !).
    public static func sentence(_ text: String) -> String {
        let clause = clause(text)
        guard let last = clause.last else { return clause }
        return last == "?" || last == "!" ? clause : clause + "."
    }
}
