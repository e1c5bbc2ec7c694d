import Mustache

/// A view model whose fields `TemplateRenderer` reads by kind, without a cast: a benchmark page
/// has tens of thousands of lookups, and asking each answer whether it is a String, a sequence,
/// a lambda or a custom representation (and re-boxing every array as `[Any]`) was a third of
/// rendering it.
///
/// The library reads the same fields through `child(named:)`, which answers from `field(_:)`,
/// so the two cannot disagree about what a field holds. A conforming type must be a plain struct
/// the library treats as an object: never also a `MustacheCustomRepresentation`,
/// `MustacheCustomRenderable`, `MustacheSequence` or lambda.
protocol TemplateFields: MustacheParent {
    /// The field called `key`; nil when there is none, or when it is an optional holding nil
    /// (the library then looks further up the context stack, as for a missing name).
    func field(_ key: String) -> TemplateValue?

    /// `list[index].field(key)`. A requirement (with a default) rather than code in the array's
    /// conformance, so each view type gets its own specialised copy, into which its `field(_:)`
    /// is inlined (the view types mark it so) and reads the one field in place: otherwise the
    /// element is copied first, retaining every string it holds.
    static func field(_ key: String, in list: [Self], at index: Int) -> TemplateValue?
}

extension TemplateFields {
    func child(named key: String) -> Any? {
        field(key)?.anyValue
    }

    static func field(_ key: String, in list: [Self], at index: Int) -> TemplateValue? {
        list[index].field(key)
    }
}

/// What a field holds, as far as rendering is concerned.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case view(any TemplateFields)
    case views(any TemplateViewList)
    /// Anything else (a list of strings, say): rendered the general way.
    case value(Any)

    /// The value as the library receives it from `child(named:)`.
    var anyValue: Any {
        switch self {
        case let .text(text): text
        case let .flag(flag): flag
        case let .view(view): view
        case let .views(views): views.anyValue
        case let .value(value): value
        }
    }
}

/// An array of view models, read element by element in place (no element is copied or boxed).
protocol TemplateViewList {
    var count: Int { get }
    /// The array itself, as the library receives it.
    var anyValue: Any { get }
    func field(_ name: String, at index: Int) -> TemplateValue?
    func element(at index: Int) -> Any
}

extension Array: TemplateViewList where Element: TemplateFields {
    var anyValue: Any { self }

    func field(_ name: String, at index: Int) -> TemplateValue? {
        Element.field(name, in: self, at: index)
    }

    func element(at index: Int) -> Any {
        self[index]
    }
}

// Short spellings for the view models' field switches.
extension TemplateValue {
    /// An optional string: nil when it holds nil.
    static func text(ifAny text: String?) -> TemplateValue? {
        text.map(TemplateValue.text)
    }

    /// An optional view model: nil when it holds nil.
    static func view(ifAny view: (any TemplateFields)?) -> TemplateValue? {
        view.map(TemplateValue.view)
    }
}
