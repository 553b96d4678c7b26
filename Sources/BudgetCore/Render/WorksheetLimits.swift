/// The limits of an .xlsx worksheet (Excel's, which WPS and LibreOffice share). A table that exceeds
/// them cannot be written, so `check` reports it instead of letting `compile` fail late.
public enum WorksheetLimits {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// A table row comes from at most a few source lines' worth of content (a line gives its 类, 款
    /// and 项 rows at most); below this many source lines no table can reach the row limit, and
    /// `check` does not need to count the forms' rows to know.
    public static let sourceLinesBeforeTablesCanOverflow = 200_000

    public static func diagnostics(_ sheets: [Sheet], file: String) -> [Diagnostic] {
        diagnostics(sheets.map { ($0, $0.rowCount) }, file: file)
    }

    /// `rows`: the rows each sheet needs (of a measured table, `BuiltTable.rowsNeeded`).
    public static func diagnostics(_ sheets: [(sheet: Sheet, rows: Int)], file: String) -> [Diagnostic] {
        sheets.compactMap { sheet, rows in
            if rows > maxRows {
                return Diagnostic(.error, "worksheet-limit", "\(sheet.name) 需要 \(rows) 行，超过工作表的上限 \(maxRows) 行，无法写出",
                                  at: .wholeFile(file), hint: "把这一部分拆成几份预算（例如按单位分别编制），或合并过细的项目")
            }
            if sheet.columnCount > maxColumns {
                return Diagnostic(.error, "worksheet-limit", "\(sheet.name) 需要 \(sheet.columnCount) 列，超过工作表的上限 \(maxColumns) 列，无法写出",
                                  at: .wholeFile(file))
            }
            return nil
        }
    }
}
