import Foundation

// Usage: TemplateEmbedder OUTPUT.swift TEMPLATE...
// Writes `enum EmbeddedTemplates { static let all: [String: String] }` keyed by file name
// without the .mustache extension. Texts are written as base64 so no template content can
// break out of a Swift string literal.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: TemplateEmbedder OUTPUT.swift TEMPLATE...\n".utf8))
    exit(2)
}
var lines = [
    "// Generated from Templates/*.mustache at build time. Do not edit.",
    "import Foundation",
    "",
    "enum EmbeddedTemplates {",
    "    static let all: [String: String] = [",
]
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let name = url.deletingPathExtension().lastPathComponent
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        FileHandle.standardError.write(Data("TemplateEmbedder: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
    lines.append("        \"\(name)\": decode(\"\(data.base64EncodedString())\"),")
}
lines += [
    "    ]",
    "",
    "    private static func decode(_ base64: String) -> String {",
    "        Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) } ?? \"\"",
    "    }",
    "}",
    "",
]
do {
    try lines.joined(separator: "\n").write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("TemplateEmbedder: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}
