import Glibc

/// The OS error text for an errno value.
enum SystemError {
    static func text(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
