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
/// value. View models that are `TemplateFields` say what each field holds, so they are read
/// without a cast and their lists element by element in place; anything else is read the way
/// the library reads it. `TemplateRendererTests` renders every page of a varied history both
/// ways and compares the bytes.
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
    private enum Frame {
        /// A view model read through `TemplateFields`.
        case fields(any TemplateFields)
        /// An element of an array of view models, read in place.
        case element(any TemplateViewList, Int)
        /// A string (a section over an optional string): it has no named children.
        case text(String)
        /// Anything else, read as the library reads it; `custom` when it is a
        /// `MustacheCustomRepresentation` (not reproduced).
        case other(Any, parent: (any MustacheParent)?, custom: Bool)

        init(_ object: Any) {
            if let fields = object as? any TemplateFields {
                self = .fields(fields)
            } else if let text = object as? String {
                self = .text(text)
            } else {
                self = .other(object, parent: object as? any MustacheParent, custom: object is any MustacheCustomRepresentation)
            }
        }
    }

    private enum Found {
        case typed(TemplateValue)
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
                let text: String
                switch lookup(name, in: stack) {
                case .unsupported: return false
                case .missing: continue
                case let .typed(.text(found)): text = found
                case let .typed(value):
                    guard let found = Self.text(of: value.anyValue) else { return false }
                    text = found
                case let .value(value):
                    guard let found = Self.text(of: value) else { return false }
                    text = found
                }
                output += escaped ? escaping.escapeText(text) : text
            case let .section(name, body):
                switch lookup(name, in: stack) {
                case .unsupported: return false
                case .missing: continue
                case let .typed(value):
                    guard typedSection(value, body, stack: &stack, escaping: escaping, into: &output) else { return false }
                case let .value(value):
                    guard anySection(value, body, stack: &stack, escaping: escaping, into: &output) else { return false }
                }
            case let .invertedSection(name, body):
                let shows: Bool
                switch lookup(name, in: stack) {
                case .unsupported: return false
                case .missing: shows = true
                case let .typed(.flag(flag)): shows = !flag
                case let .typed(.views(views)):
                    guard views.count == 0 else { continue }
                    // An empty sequence is pushed, as the library does, then the body rendered.
                    guard render(body, above: Frame(views.anyValue), stack: &stack, escaping: escaping, into: &output) else { return false }
                    continue
                case .typed(.text), .typed(.view): shows = false
                case let .typed(.value(value)), let .value(value):
                    switch Self.invertedRendering(of: value) {
                    case let .pushing(object):
                        guard render(body, above: Frame(object), stack: &stack, escaping: escaping, into: &output) else { return false }
                        continue
                    case .inPlace: shows = true
                    case .not: shows = false
                    }
                }
                if shows, !render(body, stack: &stack, escaping: escaping, into: &output) { return false }
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

    /// A section over a field of a view model: no cast tells what it holds.
    private func typedSection(
        _ value: TemplateValue, _ body: [Node], stack: inout [Frame], escaping: any MustacheContentType, into output: inout String
    ) -> Bool {
        let frame: Frame
        switch value {
        case let .flag(flag):
            return !flag || render(body, stack: &stack, escaping: escaping, into: &output)
        case let .views(views):
            for index in 0..<views.count {
                guard render(body, above: .element(views, index), stack: &stack, escaping: escaping, into: &output) else { return false }
            }
            return true
        case let .text(text): frame = .text(text)
        case let .view(view): frame = .fields(view)
        case let .value(value):
            return anySection(value, body, stack: &stack, escaping: escaping, into: &output)
        }
        return render(body, above: frame, stack: &stack, escaping: escaping, into: &output)
    }

    /// A section over any other value, as the library renders it.
    private func anySection(_ value: Any, _ body: [Node], stack: inout [Frame], escaping: any MustacheContentType, into output: inout String)
        -> Bool
    {
        if value is MustacheLambda || value is MustacheTemplate { return false }
        if let elements = value as? any MustacheSequence {
            guard let array = elements as? [Any] else { return false }
            for element in array {
                guard render(body, above: Frame(element), stack: &stack, escaping: escaping, into: &output) else { return false }
            }
            return true
        }
        if let flag = value as? Bool {
            return !flag || render(body, stack: &stack, escaping: escaping, into: &output)
        }
        if let null = value as? any MustacheCustomRenderable, null.isNull { return true }
        return render(body, above: Frame(value), stack: &stack, escaping: escaping, into: &output)
    }

    /// `body` rendered with `frame` on top of the context stack, which is as it was afterwards.
    private func render(
        _ body: [Node], above frame: Frame, stack: inout [Frame], escaping: any MustacheContentType, into output: inout String
    ) -> Bool {
        stack.append(frame)
        defer { stack.removeLast() }
        return render(body, stack: &stack, escaping: escaping, into: &output)
    }

    /// How an inverted section over any other value renders: with the value pushed (an empty
    /// sequence), in place (false, a null), or not at all.
    private enum InvertedRendering {
        case pushing(Any)
        case inPlace
        case not
    }

    private static func invertedRendering(of value: Any) -> InvertedRendering {
        if let elements = value as? any MustacheSequence { return isEmpty(elements) ? .pushing(value) : .not }
        if let flag = value as? Bool { return flag ? .not : .inPlace }
        if let null = value as? any MustacheCustomRenderable, null.isNull { return .inPlace }
        return .not
    }

    /// The library's `getChild` for a plain name: "." is the top of the stack; any other name is
    /// looked up from the top down, in a `MustacheParent` through `child(named:)`, in anything
    /// else through its mirror's labelled children.
    private func lookup(_ name: String, in stack: [Frame]) -> Found {
        var child: Any?
        if name == "." {
            guard let top = stack.last else { return .missing }
            switch top {
            case let .fields(view): child = view
            case let .element(views, index): child = views.element(at: index)
            case let .text(text): return .typed(.text(text))
            case let .other(object, _, custom):
                if custom { return .unsupported }
                child = object
            }
        } else {
            // By index, from the top: iterating the reversed stack copied every frame it passed.
            var level = stack.count
            search: while level > 0 {
                level -= 1
                switch stack[level] {
                case let .fields(view):
                    if let value = view.field(name) { return Self.found(value) }
                case let .element(views, index):
                    if let value = views.field(name, at: index) { return Self.found(value) }
                case .text:
                    // A string's mirror has no labelled children.
                    continue
                case let .other(object, parent, custom):
                    if custom { return .unsupported }
                    if let parent {
                        if let value = parent.child(named: name) {
                            child = value
                            break search
                        }
                    } else if let value = Self.mirrorChild(name, of: object) {
                        child = value
                        break search
                    }
                }
            }
        }
        guard let child else { return .missing }
        if child is String { return .value(child) }
        if child is any MustacheCustomRepresentation { return .unsupported }
        return .value(child)
    }

    /// A view model's field as found: its kind says all for text, flags and view models; a field
    /// of any other type is checked as a value from anywhere else is.
    private static func found(_ value: TemplateValue) -> Found {
        guard case let .value(other) = value else { return .typed(value) }
        if other is String { return .value(other) }
        if other is any MustacheCustomRepresentation { return .unsupported }
        return .value(other)
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
}
