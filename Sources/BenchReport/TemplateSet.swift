import Foundation
import Mustache

/// The compiled templates: the embedded ones, each replaced by a file of the same name from
/// the override folder when there is one. Partials resolve through the same set, so a
/// partial can be overridden too.
struct TemplateSet: Sendable {
    static let required = ["index", "benchmark", "archive", "runs", "summary", "style.css"]

    private let library: MustacheLibrary
    /// Renders what it can of the same parsed templates faster; the library renders the rest.
    private let renderer: TemplateRenderer?
    /// Every template's name and text (overrides included): what rendered pages are keyed on
    /// (`PageCache`), so changing a template renders every page again.
    let digest: PageKey

    /// `fastPath` false renders everything through the library (for the tests that compare the two).
    init(overrides directory: URL?, fastPath: Bool = true) throws(ReportError) {
        // The library keeps content types in its own registry and resolves the pragma while
        // parsing; registering the same escaper again is harmless.
        MustacheContentTypes.register(XHTMLEscaping(), named: XHTMLEscaping.name)
        var texts = EmbeddedTemplates.all
        var origins: [String: String] = [:]
        for name in texts.keys { origins[name] = "Templates/\(name).mustache (embedded)" }
        if let directory {
            for (name, file) in try Self.overrideFiles(in: directory) {
                do {
                    texts[name] = try String(contentsOf: file, encoding: .utf8)
                    origins[name] = file.path
                } catch {
                    throw .templatesDirectoryUnreadable(path: file.path, reason: "the file is not readable UTF-8 text")
                }
            }
        }
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        for (name, text) in texts {
            do {
                let template = try MustacheTemplate(string: text)
                parsed[name] = template
                library.register(template, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .templateInvalid(
                    file: origins[name] ?? name, line: error.context.lineNumber, column: error.context.columnNumber,
                    reason: String(describing: error.error))
            } catch {
                throw .templateInvalid(file: origins[name] ?? name, line: 0, column: 0, reason: String(describing: error))
            }
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw .templateMissing(name: name)
        }
        self.library = library
        renderer = fastPath ? TemplateRenderer(parsed) : nil
        var digest = PageDigest()
        for name in texts.keys.sorted() {
            digest.string(name)
            digest.string(texts[name] ?? "")
        }
        self.digest = digest.key
    }

    private static func overrideFiles(in directory: URL) throws(ReportError) -> [(String, URL)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .templatesDirectoryUnreadable(path: directory.path, reason: "it does not exist or is not a folder")
        }
        return names.filter { $0.hasSuffix(".mustache") }.sorted().map { file in
            (String(file.dropLast(".mustache".count)), directory.appendingPathComponent(file))
        }
    }

    /// Renders a template known to exist (checked in `init`).
    func render(_ name: String, _ model: Any) -> String {
        if let text = renderer?.render(name, model) { return text }
        return library.render(model, withTemplate: name) ?? ""
    }

    /// `render` through the library alone: what `TemplateRenderer` must agree with.
    func renderWithLibrary(_ name: String, _ model: Any) -> String {
        library.render(model, withTemplate: name) ?? ""
    }

    /// Whether `TemplateRenderer` renders `name` itself (when the model holds nothing it leaves to the library).
    func hasFastPath(_ name: String) -> Bool {
        renderer?.canRender(name) ?? false
    }
}
