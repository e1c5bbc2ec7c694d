import BenchModel

/// A plain aligned text table for terminal output (columns padded by character count). Cells
/// hold names, branches and paths from config and history files: they are escaped here.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func render() -> String {
        let all = ([header] + rows).map { $0.map { SafeText.escaped($0) } }
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
