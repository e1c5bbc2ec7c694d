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
    var steps: [StepRowView]
    var hasSteps: Bool
    var runRows: [RunRowView]
    var runsText: String
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
    var before: String
    var after: String
    var stepPercent: String
    var stepClass: String
}

/// One run of this benchmark, newest first.
struct RunRowView: Sendable {
    var rowDate: String
    var rowCommit: String
    var rowSubject: String
    var rowJSON: String?
    var outcomeIcon: String
    var outcomeText: String
    var outcomeClass: String
    var rowMedian: String
    var rowSpread: String?
    var rowMemory: String
    var rowCPU: String
    var rowTotal: String
    var rowChange: BadgeView?
}
