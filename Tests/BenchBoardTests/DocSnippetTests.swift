import BenchConfig
import Foundation
import XCTest

/// The documentation quotes workflows and configs; these tests keep every quote true to the file
/// it names, every relative link pointing at something that exists, and the templates' README
/// complete, so the pages cannot drift from the repository unnoticed.
final class DocSnippetTests: XCTestCase {
    /// The package root, found from this file so the tests read the checkout they were built from.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The pages a reader navigates: README.md, docs/*.md and the READMEs of Templates/ and output/.
    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        return ["README.md"] + docs + ["Templates/README.md", "output/README.md"]
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func testEveryYAMLAndTOMLBlockNamesTheFileItQuotesAndMatchesIt() throws {
        var checked = 0
        for page in try Self.pages() {
            let parsed = DocSnippet.parse(try Self.read(page))
            XCTAssertEqual(parsed.strayMarkers, [], "\(page): a snippet marker on these lines is not followed by a code block")
            for snippet in parsed.snippets where ["yaml", "yml", "toml"].contains(snippet.language) {
                let place = "\(page):\(snippet.line)"
                guard let source = snippet.source else {
                    XCTFail("\(place): a ```\(snippet.language) block needs a `<!-- snippet: PATH -->` line before it naming the file it quotes")
                    continue
                }
                switch source {
                case .illustrative:
                    XCTAssertEqual(snippet.language, "toml", "\(place): only TOML may be illustrative; quote a workflow file verbatim")
                case let .file(path), let .lines(path, _):
                    guard let fileText = try? Self.read(path) else {
                        XCTFail("\(place): quotes \(path), which does not exist")
                        continue
                    }
                    if let problem = DocSnippet.mismatch(snippet.text, source: source, fileText: fileText) {
                        XCTFail("\(place): quotes \(path), but \(problem); copy the file's current text")
                    }
                }
                checked += 1
            }
        }
        // README quotes the workflow and docs/github-actions.md two; fewer means the parser lost them.
        XCTAssertGreaterThanOrEqual(checked, 3)
    }

    /// A fragment that quotes no file is still held to something: it must load as a config.
    func testIllustrativeTOMLBlocksLoadAsConfigs() throws {
        var loaded = 0
        for page in try Self.pages() {
            for snippet in DocSnippet.parse(try Self.read(page)).snippets
            where snippet.language == "toml" && snippet.source == .illustrative {
                do {
                    _ = try ConfigLoader.parse(
                        text: snippet.text, path: "\(page):\(snippet.line)",
                        baseDirectory: Self.root.path, registeredSwiftBenchmarks: nil)
                    loaded += 1
                } catch {
                    XCTFail("\(page):\(snippet.line): the illustrative config does not load: \(error)")
                }
            }
        }
        XCTAssertGreaterThan(loaded, 0)
    }

    /// The check itself: a quoted file that changes makes the quote fail.
    func testAQuoteFailsOnceItsFileChanges() {
        let file = "on:\n  push:\n    branches: [main]\n  pull_request:\n"
        let quote = "on:\n  push:\n    branches: [main]"
        XCTAssertNil(DocSnippet.mismatch(quote, source: .file("f.yml"), fileText: file))
        XCTAssertNil(DocSnippet.mismatch(quote, source: .lines("f.yml", 1...3), fileText: file))
        let changed = file.replacingOccurrences(of: "[main]", with: "[main, release]")
        XCTAssertNotNil(DocSnippet.mismatch(quote, source: .file("f.yml"), fileText: changed))
        XCTAssertNotNil(DocSnippet.mismatch(quote, source: .lines("f.yml", 1...3), fileText: changed))
        // Lines of the file, but not together: still not a verbatim quote.
        XCTAssertNotNil(DocSnippet.mismatch("on:\n  pull_request:", source: .file("f.yml"), fileText: file))
        XCTAssertNotNil(DocSnippet.mismatch(quote, source: .lines("f.yml", 2...4), fileText: file))
    }

    func testMarkersAndFencesAreParsed() {
        let page = """
            Text.

            <!-- snippet: examples/a.yml#L2-L3 -->
            ```yaml
            a: 1
            ```

            <!-- snippet: illustrative -->
            ```toml
            x = 1
            ```

            ```yaml
            b: 2
            ```
            <!-- snippet: lost.yml -->
            A sentence in between.
            ```toml
            ```
            """
        let parsed = DocSnippet.parse(page)
        XCTAssertEqual(parsed.snippets.map(\.source), [.lines("examples/a.yml", 2...3), .illustrative, nil, nil])
        XCTAssertEqual(parsed.snippets.map(\.text), ["a: 1", "x = 1", "b: 2", ""])
        XCTAssertEqual(parsed.strayMarkers, [16])
    }

    func testEveryRelativeLinkPointsToAnExistingFileAndHeading() throws {
        var checked = 0
        for page in try Self.pages() {
            let text = try Self.read(page)
            let folder = Self.root.appendingPathComponent(page).deletingLastPathComponent()
            for (line, target) in MarkdownLinks.targets(in: text) {
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0])
                let anchor = parts.count > 1 ? String(parts[1]) : nil
                let file = path.isEmpty ? Self.root.appendingPathComponent(page) : folder.appendingPathComponent(path).standardized
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: file.path),
                    "\(page):\(line): links to \(target), but \(file.path) does not exist")
                if let anchor, file.pathExtension == "md", let linked = try? String(contentsOf: file, encoding: .utf8) {
                    XCTAssertTrue(
                        MarkdownLinks.anchors(in: linked).contains(anchor),
                        "\(page):\(line): links to \(target), but \(file.lastPathComponent) has no heading with that anchor")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testHeadingAnchorsFollowGitHub() {
        XCTAssertEqual(MarkdownLinks.slug("Quick start 1: benchmarks in your Swift package"), "quick-start-1-benchmarks-in-your-swift-package")
        XCTAssertEqual(
            MarkdownLinks.slug("`[defaults]` — every key can be overridden in a `[[benchmark]]`"),
            "defaults--every-key-can-be-overridden-in-a-benchmark")
        XCTAssertEqual(MarkdownLinks.anchors(in: "## A\n```\n## B\n```\n## A\n"), ["a", "a-1"])
        XCTAssertEqual(MarkdownLinks.targets(in: "[x](a.md) `[y](b.md)` ![z](c.png \"t\")").map(\.target), ["a.md", "c.png"])
    }

    func testTemplatesReadmeListsEveryTemplate() throws {
        let folder = Self.root.appendingPathComponent("Templates")
        let templates = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") })
        let readme = try Self.read("Templates/README.md")
        // Template names are lower case; `NAME.mustache` in the prose is a placeholder.
        let named = Set(readme.split(separator: "`").map(String.init).filter {
            $0.hasSuffix(".mustache") && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }
        })
        XCTAssertFalse(templates.isEmpty)
        XCTAssertEqual(templates.subtracting(named).sorted(), [], "Templates/README.md does not list these templates")
        XCTAssertEqual(named.subtracting(templates).sorted(), [], "Templates/README.md lists templates that do not exist")
    }

    /// The front door: the two commands first, the reference in docs/.
    func testReadmeOpensWithTheTwoCommandsAndStaysShort() throws {
        let lines = try Self.read("README.md").components(separatedBy: "\n")
        let opening = lines.prefix(40).joined(separator: "\n")
        XCTAssertTrue(opening.contains("swift run -c release benchboard"))
        XCTAssertTrue(opening.contains("swift test"))
        XCTAssertLessThanOrEqual(lines.count, 260, "README.md is the front door; move reference text to docs/")
    }
}
