import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// summary.md as GitHub renders it: through cmark-gfm (GitHub's own Markdown library) with the
/// table extension, raw HTML kept (GitHub keeps `<details>`). Tests that need it skip when
/// cmark-gfm is not installed (.ci/run installs it).
enum MarkdownRendering {
    static let tool = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The rendered HTML parsed as XML under one `<root>` element.
    static func document(_ markdown: String) throws -> XMLDocument {
        guard let tool else { throw XCTSkip("cmark-gfm is not installed (apt-get install cmark-gfm)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Write and read concurrently: a large summary fills the pipe before cmark-gfm finishes.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(markdown.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "cmark-gfm failed")
        let text = "<root>" + String(decoding: html, as: UTF8.self) + "</root>"
        Fixtures.assertWellFormed(Data(text.utf8), "summary.md rendered by cmark-gfm")
        return try XMLDocument(xmlString: text)
    }
}
