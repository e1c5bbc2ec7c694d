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
    /// One link per quarter of older runs (`RunArchive`), oldest first; empty when the table lists every run.
    var archiveLinks: [ArchiveLinkView] = []
    var hasArchive = false
    /// This benchmark's series per machine, when it ran on more than one (machine-series.mustache).
    var machineSeries: [MachineSeriesView] = []
    var machineSeriesCount = ""
    var hasMachineSeries = false
    /// The latest run's verdict per metric against its baseline, or empty without a comparison.
    var verdicts: [VerdictRowView] = []
    var hasVerdicts = false
    /// What the verdicts were judged against: "Against run … of …" or "Judged A/B against main @ abc1234 in this job."
    var verdictsText = ""
    /// The latest run's processes, one row each.
    var processes: [ProcessRowView] = []
    var hasProcesses = false
    /// "4 processes in rounds; busy machine or steal marked".
    var processesText = ""
    /// Set when the processes disagree on memory: their range, explained.
    var memorySpreadText: String? = nil
}

/// One metric's verdict of the latest run.
struct VerdictRowView: Sendable {
    var metric: String
    var change: String
    var verdict: BadgeView
    /// Why, shown in full under the verdict (a hover title is lost on phones).
    var note: String?
    /// "detects ≥ 4.2%" / "cannot gate 5%: detects ≥ 23%", or "–".
    var detects: BadgeView?
    /// "±3.1%": how far this run's processes spread around their median.
    var processSpread: String
}

/// One process of the latest run.
struct ProcessRowView: Sendable {
    var round: String
    var samples: String
    var median: String
    /// Its median against the median of all processes' medians: "+2.1%".
    var offset: String
    var outcomeIcon: String
    var outcomeText: String
    var outcomeClass: String
    var memory: String
    var cpu: String
    var wall: String
    var busy: String
    var steal: String
    /// "busy" when the machine was busy or stolen from while it ran, else "".
    var rowClass: String
    var busyHint: String
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
    /// The run's row: "#run-…" in the table, else its row in runs.html or its quarter's archive.
    var stepHref: String? = nil
}

/// One run of this benchmark, newest first.
struct RunRowView: Sendable {
    /// `RunArchive.anchor` of the run id: what run links point at.
    var rowAnchor: String
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
    /// "per inner iteration (× 1000)" when the times are divided by a scaling factor.
    var rowMedianNote: String? = nil
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
        case "archiveLinks": archiveLinks
        case "hasArchive": hasArchive
        case "machineSeries": machineSeries
        case "machineSeriesCount": machineSeriesCount
        case "hasMachineSeries": hasMachineSeries
        case "verdicts": verdicts
        case "hasVerdicts": hasVerdicts
        case "verdictsText": verdictsText
        case "processes": processes
        case "hasProcesses": hasProcesses
        case "processesText": processesText
        case "memorySpreadText": memorySpreadText
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
        case "stepHref": stepHref
        default: nil
        }
    }
}

extension RunRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "rowAnchor": rowAnchor
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
        case "rowMedianNote": rowMedianNote
        default: nil
        }
    }
}

extension VerdictRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "metric": metric
        case "change": change
        case "verdict": verdict
        case "note": note
        case "detects": detects
        case "processSpread": processSpread
        default: nil
        }
    }
}

extension ProcessRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "round": round
        case "samples": samples
        case "median": median
        case "offset": offset
        case "outcomeIcon": outcomeIcon
        case "outcomeText": outcomeText
        case "outcomeClass": outcomeClass
        case "memory": memory
        case "cpu": cpu
        case "wall": wall
        case "busy": busy
        case "steal": steal
        case "rowClass": rowClass
        case "busyHint": busyHint
        default: nil
        }
    }
}
