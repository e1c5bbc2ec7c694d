/// A limit a child or a batch ran into.
public enum LimitKind: String, Sendable, Equatable, CaseIterable {
    case memory, processes, cpu, openFiles, output
}
