import Mustache

/// One machine of the history on the dashboard (`machines.mustache`).
struct MachineRowView: Sendable {
    var machineAnchor: String
    var machineName: String
    var machineDetail: String
    var machineRuns: String
    var machineLatest: String
    /// The latest run was measured here.
    var isCurrent: Bool
}

/// One machine's series of one benchmark, with a chart of its own (`machine-series.mustache`).
struct MachineSeriesView: Sendable {
    var machineAnchor: String
    var machineName: String
    var machineDetail: String
    var machineRunsText: String
    var chart: MachineChartView
}

/// A plain line chart of one machine's medians: no zoom levels or bands, so it reads at a glance.
struct MachineChartView: Sendable {
    var chartID: String
    var chartTitle: String
    var chartDescription: String
    var width: String
    var height: String
    var plotLeft: String
    var plotRight: String
    var plotBottom: String
    var line: String
    var hasLine: Bool
    /// One per bucket of older runs whose medians differ (`ChartDownsampling`).
    var whiskers: [WhiskerView]
    var yTicks: [TickView]
    var xTicks: [TickView]
    var points: [MachinePointView]
    var failures: [MachinePointView]
}

/// A run's point on a machine chart, with its hover title.
struct MachinePointView: Sendable {
    var x: String
    var y: String
    var title: String
}

extension MachineRowView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "machineAnchor": machineAnchor
        case "machineName": machineName
        case "machineDetail": machineDetail
        case "machineRuns": machineRuns
        case "machineLatest": machineLatest
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

extension MachineSeriesView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "machineAnchor": machineAnchor
        case "machineName": machineName
        case "machineDetail": machineDetail
        case "machineRunsText": machineRunsText
        case "chart": chart
        default: nil
        }
    }
}

extension MachineChartView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chartID": chartID
        case "chartTitle": chartTitle
        case "chartDescription": chartDescription
        case "width": width
        case "height": height
        case "plotLeft": plotLeft
        case "plotRight": plotRight
        case "plotBottom": plotBottom
        case "line": line
        case "hasLine": hasLine
        case "whiskers": whiskers
        case "yTicks": yTicks
        case "xTicks": xTicks
        case "points": points
        case "failures": failures
        default: nil
        }
    }
}

extension MachinePointView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "x": x
        case "y": y
        case "title": title
        default: nil
        }
    }
}
