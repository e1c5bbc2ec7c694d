import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies a regular file without reading it: size, modification time (ns), inode and
/// device. The report cache's entries for run files and packs, and its entries for rendered pages,
/// are trusted while the file still has the stamp they recorded.
public struct FileStamp: Equatable, Sendable {
    public var size: Int64
    public var modifiedNs: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modifiedNs: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modifiedNs = modifiedNs
        self.inode = inode
        self.device = device
    }

    /// The stamp of `path`; nil for anything but a regular file. `followingLinks` false stamps a
    /// symbolic link itself (and so gives nil for one): a page the renderer wrote is never a link.
    public static func of(_ path: String, followingLinks: Bool) -> FileStamp? {
        var info = stat()
        let found = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard found == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        // glibc names the field st_mtim, Darwin st_mtimespec.
        #if canImport(Darwin)
            let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return FileStamp(size: Int64(info.st_size), modifiedNs: modified, inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}
