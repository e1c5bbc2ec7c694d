import BenchAnalysis
import BenchModel
import BenchReport
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

final class DashboardTests: XCTestCase {
    private var output: URL!

    override func setUpWithError() throws {
        output = try Fixtures.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: output)
    }

    @discardableResult
    private func render(_ input: ReportInput = Fixtures.history(), options: ReportOptions = .init()) throws -> [URL] {
        try ReportRenderer(options: options).write(input, to: output)
    }

    func testWritesEveryOutputAndEveryPageIsWellFormed() throws {
        let written = try render()
        let names = Set(written.map { $0.path.replacingOccurrences(of: output.standardizedFileURL.path + "/", with: "") })
        for expected in [
            "index.html", "runs.html", "style.css", "summary.md", "junit.xml", "benchmarks/parse.html",
            "benchmarks/encode.html", "benchmarks/sort.html", "benchmarks/spin.html",
        ] {
            XCTAssertTrue(names.contains(expected), "missing \(expected) in \(names.sorted())")
        }
        for file in written where file.pathExtension == "html" || file.pathExtension == "xml" {
            Fixtures.assertWellFormed(try Data(contentsOf: file), file.lastPathComponent)
        }
    }

    func testDashboardShowsVerdictLatestRunAndOneRowPerBenchmark() throws {
        try render()
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let headline = try Fixtures.texts(page, "//*[local-name()='h1']")
        XCTAssertEqual(headline, ["2 of 4 benchmarks failed"])
        let facts = try Fixtures.texts(page, "//*[local-name()='dl']/*[local-name()='div']/*[local-name()='dd']")
        XCTAssertTrue(facts.contains("2/4"), "passed count in \(facts)")
        XCTAssertTrue(facts.contains("on"), "isolation in \(facts)")
        XCTAssertTrue(facts.contains("release"), "build in \(facts)")
        XCTAssertTrue(facts.contains { $0.hasPrefix("0000002") }, "commit in \(facts)")

        let rows = try page.nodes(forXPath: "//*[local-name()='tr'][starts-with(@id, 'b-')]")
        XCTAssertEqual(rows.count, 4)
        // Within each group, the failing benchmark sorts above the passing ones.
        let core = try Fixtures.texts(
            page, "//*[local-name()='h2'][@id='g-core']/following-sibling::*[1]//*[local-name()='tr'][starts-with(@id,'b-')]/*[local-name()='td'][2]/*[local-name()='a']")
        XCTAssertEqual(core, ["Sort", "Parse"])
        let io = try Fixtures.texts(
            page, "//*[local-name()='h2'][@id='g-io']/following-sibling::*[1]//*[local-name()='tr'][starts-with(@id,'b-')]/*[local-name()='td'][2]/*[local-name()='a']")
        XCTAssertEqual(io, ["Spin", "Encode"])
        // Groups with problems come first, and the table has header cells.
        let headers = try Fixtures.texts(page, "(//*[local-name()='table'])[1]//*[local-name()='th']")
        XCTAssertEqual(headers.first, "Status")
        XCTAssertTrue(headers.contains("💾 Memory"))
    }

    func testFailureRowsSayWhy() throws {
        try render()
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let why = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-sort']/following-sibling::*[1]//*[local-name()='li']")
        XCTAssertEqual(why.first, "Exited with code 3")
        let stderr = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-sort']/following-sibling::*[1]//*[local-name()='pre']")
        XCTAssertEqual(stderr, ["boom\nFatal error: <bad> & \"worse\""])
        let timeout = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-spin']/following-sibling::*[1]//*[local-name()='li']")
        XCTAssertEqual(timeout.first, "Ran over its time limit of 500 ms; ended by SIGKILL")
        let problems = try Fixtures.texts(page, "//*[local-name()='section'][@class='problems']//*[local-name()='a']")
        XCTAssertEqual(problems, ["Sort", "Spin", "Parse", "Encode"])
    }

    func testRowShowsTimingTargetChangeAndSparkline() throws {
        try render()
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let parse = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']/*[local-name()='td']")
        XCTAssertEqual(parse[2], "2.80 ms±1.0%")
        // The change, then (shown on a phone only) what the benchmark can detect.
        XCTAssertTrue(parse[7].hasPrefix("+177.2% slower"), parse[7])
        let encode = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-encode']/*[local-name()='td']")
        XCTAssertEqual(encode[3], "100 µs❌ Slow")
        XCTAssertTrue(encode[1].contains("🔒 Isolated"))
        let spark = try page.nodes(forXPath: "//*[local-name()='tr'][@id='b-parse']//*[local-name()='svg']")
        XCTAssertEqual(spark.count, 1)
        let title = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-parse']//*[local-name()='svg']/*[local-name()='title']")
        XCTAssertTrue(title.first?.hasPrefix("Median over the last 3 runs") ?? false, "\(title)")
        let label = try page.nodes(forXPath: "//*[local-name()='tr'][@id='b-parse']//*[local-name()='svg'][@role='img'][@aria-label]")
        XCTAssertEqual(label.count, 1)
    }

    func testNoExternalURLAnywhere() throws {
        let written = try render()
        for file in written where file.pathExtension == "html" {
            let page = try Fixtures.document(file)
            let links = try Fixtures.texts(page, "//@href | //@src | //@action")
            for link in links {
                XCTAssertFalse(link.contains(":"), "\(file.lastPathComponent) links off the machine: \(link)")
                XCTAssertFalse(link.hasPrefix("/"), "\(file.lastPathComponent) uses an absolute path: \(link)")
            }
            XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='script']").count, 0)
            // The only URLs allowed are the XHTML and SVG namespace names, which are never fetched.
            var text = try String(contentsOf: file, encoding: .utf8)
            text = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
            text = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            XCTAssertFalse(text.contains("http:") || text.contains("https:") || text.contains("//cdn"), file.lastPathComponent)
        }
        let css = try String(contentsOf: output.appendingPathComponent("style.css"), encoding: .utf8)
        XCTAssertFalse(css.contains("url("), "the stylesheet loads nothing")
        XCTAssertFalse(css.contains("@import"))
        XCTAssertTrue(css.contains("prefers-color-scheme: dark"), "dark mode")
        XCTAssertTrue(css.contains("max-width: 720px"), "phone width")
    }

    func testWarningsAreShown() throws {
        var input = Fixtures.history()
        input.warnings = ["Skipped history/broken.json: the file is not valid JSON (truncated at byte 12)."]
        try render(input)
        for name in ["index.html", "runs.html"] {
            let page = try Fixtures.document(output.appendingPathComponent(name))
            let items = try Fixtures.texts(page, "//*[local-name()='div'][@class='notice']//*[local-name()='li']")
            XCTAssertEqual(items, input.warnings, name)
        }
    }

    func testEmptyHistoryRendersHelpfulPages() throws {
        let written = try render(ReportInput(runs: [], warnings: ["Skipped history/x.json: not a benchboard run file."]))
        XCTAssertEqual(written.filter { $0.path.contains("/benchmarks/") }.count, 0)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='h1']"), ["No benchmark runs yet"])
        XCTAssertEqual(try Fixtures.texts(page, "//*[local-name()='pre']"), ["swift run -c release benchboard"])
        XCTAssertEqual(try page.nodes(forXPath: "//*[local-name()='table']").count, 0)
        _ = try Fixtures.document(output.appendingPathComponent("runs.html"))
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("<!-- benchboard-summary -->\n"))
        XCTAssertTrue(summary.contains("No benchmark runs recorded yet"))
        let junit = try Fixtures.document(output.appendingPathComponent("junit.xml"))
        XCTAssertEqual(try Fixtures.texts(junit, "/testsuites/@tests"), ["0"])
    }

    func testRunsPageListsRunsNewestFirstWithJSONLinks() throws {
        try render()
        let page = try Fixtures.document(output.appendingPathComponent("runs.html"))
        let links = try Fixtures.texts(page, "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][10]/*[local-name()='a']/@href")
        XCTAssertEqual(links, ["history/run0002.json", "history/run0001.json", "history/run0000.json"])
        let passed = try Fixtures.texts(page, "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][4]")
        XCTAssertEqual(passed, ["2/4", "3/3", "2/2"])
        // Encode is over its target in the newest run: it passed, and it is slow.
        let slow = try Fixtures.texts(page, "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][6]")
        XCTAssertEqual(slow, ["1", "0", "0"])
    }

    func testBenchmarkPageHasChartTableAndZoomLevels() throws {
        var runs: [ReportRun] = []
        for index in 0..<40 {
            let result = index == 20 ? Fixtures.failed("Parse") : Fixtures.ok("Parse", medianNs: 1_000_000 + Double(index) * 1000, targetNs: 1_200_000)
            runs.append(ReportRun(record: Fixtures.run(index, [result])))
        }
        let step = ChangePoint(pointIndex: 30, runID: "run0030", commit: "abcdef0123", beforeNs: 1_000_000, afterNs: 1_200_000, stepPercent: 20)
        let trend = Analyzer.trend(of: "Parse", in: runs.map(\.record))
        let input = ReportInput(runs: runs, trends: ["Parse": Trend(name: "Parse", points: trend.points, changePoints: [step])])
        try render(input)
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        let zoom = try Fixtures.texts(page, "//*[local-name()='figure'][@id='all']//*[local-name()='p'][@class='zoomlinks']/*[local-name()='a']/@href")
        XCTAssertEqual(zoom, ["#all", "#last-30"])
        let figures = try Fixtures.texts(page, "//*[local-name()='figure']/@id")
        XCTAssertEqual(figures, ["last-30", "all"])
        let all = "//*[local-name()='figure'][@id='all']/*[local-name()='svg']"
        XCTAssertEqual(try page.nodes(forXPath: "\(all)/*[local-name()='g'][@class='pt']/*[local-name()='circle']").count, 39)
        XCTAssertEqual(try page.nodes(forXPath: "\(all)/*[local-name()='g']/*[local-name()='path'][@class='failmark']").count, 1)
        XCTAssertEqual(try page.nodes(forXPath: "\(all)/*[local-name()='line'][@class='target']").count, 1)
        XCTAssertEqual(try page.nodes(forXPath: "\(all)/*[local-name()='polygon'][@class='band']").count, 1)
        XCTAssertEqual(try Fixtures.texts(page, "\(all)/*[local-name()='line'][@class='step bad']/*[local-name()='title']"), ["Step +20.0% at abcdef0: 1.00 ms → 1.20 ms"])
        let hover = try Fixtures.texts(page, "(\(all)/*[local-name()='g'][@class='pt']/*[local-name()='circle'])[last()]/*[local-name()='title']")
        XCTAssertEqual(hover.first?.contains("0000027"), true, "hover names the commit: \(hover)")
        XCTAssertEqual(try Fixtures.texts(page, "\(all)/*[local-name()='title']").count, 1)
        // Runs table, newest first, with the failed run's outcome.
        let rows = try Fixtures.texts(page, "(//*[local-name()='table'])[last()]/*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][3]")
        XCTAssertEqual(rows.count, 40)
        XCTAssertEqual(rows[19], "💥 failed")
        let steps = try Fixtures.texts(
            page,
            "//*[local-name()='h2'][.='Step changes']/following-sibling::*[1]/*[local-name()='table']/*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][5]")
        XCTAssertEqual(steps, ["+20.0%"])
    }

    func testRunTableMemoryCellNamesEveryRecordedFigure() throws {
        var withTree = Fixtures.ok("Parse", medianNs: 1_000_000)
        withTree.resources.cgroupPeakBytes = 3 * 1024 * 1024
        let runs = [ReportRun(record: Fixtures.run(0, [Fixtures.ok("Parse", medianNs: 1_000_000)])), ReportRun(record: Fixtures.run(1, [withTree]))]
        try render(ReportInput(runs: runs))
        let page = try Fixtures.document(output.appendingPathComponent("benchmarks/parse.html"))
        let cells = "(//*[local-name()='table'])[last()]/*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][6]"
        XCTAssertEqual(try Fixtures.texts(page, cells), ["45.2 KB", "45.2 KB"], "the 💾 figure of a swift benchmark is its peak growth")
        XCTAssertEqual(
            try Fixtures.texts(page, "\(cells)/@title"),
            [
                "max RSS 2.9 MB · peak growth while measured 45.2 KB · process tree peak (cgroup) 3.0 MB",
                "max RSS 2.9 MB · peak growth while measured 45.2 KB",
            ])
    }

    func testChangePointAtLatestRunIsFlagged() throws {
        var input = Fixtures.history()
        let records = input.runs.map(\.record)
        let trend = Analyzer.trend(of: "Encode", in: records)
        let step = ChangePoint(pointIndex: 2, runID: "run0002", commit: "0000002abcdef", beforeNs: 200_000, afterNs: 240_000, stepPercent: 20)
        input.trends = ["Encode": Trend(name: "Encode", points: trend.points, changePoints: [step])]
        try render(input)
        let page = try Fixtures.document(output.appendingPathComponent("index.html"))
        let change = try Fixtures.texts(page, "//*[local-name()='tr'][@id='b-encode']/*[local-name()='td'][8]")
        XCTAssertTrue(change.first?.contains("📈 step +20.0%") ?? false, "\(change)")
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(summary.contains("📈 step +20.0% at this run"))
    }

    func testStepSummaryIsAppended() throws {
        let stepSummary = output.appendingPathComponent("step-summary.md")
        try Data("previous step\n".utf8).write(to: stepSummary)
        _ = try render()
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertEqual(try StepSummary.append(summary, to: stepSummary.path), .appended)
        let text = try String(contentsOf: stepSummary, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("previous step\n<!-- benchboard-summary -->\n"))
    }

    /// A FIFO without a reader is skipped at once instead of blocking the open; a full device is an error.
    func testStepSummaryNeverWaits() throws {
        let fifo = output.appendingPathComponent("step-summary-fifo")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        guard case let .skipped(reason) = try StepSummary.append("summary\n", to: fifo.path) else {
            return XCTFail("a FIFO nobody reads was written to")
        }
        XCTAssertTrue(reason.contains("FIFO"), reason)
        // A FIFO with a reader that takes its time gets all of a summary larger than the pipe's buffer.
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        let large = String(repeating: "| a | b |\n", count: 30_000)
        let received = ReceivedBytes()
        let done = DispatchSemaphore(value: 0)
        Thread {
            usleep(200_000)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var request = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            while poll(&request, 1, 10_000) > 0 {
                let count = read(reader, &buffer, buffer.count)
                if count <= 0 { break }
                received.data.append(contentsOf: buffer[0..<count])
            }
            done.signal()
        }.start()
        XCTAssertEqual(try StepSummary.append(large, to: fifo.path), .appended)
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(received.data, Data(large.utf8))

        XCTAssertThrowsError(try StepSummary.append("summary\n", to: "/dev/full")) { error in
            XCTAssertTrue("\(error)".contains("/dev/full"), "\(error)")
            XCTAssertFalse("\(error)".contains(".."), "\(error)")
        }
    }
}

/// Bytes a reader thread collects; read only after it signalled that it is done.
private final class ReceivedBytes: @unchecked Sendable {
    var data = Data()
}
