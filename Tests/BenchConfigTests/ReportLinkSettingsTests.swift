import BenchConfig
import XCTest

/// `[report] repository_url` and `site_url`: normalised when right, refused with the line when wrong.
final class ReportLinkSettingsTests: XCTestCase {
    func testAddressesAreReadAndNormalised() throws {
        let suite = try parse("""
            [report]
            repository_url = "https://github.com/acme/widgets.git"
            site_url = "https://acme.github.io/widgets"
            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
        XCTAssertEqual(suite.report.repositoryURL, "https://github.com/acme/widgets")
        XCTAssertEqual(suite.report.siteURL, "https://acme.github.io/widgets/")
        let plain = try parse("""
            [[benchmark]]
            name = "x"
            command = ["true"]
            """)
        XCTAssertNil(plain.report.repositoryURL)
        XCTAssertNil(plain.report.siteURL)
    }

    func testBadAddressesAreRefusedWithTheirLine() {
        XCTAssertEqual(
            problems("""
                [report]
                repository_url = "javascript:alert(1)"
                site_url = "https://example.org/a b"
                [[benchmark]]
                name = "x"
                command = ["true"]
                """),
            [
                "config.toml:2: 'repository_url' must be an http(s) address such as \"https://github.com/OWNER/NAME\" (no query, fragment or spaces), got \"javascript:alert(1)\"",
                "config.toml:3: 'site_url' must be an http(s) address such as \"https://OWNER.github.io/NAME/\" (no query, fragment or spaces), got \"https://example.org/a b\"",
            ])
        XCTAssertEqual(
            problems("""
                [report]
                repository_url = "https://github.com/acme"
                [[benchmark]]
                name = "x"
                command = ["true"]
                """),
            ["config.toml:2: 'repository_url' must name a repository such as \"https://github.com/OWNER/NAME\", got \"https://github.com/acme\""])
        XCTAssertEqual(
            problems("""
                [report]
                site_url = "https://example.org/?q=\\"><script>"
                [[benchmark]]
                name = "x"
                command = ["true"]
                """).count, 1)
    }
}
