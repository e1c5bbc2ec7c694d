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
// library's fallback), and saying what kind each field is (`TemplateFields`), is what keeps
// 1000 runs × 100 benchmarks well under two seconds; ViewModelLookupTests checks that every
// stored field is answered. The switches are inlined where a list's element is asked, so that
// only the field asked for is read.
extension MarkView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "x": .text(x)
        case "y": .text(y)
        case "title": .text(title)
        default: nil
        }
    }
}

extension TickView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "position": .text(position)
        case "text": .text(text)
        case "anchor": .text(anchor)
        default: nil
        }
    }
}

extension StepMarkView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "x": .text(x)
        case "stepTitle": .text(stepTitle)
        case "stepClass": .text(stepClass)
        default: nil
        }
    }
}

extension WhiskerView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "x": .text(x)
        case "top": .text(top)
        case "bottom": .text(bottom)
        default: nil
        }
    }
}

extension SparklineView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "width": .text(width)
        case "height": .text(height)
        case "line": .text(line)
        case "hasLine": .flag(hasLine)
        case "last": .view(ifAny: last)
        case "failures": .views(failures)
        case "steps": .views(steps)
        case "label": .text(label)
        default: nil
        }
    }
}

extension TrendChartView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "chartID": .text(chartID)
        case "zoomLabel": .text(zoomLabel)
        case "chartClass": .text(chartClass)
        case "chartTitle": .text(chartTitle)
        case "chartDescription": .text(chartDescription)
        case "width": .text(width)
        case "height": .text(height)
        case "yUnit": .text(yUnit)
        case "plotLeft": .text(plotLeft)
        case "plotRight": .text(plotRight)
        case "plotTop": .text(plotTop)
        case "plotBottom": .text(plotBottom)
        case "band": .text(band)
        case "hasBand": .flag(hasBand)
        case "line": .text(line)
        case "hasLine": .flag(hasLine)
        case "whiskers": .text(whiskers)
        case "hasWhiskers": .flag(hasWhiskers)
        case "target": .view(ifAny: target)
        case "yTicks": .views(yTicks)
        case "xTicks": .views(xTicks)
        case "points": .views(points)
        case "pointClass": .text(pointClass)
        case "failures": .views(failures)
        case "steps": .views(steps)
        default: nil
        }
    }
}

extension ZoomLinkView: TemplateFields {
    @inline(__always) func field(_ key: String) -> TemplateValue? {
        switch key {
        case "href": .text(href)
        case "text": .text(text)
        default: nil
        }
    }
}
