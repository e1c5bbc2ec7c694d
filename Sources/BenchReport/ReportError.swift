import BenchModel
import Foundation

/// Why a report could not be rendered.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A template the renderer needs exists neither in the override folder nor in the binary.
    case templateMissing(name: String)
    /// A template file does not parse as Mustache.
    case templateInvalid(file: String, line: Int, column: Int, reason: String)
    /// The override folder cannot be read.
    case templatesDirectoryUnreadable(path: String, reason: String)
    /// An output file or folder cannot be created or written.
    case cannotWrite(path: String, reason: String)
    /// The file GITHUB_STEP_SUMMARY names refused the summary (not a wait: see `StepSummary`).
    case cannotAppendStepSummary(path: String, reason: String)

    public var description: String {
        switch self {
        case .templateMissing(let name):
            return "The report template \(name).mustache is missing: add it to the templates folder or remove the override."
        case .templateInvalid(let file, let line, let column, let reason):
            return "The report template \(file) is not valid Mustache at line \(line), column \(column): \(Reason.sentence(reason))"
        case .templatesDirectoryUnreadable(let path, let reason):
            return "Cannot read the templates folder \(path): \(Reason.clause(reason)). Check the path given in [report] templates or --templates."
        case .cannotWrite(let path, let reason):
            return "Cannot write \(path): \(Reason.clause(reason)). Check that the output folder is writable and has free space."
        case .cannotAppendStepSummary(let path, let reason):
            return "Cannot append the summary to GITHUB_STEP_SUMMARY (\(SafeText.escaped(path))): \(Reason.sentence(reason))"
        }
    }
}
