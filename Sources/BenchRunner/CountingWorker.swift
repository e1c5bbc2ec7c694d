import Foundation

/// The executable a worker runs from under valgrind.
///
/// valgrind 3.19 gives up on the DWARF 5 debug information that clang writes for the C and C++
/// parts of a Swift package ("Possibly corrupted debuginfo file. I can't recover."), so the
/// worker runs from a copy without debug sections, made with `objcopy --strip-debug`. Code and
/// symbols are untouched: it executes exactly the same instructions. Without objcopy the
/// executable itself is used.
enum CountingWorker {
    static func executable(for executable: String, in folder: ScratchFolder) -> String {
        let copy = folder.path + "/worker"
        guard let objcopy = ["/usr/bin/objcopy", "/bin/objcopy", "/usr/local/bin/objcopy"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return executable }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: objcopy)
        process.arguments = ["--strip-debug", executable, copy]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return executable
        }
        return process.terminationStatus == 0 ? copy : executable
    }
}
