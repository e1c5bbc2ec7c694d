import Foundation

// Usage: VersionEmbedder VERSION OUTPUT.swift
// Writes `enum EmbeddedVersion { static let number: String }` from the repository's VERSION
// file, the one place the version is written down. A file that is not one line of
// MAJOR.MINOR.PATCH with an optional -suffix stops the build here rather than shipping a
// binary whose `--version` says something odd.
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: VersionEmbedder VERSION OUTPUT.swift\n".utf8))
    exit(2)
}
let versionPath = arguments[0]
let outputPath = arguments[1]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("VersionEmbedder: \(message)\n".utf8))
    exit(1)
}

let text: String
do {
    text = try String(contentsOfFile: versionPath, encoding: .utf8)
} catch {
    fail("cannot read \(versionPath): \(error)")
}
let number = text.trimmingCharacters(in: .whitespacesAndNewlines)
let pattern = #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$"#
guard number.range(of: pattern, options: .regularExpression) != nil else {
    fail("\(versionPath) must hold one version such as 1.2.3 or 1.2.3-dev, found \"\(number)\"")
}
// The pattern admits no quote or backslash, so the literal below cannot be broken out of.
let source = """
    // Generated from VERSION at build time. Do not edit.
    enum EmbeddedVersion {
        static let number = "\(number)"
    }

    """
do {
    try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(outputPath): \(error)")
}
