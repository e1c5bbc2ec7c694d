import Mustache

// View models of the inline SVG charts: coordinates already computed and formatted, so the
// templates only place them.

/// A point or marker with a hover title.
struct MarkView: Sendable {
    var x: String
    var y: String
    var title: String
}

/// An axis label at a position along its axis.
struct TickView: Sendable {
    var position: String
    var text: String
    /// SVG text-anchor: the outermost x labels align inwards so they are never clipped.
    var anchor: String = "middle"
}

/// A step (change point) drawn as a vertical line.
struct StepMarkView: Sendable {
    var x: String
    var stepTitle: String
    var stepClass: String
}

/// A bucket's min/max envelope of medians, drawn as a vertical whisker (see `ChartDownsampling`).
struct WhiskerView: Sendable {
    var x: String
    var top: String
    var bottom: String
}

/// The small trend on each dashboard row.
struct SparklineView: Sendable {
    var width: String
    var height: String
    /// `points` attribute of the median polyline; empty when nothing succeeded in the window.
    var line: String
    var hasLine: Bool
    var last: MarkView?
    var failures: [MarkView]
    var steps: [StepMarkView]
    /// Read by screen readers and shown on hover.
    var label: String
}

/// One zoom level of the trend chart on a benchmark page.
struct TrendChartView: Sendable {
    /// Fragment id the zoom links point at ("all", "last-30").
    var chartID: String
    var zoomLabel: String
    /// "zoom" or "zoom zoom-default": the default is shown unless another level is targeted.
    var chartClass: String
    var chartTitle: String
    var chartDescription: String
    var width: String
    var height: String
    /// The unit of every y label ("ms"), written once at the top of the axis.
    var yUnit: String
    var plotLeft: String
    var plotRight: String
    var plotTop: String
    var plotBottom: String
    /// Polygon of the spread band (high edge forward, low edge back).
    var band: String
    var hasBand: Bool
    var line: String
    var hasLine: Bool
    /// The `d` of one path holding a vertical line ("M x top V bottom") per bucket of older runs
    /// whose medians differ: each bucket's lowest to highest median.
    var whiskers: String
    var hasWhiskers: Bool
    var target: TickView?
    var yTicks: [TickView]
    var xTicks: [TickView]
    var points: [MarkView]
    /// "pt", or "pt dense" when there are too many points to draw as dots (they stay hoverable):
    /// the class of the group that holds them, so no point repeats it.
    var pointClass: String
    var failures: [MarkView]
    var steps: [StepMarkView]
}

/// A link to one zoom level.
struct ZoomLinkView: Sendable {
    var href: String
    var text: String
}


// Mustache looks fields up by name. Answering from a switch instead of through Mirror (the
// library's fallback) is what keeps 1000 runs × 100 benchmarks well under two seconds;
// ViewModelLookupTests checks that every stored field is answered.
extension MarkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "x": x
        case "y": y
        case "title": title
        default: nil
        }
    }
}

extension TickView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "position": position
        case "text": text
        case "anchor": anchor
        default: nil
        }
    }
}

extension StepMarkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "x": x
        case "stepTitle": stepTitle
        case "stepClass": stepClass
        default: nil
        }
    }
}

extension WhiskerView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "x": x
        case "top": top
        case "bottom": bottom
        default: nil
        }
    }
}

extension SparklineView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "width": width
        case "height": height
        case "line": line
        case "hasLine": hasLine
        case "last": last
        case "failures": failures
        case "steps": steps
        case "label": label
        default: nil
        }
    }
}

extension TrendChartView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "chartID": chartID
        case "zoomLabel": zoomLabel
        case "chartClass": chartClass
        case "chartTitle": chartTitle
        case "chartDescription": chartDescription
        case "width": width
        case "height": height
        case "yUnit": yUnit
        case "plotLeft": plotLeft
        case "plotRight": plotRight
        case "plotTop": plotTop
        case "plotBottom": plotBottom
        case "band": band
        case "hasBand": hasBand
        case "line": line
        case "hasLine": hasLine
        case "whiskers": whiskers
        case "hasWhiskers": hasWhiskers
        case "target": target
        case "yTicks": yTicks
        case "xTicks": xTicks
        case "points": points
        case "pointClass": pointClass
        case "failures": failures
        case "steps": steps
        default: nil
        }
    }
}

extension ZoomLinkView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "text": text
        default: nil
        }
    }
}
