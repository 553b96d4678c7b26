import Foundation

/// A plain-text dump of the sheets exactly as the writer receives them (widths, heights, merges,
/// cells with their style, value and formula). `bench/floor.c` reads it and writes the very
/// same workbook with libxlsxwriter alone: the physical floor budgetc's compile time is
/// compared with. One record per line, fields separated by tabs (tabs and newlines in text are
/// escaped as \t and \n).
public enum CellDump {
    static let styleNumbers: [CellStyle: Int] = [
        .title: 0, .caption: 1, .captionRight: 2, .header: 3, .text: 4, .textCentered: 5, .wrapped: 6, .code: 7,
        .money: 8, .moneyBold: 9, .integer: 10, .labelBold: 11, .note: 12, .paragraph: 13, .labelBoldPlain: 14,
        .heading: 15, .date: 16,
    ]

    static func escape(_ s: String) -> String {
        s.replacingAll("\\", with: "\\\\").replacingAll("\t", with: "\\t").replacingAll("\n", with: "\\n")
    }

    public static func dump(_ sheets: [Sheet]) -> String {
        var out = ""
        for sheet in sheets {
            out += "S\t\(escape(sheet.name))\t\(sheet.headerRowCount)\t\(sheet.landscape ? 1 : 0)\n"
            let roles = sheet.mergeRoles()
            let (widths, heights) = ColumnWidths.measure(sheet, roles: roles)
            for (c, w) in widths.enumerated() { out += "W\t\(c)\t\(w)\n" }
            for (r, h) in heights.sorted(by: { $0.key < $1.key }) { out += "H\t\(r)\t\(h)\n" }
            for m in sheet.merges {
                let style = styleNumbers[sheet.cell(m.firstRow, m.firstColumn)?.style ?? .text]!
                out += "M\t\(m.firstRow)\t\(m.firstColumn)\t\(m.lastRow)\t\(m.lastColumn)\t\(style)\n"
            }
            sheet.forEachWrittenCell(roles: roles) { r, c, cell, mergeStart in
                    let style = styleNumbers[cell.style]!
                    switch cell.value {
                    case .empty: if !mergeStart { out += "B\t\(r)\t\(c)\t\(style)\n" }
                    case .text(let s), .code(let s): out += "T\t\(r)\t\(c)\t\(style)\t\(escape(s))\n"
                    case .money(let m): out += "N\t\(r)\t\(c)\t\(style)\t\(sheet.moneyUnit.cellNumber(m))\n"
                    case .integer(let n): out += "N\t\(r)\t\(c)\t\(style)\t\(n)\n"
                    case .sum(let refs, let cached): out += "F\t\(r)\t\(c)\t\(style)\t\(sheet.moneyUnit.cellNumber(cached))\t\(XlsxWriter.sumFormula(refs))\n"
                    case .sumInteger(let refs, let cached): out += "F\t\(r)\t\(c)\t\(style)\t\(cached)\t\(XlsxWriter.sumFormula(refs))\n"
                    case .difference(let a, let b, let cached): out += "F\t\(r)\t\(c)\t\(style)\t\(sheet.moneyUnit.cellNumber(cached))\t=\(a.a1)-\(b.a1)\n"
                    case .date(let y, let m, let d): out += "N\t\(r)\t\(c)\t\(style)\t\(ExcelDate.serial(year: y, month: m, day: d))\n"
                    case .linear(let terms, let cached): out += "F\t\(r)\t\(c)\t\(style)\t\(sheet.moneyUnit.cellNumber(cached))\t\(LinearTerm.formula(terms))\n"
                    }
            }
        }
        return out
    }
}
