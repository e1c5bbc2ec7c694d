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
// library's fallback), and saying what kind each field is (`TemplateFields`), is what keeps
// 1000 runs × 100 benchmarks well under two seconds; ViewModelLookupTests checks that every
// stored field is answered. The switches are inlined where a list's element is asked, so that
// only the field asked for is read.
extension BenchmarkPage: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "title": .text(title)
        case "pageTitle": .text(pageTitle)
        case "root": .text(root)
        case "name": .text(name)
        case "groupName": .text(groupName)
        case "latestLine": .text(latestLine)
        case "latestClass": .text(latestClass)
        case "facts": .views(facts)
        case "failure": .view(ifAny: failure)
        case "zoomLinks": .views(zoomLinks)
        case "charts": .views(charts)
        case "hasTarget": .flag(hasTarget)
        case "steps": .views(steps)
        case "hasSteps": .flag(hasSteps)
        case "runRows": .views(runRows)
        case "runsText": .text(runsText)
        case "archiveLinks": .value(archiveLinks)
        case "hasArchive": .flag(hasArchive)
        case "machineSeries": .value(machineSeries)
        case "machineSeriesCount": .text(machineSeriesCount)
        case "hasMachineSeries": .flag(hasMachineSeries)
        case "verdicts": .views(verdicts)
        case "hasVerdicts": .flag(hasVerdicts)
        case "verdictsText": .text(verdictsText)
        case "processes": .views(processes)
        case "hasProcesses": .flag(hasProcesses)
        case "processesText": .text(processesText)
        case "memorySpreadText": .text(ifAny: memorySpreadText)
        default: nil
        }
    }
}

extension FactView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "label": .text(label)
        case "value": .text(value)
        default: nil
        }
    }
}

extension StepRowView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "stepDate": .text(stepDate)
        case "stepCommit": .text(stepCommit)
        case "stepCommitHref": .text(ifAny: stepCommitHref)
        case "before": .text(before)
        case "after": .text(after)
        case "stepPercent": .text(stepPercent)
        case "stepClass": .text(stepClass)
        case "stepNote": .text(ifAny: stepNote)
        case "stepHref": .text(ifAny: stepHref)
        default: nil
        }
    }
}

extension RunRowView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "rowAnchor": .text(rowAnchor)
        case "rowDate": .text(rowDate)
        case "rowCommit": .text(rowCommit)
        case "rowCommitHref": .text(ifAny: rowCommitHref)
        case "rowSubject": .text(rowSubject)
        case "rowJSON": .text(ifAny: rowJSON)
        case "outcomeIcon": .text(outcomeIcon)
        case "outcomeText": .text(outcomeText)
        case "outcomeClass": .text(outcomeClass)
        case "rowMedian": .text(rowMedian)
        case "rowSpread": .text(ifAny: rowSpread)
        case "rowMemory": .text(rowMemory)
        case "rowMemoryDetail": .text(rowMemoryDetail)
        case "rowCPU": .text(rowCPU)
        case "rowTotal": .text(rowTotal)
        case "rowChange": .view(ifAny: rowChange)
        case "rowMedianNote": .text(ifAny: rowMedianNote)
        default: nil
        }
    }
}

extension VerdictRowView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "metric": .text(metric)
        case "change": .text(change)
        case "verdict": .view(verdict)
        case "note": .text(ifAny: note)
        case "detects": .view(ifAny: detects)
        case "processSpread": .text(processSpread)
        default: nil
        }
    }
}

extension ProcessRowView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "round": .text(round)
        case "samples": .text(samples)
        case "median": .text(median)
        case "offset": .text(offset)
        case "outcomeIcon": .text(outcomeIcon)
        case "outcomeText": .text(outcomeText)
        case "outcomeClass": .text(outcomeClass)
        case "memory": .text(memory)
        case "cpu": .text(cpu)
        case "wall": .text(wall)
        case "busy": .text(busy)
        case "steal": .text(steal)
        case "rowClass": .text(rowClass)
        case "busyHint": .text(busyHint)
        default: nil
        }
    }
}
