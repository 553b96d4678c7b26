import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `compile --pdf`: the whole disclosure as one PDF, as departments post it — 封面, the 说明, then the
/// 目录 and the tables (and the charts), one bookmark per sheet. The sheets are written once more, in
/// that reading order, into the private folder of the PDF's `SafeWrite`, and LibreOffice (headless,
/// with a throw-away profile in the same folder) prints them. LibreOffice is optional: without it the
/// command says which package to install.
public enum PdfExport {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let missingOffice = "生成 PDF 需要 LibreOffice：请安装 libreoffice-calc-nogui（apt-get install libreoffice-calc-nogui），以及中文字体（如 fonts-noto-cjk）"

    /// Where LibreOffice is installed, if it is.
    public static func office() -> String? {
        let candidates = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"]
        return candidates.first { access($0, X_OK) == 0 }
    }

    /// The reading order of a published disclosure: the cover, the explanatory text, then the tables.
    static func readingOrder(_ sheets: [Sheet]) -> [Sheet] {
        let front = sheets.filter { $0.name == "封面" }
        let isText = { (sheet: Sheet) in sheet.name == "说明" || sheet.name == "决算说明" }
        let text = sheets.filter(isText)
        let rest = sheets.filter { $0.name != "封面" && !isText($0) }
        return front + text + rest
    }

    public static func write(_ sheets: [Sheet], to path: String, created: Date, title: String,
                             protecting inputs: Set<FileIdentity> = [], root: String? = nil, timeout: TimeInterval = 300) throws {
        guard let office = office() else { throw Failure(description: missingOffice) }
        do {
            try SafeWrite.write(to: path, protecting: inputs, root: root, produce: { temporary, scratch in
                let workbook = scratch + "/disclosure.xlsx"
                try XlsxWriter.writeWorkbook(readingOrder(sheets), to: workbook, scratch: scratch, created: created, title: title,
                                             font: XlsxWriter.printFont)
                try convert(workbook, office: office, scratch: scratch, timeout: timeout)
                guard rename(scratch + "/pdf/disclosure.pdf", temporary) == 0 else {
                    throw Failure(description: "LibreOffice 没有生成 PDF")
                }
            }, verify: verifyPDF)
        } catch let failure as SafeWrite.Failure {
            throw Failure(description: failure.description)
        }
    }

    static func convert(_ workbook: String, office: String, scratch: String, timeout: TimeInterval) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        // Bookmarks: one per sheet, so a reader can jump to 表7.
        process.arguments = ["-env:UserInstallation=file://" + scratch + "/profile", "--headless", "--norestore", "--nologo",
                             "--convert-to", #"pdf:calc_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}"#,
                             "--outdir", scratch + "/pdf", workbook]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch
        process.environment = environment
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { throw Failure(description: "无法启动 LibreOffice（\(office)）：\(error)") }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            throw Failure(description: "LibreOffice 在 \(Int(timeout)) 秒内没有完成 PDF")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "LibreOffice 生成 PDF 失败（退出码 \(process.terminationStatus)）")
        }
    }

    /// A complete PDF file: the header, and the end-of-file marker in its last bytes.
    static func verifyPDF(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "无法读取生成的 PDF") }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 5)
        let size = handle.seekToEndOfFile()
        handle.seek(toFileOffset: size > 1024 ? size - 1024 : 0)
        let tail = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        guard head == Data("%PDF-".utf8), tail.contains("%%EOF") else {
            throw Failure(description: "生成的 PDF 不完整")
        }
    }
}
