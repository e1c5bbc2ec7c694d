import Mustache

/// The view model of `benchmark.mustache`: one benchmark over the whole history.
struct BenchmarkPage: Sendable {
    var title: String
    var pageTitle: String
    var root: String
    var name: String
    var groupName: String
    /// The seed's result line of the latest result.
    var latestLine: String
    var latestClass: String
    var facts: [FactView]
    var failure: FailureView?
    var zoomLinks: [ZoomLinkView]
    var charts: [TrendChartView]
    var hasTarget: Bool
    var steps: [StepRowView]
    var hasSteps: Bool
    var runRows: [RunRowView]
    var runsText: String
    /// This benchmark's series per machine, when it ran on more than one (machine-series.mustache).
    var machineSeries: [MachineSeriesView] = []
    var machineSeriesCount = ""
    var hasMachineSeries = false
}

/// A label and its value in the page header.
struct FactView: Sendable {
    var label: String
    var value: String
}

/// A detected step (change point) in the history.
struct StepRowView: Sendable {
    var stepDate: String
    var stepCommit: String
    var stepCommitHref: String?
    var before: String
    var after: String
    var stepPercent: String
    var stepClass: String
    /// Set for the newest run's jump that is not yet a confirmed step.
    var stepNote: String?
}

/// One run of this benchmark, newest first.
struct RunRowView: Sendable {
    var rowDate: String
    var rowCommit: String
    var rowCommitHref: String?
    var rowSubject: String
    var rowJSON: String?
    var outcomeIcon: String
    var outcomeText: String
    var outcomeClass: String
    var rowMedian: String
    var rowSpread: String?
    var rowMemory: String
    var rowMemoryDetail: String
    var rowCPU: String
    var rowTotal: String
    var rowChange: BadgeView?
}


// Mustache looks fields up by name. Answering from a switch instead of through Mirror (the
// library's fallback) is what keeps 1000 runs × 100 benchmarks well under two seconds;
// ViewModelLookupTests checks that every stored field is answered.
extension BenchmarkPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "pageTitle": pageTitle
        case "root": root
        case "name": name
        case "groupName": groupName
        case "latestLine": latestLine
        case "latestClass": latestClass
        case "facts": facts
        case "failure": failure
        case "zoomLinks": zoomLinks
        case "charts": charts
        case "hasTarget": hasTarget
        case "steps": steps
        case "hasSteps": hasSteps
        case "runRows": runRows
        case "runsText": runsText
        case "machineSeries": machineSeries
        case "machineSeriesCount": machineSeriesCount
        case "hasMachineSeries": hasMachineSeries
        default: nil
        }
    }
}

extension FactView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

extension StepRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "stepDate": stepDate
        case "stepCommit": stepCommit
        case "stepCommitHref": stepCommitHref
        case "before": before
        case "after": after
        case "stepPercent": stepPercent
        case "stepClass": stepClass
        case "stepNote": stepNote
        default: nil
        }
    }
}

extension RunRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "rowDate": rowDate
        case "rowCommit": rowCommit
        case "rowCommitHref": rowCommitHref
        case "rowSubject": rowSubject
        case "rowJSON": rowJSON
        case "outcomeIcon": outcomeIcon
        case "outcomeText": outcomeText
        case "outcomeClass": outcomeClass
        case "rowMedian": rowMedian
        case "rowSpread": rowSpread
        case "rowMemory": rowMemory
        case "rowMemoryDetail": rowMemoryDetail
        case "rowCPU": rowCPU
        case "rowTotal": rowTotal
        case "rowChange": rowChange
        default: nil
        }
    }
}
