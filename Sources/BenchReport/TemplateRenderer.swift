import Mustache

/// A faster way to render the templates the library parsed, that can only fall back to the
/// library, never disagree with it.
///
/// swift-mustache spends most of a page in bookkeeping around each tag: it splits every name
/// at "." on every lookup, casts each value to half a dozen protocols, copies the context stack
/// for every element of a section, builds a string per element and per section and turns values
/// into text through `String(describing:)`. A benchmark page has thousands of tags (every chart
/// point is four), so at 1000 runs × 100 benchmarks that bookkeeping was a third of a report.
///
/// This renderer walks the very tokens the library parsed (read through reflection, so the
/// standalone-line and whitespace rules stay the library's) and follows the library's rules for
/// each one, writing into one string. Whatever it does not reproduce exactly makes it give up,
/// and the library renders the page instead: at compile time a template with transforms
/// (`{{index()}}`), dotted names, blocks, inheritance, dynamic partials or an indented
/// standalone partial; while rendering a lambda, a template or a `MustacheCustomRepresentation`
/// value. `TemplateRendererTests` renders every page of a varied history both ways and compares
/// the bytes.
struct TemplateRenderer: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, [Node])
        case invertedSection(String, [Node])
        case partial(String)
        case contentType(any MustacheContentType)
    }

    /// The compiled templates that this renderer can render, by name.
    private let templates: [String: [Node]]
    /// The library's HTML escaping, which every partial starts with.
    private let html: any MustacheContentType

    /// Nil when the library's tokens cannot be read (another version of it): the library then
    /// renders everything.
    init?(_ parsed: [String: MustacheTemplate]) {
        guard let html = Self.htmlContentType() else { return nil }
        self.html = html
        var templates: [String: [Node]] = [:]
        for (name, template) in parsed {
            if let nodes = Self.compile(template) { templates[name] = nodes }
        }
        self.templates = templates
    }

    /// Whether `name` and every partial it uses compiled (a model may still send it to the library).
    func canRender(_ name: String) -> Bool {
        var seen: Set<String> = []
        func check(_ name: String) -> Bool {
            guard seen.insert(name).inserted else { return true }
            guard let nodes = templates[name] else { return false }
            return nodes.allSatisfy(partialsCompile)
        }
        func partialsCompile(_ node: Node) -> Bool {
            switch node {
            case let .partial(name): check(name)
            case let .section(_, body), let .invertedSection(_, body): body.allSatisfy(partialsCompile)
            default: true
            }
        }
        return check(name)
    }

    /// The text of `name` rendered with `model`, or nil when the library must render it.
    func render(_ name: String, _ model: Any) -> String? {
        guard let nodes = templates[name] else { return nil }
        var output = ""
        output.reserveCapacity(1 << 16)
        var stack = [Frame(model)]
        guard render(nodes, stack: &stack, escaping: html, into: &output) else { return nil }
        return output
    }

    // MARK: Rendering

    /// One object of the context stack, with what the library would look names up in.
    private struct Frame {
        var object: Any
        var parent: (any MustacheParent)?
        /// Set when the object is a `MustacheCustomRepresentation` (not reproduced).
        var custom: Bool

        init(_ object: Any) {
            self.object = object
            custom = object is any MustacheCustomRepresentation
            parent = object as? any MustacheParent
        }
    }

    private enum Found {
        case value(Any)
        case missing
        case unsupported
    }

    /// False when the library must render the whole page instead.
    private func render(_ nodes: [Node], stack: inout [Frame], escaping: any MustacheContentType, into output: inout String) -> Bool {
        var escaping = escaping
        for node in nodes {
            switch node {
            case let .text(text):
                output += text
            case let .variable(name, escaped):
                let value: Any
                switch lookup(name, in: stack) {
                case .unsupported: return false
                case .missing: continue
                case let .value(found): value = found
                }
                guard let text = Self.text(of: value) else { return false }
                output += escaped ? escaping.escapeText(text) : text
            case let .section(name, body):
                let value: Any
                switch lookup(name, in: stack) {
                case .unsupported: return false
                case .missing: continue
                case let .value(found): value = found
                }
                if value is MustacheLambda || value is MustacheTemplate { return false }
                if let elements = value as? any MustacheSequence {
                    guard let array = elements as? [Any] else { return false }
                    for element in array {
                        stack.append(Frame(element))
                        let done = render(body, stack: &stack, escaping: escaping, into: &output)
                        stack.removeLast()
                        guard done else { return false }
                    }
                } else if let flag = value as? Bool {
                    if flag, !render(body, stack: &stack, escaping: escaping, into: &output) { return false }
                } else if let null = value as? any MustacheCustomRenderable, null.isNull {
                    continue
                } else {
                    stack.append(Frame(value))
                    let done = render(body, stack: &stack, escaping: escaping, into: &output)
                    stack.removeLast()
                    guard done else { return false }
                }
            case let .invertedSection(name, body):
                let found = lookup(name, in: stack)
                switch found {
                case .unsupported: return false
                case .missing:
                    if !render(body, stack: &stack, escaping: escaping, into: &output) { return false }
                case let .value(value):
                    if let elements = value as? any MustacheSequence {
                        // An empty sequence is pushed, as the library does, then the body rendered.
                        guard Self.isEmpty(elements) else { continue }
                        stack.append(Frame(value))
                        let done = render(body, stack: &stack, escaping: escaping, into: &output)
                        stack.removeLast()
                        guard done else { return false }
                    } else if let flag = value as? Bool {
                        if !flag, !render(body, stack: &stack, escaping: escaping, into: &output) { return false }
                    } else if let null = value as? any MustacheCustomRenderable, null.isNull {
                        if !render(body, stack: &stack, escaping: escaping, into: &output) { return false }
                    }
                }
            case let .partial(name):
                // A partial the library does not know renders as nothing; one this renderer
                // cannot render sends the page to the library.
                guard let partial = templates[name] else { return false }
                if !render(partial, stack: &stack, escaping: html, into: &output) { return false }
            case let .contentType(type):
                escaping = type
            }
        }
        return true
    }

    /// The library's `getChild` for a plain name: "." is the top of the stack; any other name is
    /// looked up from the top down, in a `MustacheParent` through `child(named:)`, in anything
    /// else through its mirror's labelled children.
    private func lookup(_ name: String, in stack: [Frame]) -> Found {
        var child: Any?
        if name == "." {
            guard let top = stack.last else { return .missing }
            if top.custom { return .unsupported }
            child = top.object
        } else {
            for frame in stack.reversed() {
                if frame.custom { return .unsupported }
                if let parent = frame.parent {
                    if let value = parent.child(named: name) {
                        child = value
                        break
                    }
                } else if let value = Self.mirrorChild(name, of: frame.object) {
                    child = value
                    break
                }
            }
        }
        guard let child else { return .missing }
        if child is String { return .value(child) }
        if child is any MustacheCustomRepresentation { return .unsupported }
        return .value(child)
    }

    /// `Mirror.getValue(forKey:)` of the library: the first child with that label, an optional unwrapped.
    private static func mirrorChild(_ name: String, of object: Any) -> Any? {
        guard let matched = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: matched.value)
        guard mirror.displayStyle == .optional else { return matched.value }
        return mirror.children.first?.value
    }

    /// A variable's text before escaping, as the library makes it; nil for what it renders in a
    /// way not reproduced here (a template, a lambda).
    private static func text(of value: Any) -> String? {
        if let text = value as? String { return text }
        if value is MustacheTemplate || value is MustacheLambda { return nil }
        if let renderable = value as? any MustacheCustomRenderable { return renderable.renderText }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value {
            return String(describing: wrapped)
        }
        return String(describing: value)
    }

    private static func isEmpty(_ sequence: any MustacheSequence) -> Bool {
        func empty<S: Sequence>(_ s: S) -> Bool {
            var iterator = s.makeIterator()
            return iterator.next() == nil
        }
        return empty(sequence)
    }

    // MARK: Compiling the library's tokens

    /// The library's parsed tokens of `template`, as nodes; nil when a token is one this renderer
    /// does not reproduce.
    private static func compile(_ template: MustacheTemplate) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else { return nil }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = node(token.value) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
        let fields = Array(Mirror(reflecting: payload.value).children)
        func field(_ label: String) -> Any? { fields.first { $0.label == label }?.value }
        func plainName() -> String? {
            guard let name = field("name") as? String, let transforms = field("transforms") as? [String], transforms.isEmpty,
                !name.isEmpty, name == "." || !name.contains(".")
            else { return nil }
            return name
        }
        switch kind {
        case "text":
            return (payload.value as? String).map(Node.text)
        case "variable", "unescapedVariable":
            return plainName().map { Node.variable($0, escaped: kind == "variable") }
        case "section", "invertedSection":
            guard let name = plainName(), let template = field("template") as? MustacheTemplate, let body = compile(template)
            else { return nil }
            return kind == "section" ? .section(name, body) : .invertedSection(name, body)
        case "partial":
            guard fields.count == 3, let name = fields[0].value as? String else { return nil }
            // Only a partial that adds no indentation and inherits nothing renders as the library's.
            let indentation = Mirror(reflecting: fields[1].value).children.first?.value as? String
            guard indentation == nil || indentation == "", Mirror(reflecting: fields[2].value).children.isEmpty else { return nil }
            return .partial(name)
        case "contentType":
            return (payload.value as? any MustacheContentType).map(Node.contentType)
        default:
            return nil
        }
    }

    /// The library's own HTML escaping, which it gives every partial: read from a parsed pragma,
    /// since its type is not public.
    private static func htmlContentType() -> (any MustacheContentType)? {
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"), let nodes = compile(template),
            nodes.count == 1, case let .contentType(type) = nodes[0]
        else { return nil }
        return type
    }
}
