import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private temporary folder (mkdtemp, mode 0700) that is removed with everything in it when
/// the work that needed it is done.
struct ScratchFolder: Sendable {
    let path: String

    static func make(prefix: String) -> ScratchFolder? {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }) else { return nil }
        return ScratchFolder(path: created)
    }

    /// A new folder inside this one; nil if it cannot be made.
    func subfolder(_ name: String) -> String? {
        let path = "\(self.path)/\(name)"
        return mkdir(path, 0o700) == 0 ? path : nil
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
