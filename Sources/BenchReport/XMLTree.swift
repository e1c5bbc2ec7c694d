/// A small XML element tree that serialises itself with every text and attribute escaped.
///
/// junit.xml is written with this rather than FoundationXML on purpose: linking FoundationXML
/// makes every start of the benchboard binary load libxml2 and the system ICU, about 0.75 ms
/// measured here, and every isolated swift benchmark starts that binary as its worker. The
/// escaping is the same one the HTML pages use (`XHTMLEscaping`, after `TextSafety.xml` drops
/// what XML 1.0 cannot carry), and the tests parse the output with FoundationXML's XMLParser.
struct XMLTree {
    var name: String
    /// In output order.
    var attributes: [(name: String, value: String)] = []
    var text: String?
    var children: [XMLTree] = []

    init(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    /// The whole document, with the XML declaration and two-space indentation.
    func document() -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        render(into: &output, depth: 0)
        return output
    }

    private func render(into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + Self.escapeAttribute(attribute.value) + "\""
        }
        if children.isEmpty, text == nil {
            output += "/>\n"
            return
        }
        output += ">"
        if let text { output += Self.escapeText(text) }
        if !children.isEmpty {
            output += "\n"
            for child in children { child.render(into: &output, depth: depth + 1) }
            output += indent
        }
        output += "</" + name + ">\n"
    }

    static func escapeText(_ text: String) -> String {
        XHTMLEscaping().escapeText(TextSafety.xml(text))
    }

    /// Attribute values also keep tabs and line breaks, which a parser would otherwise fold into spaces.
    static func escapeAttribute(_ value: String) -> String {
        escapeText(value).replacingOccurrences(of: "\t", with: "&#9;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }
}
