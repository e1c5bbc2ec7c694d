/// The syntax tree of a `NamePattern`.
indirect enum PatternNode: Sendable, Equatable {
    case empty
    case scalar(ScalarClass)
    case start
    case end
    case sequence([PatternNode])
    case choice([PatternNode])
    /// `max == nil`: unbounded.
    case repeated(PatternNode, min: Int, max: Int?)
}
