/// An import that cannot go ahead: which file, and what is wrong with it.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: ImportProblem

    public var description: String { "\(path): \(problem)" }
}
