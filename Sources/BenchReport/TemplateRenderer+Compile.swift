import Mustache

extension TemplateRenderer {
    // MARK: Compiling the library's tokens

    /// The library's parsed tokens of `template`, as nodes; nil when a token is one this renderer
    /// does not reproduce.
    static func compile(_ template: MustacheTemplate) -> [Node]? {
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
    static func htmlContentType() -> (any MustacheContentType)? {
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"), let nodes = compile(template),
            nodes.count == 1, case let .contentType(type) = nodes[0]
        else { return nil }
        return type
    }
}
