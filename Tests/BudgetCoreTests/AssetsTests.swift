import BudgetCore
import XCTest

/// `资产` (assets held): one statement for budgets and 决算; what the 说明 says from it, and what it
/// does not say when the budget is silent.
final class AssetsTests: XCTestCase {
    static let budget = RuleFixtureTests.clean

    func notesText(_ result: Pipeline.Result) -> String {
        result.budget.map { Notes.generate($0).markdown() } ?? ""
    }

    func testTheNotesSayWhatTheBudgetHoldsAsReference004Does() throws {
        let result = TestSupport.check(Self.budget)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.budget?.budget.assets?.vehicles, 0)
        XCTAssertTrue(notesText(result).contains("截至上年底，本部门所属预算单位共有车辆 0 辆，单价 20 万元以上的设备 0 台（套）。当年部门预算安排购置车辆 0 辆"), notesText(result))
    }

    func testVehicleKindsAndAThresholdAreListed() throws {
        let source = Self.budget.replacingOccurrences(of: "资产 车辆 0 大型设备 0", with: "资产 车辆 3 执法执勤用车 2 机要用车 1 大型设备 4 单价 50万")
        let result = TestSupport.check(source)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertTrue(notesText(result).contains("共有车辆 3 辆，其中，执法执勤用车 2 辆、机要通信用车 1 辆；单价 50 万元以上的设备 4 台（套）。"), notesText(result))
    }

    /// Without 资产 (and no 上年决算, no 三公 保有) the 说明 invents no holdings: it states only what the
    /// budget buys, and a note says what is missing.
    func testWithoutAssetsNothingIsInventedAndANoteSaysSo() throws {
        let source = Self.budget.replacingOccurrences(of: "资产 车辆 0 大型设备 0\n", with: "")
        let result = TestSupport.check(source)
        let text = notesText(result)
        XCTAssertFalse(text.contains("共有车辆"), text)
        XCTAssertFalse(text.contains("截至上年底，本部门所属预算单位"), text)
        XCTAssertTrue(text.contains("当年部门预算安排购置车辆 0 辆"), text)
        let note = try XCTUnwrap(result.diagnostics.first { $0.id == "assets-held" })
        XCTAssertEqual(note.severity, .note)
        XCTAssertTrue(note.message.contains("车辆数和单价 20 万元以上的设备数"), note.message)
        // Vehicles from the 三公 block alone: they are said, the equipment is still missing.
        let withSanGong = source.replacingOccurrences(of: "2101501 30201 办公费 8", with: "2101501 30201 办公费 7\n    2101501 30231 公务用车运行维护费 1")
            .replacingOccurrences(of: "部门绩效", with: "三公\n  公务用车 保有 2 购置 0\n部门绩效")
        let second = TestSupport.check(withSanGong)
        XCTAssertTrue(notesText(second).contains("共有车辆 2 辆。"), notesText(second))
        XCTAssertTrue(second.diagnostics.contains { $0.id == "assets-held" && $0.message.contains("没有截至上年底的单价 20 万元以上的设备数") },
                      "\(second.diagnostics.map(\.message))")
    }

    func testMistakesAreDiagnosed() {
        func errors(_ line: String) -> [Diagnostic] {
            TestSupport.check(Self.budget.replacingOccurrences(of: "资产 车辆 0 大型设备 0", with: line)).diagnostics.filter { $0.severity == .error }
        }
        let kinds = errors("资产 车辆 1 应急保障用车 2")
        XCTAssertTrue(kinds.contains { $0.message.contains("各类用车合计 2 辆，多于车辆总数 1 辆") }, "\(kinds.map(\.message))")
        let typo = errors("资产 车俩 1")
        XCTAssertTrue(typo.contains { $0.hint?.contains("车辆") == true }, "\(typo.map { $0.hint ?? "" })")
        let count = errors("资产 车辆 两")
        XCTAssertTrue(count.contains { $0.id == "bad-number" }, "\(count.map(\.id))")
        let twice = errors("资产 车辆 1\n资产 大型设备 0")
        XCTAssertTrue(twice.contains { $0.id == "duplicate" }, "\(twice.map(\.id))")
        let noTotal = errors("资产 应急保障用车 2")
        XCTAssertTrue(noTotal.contains { $0.message.contains("没有写车辆总数") }, "\(noTotal.map(\.message))")
    }

    /// The same statement in a 决算: parsed by the same code, its kinds in the 决算说明 as reference 002 writes them.
    func testTheSameStatementInActuals() throws {
        let source = RuleFixtureTests.cleanActuals + "\n资产 车辆 2 应急保障用车 2 大型设备 0 单价 100万\n"
        let result = TestSupport.check(source, rootPath: "决算.bud")
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.message))")
        let assets = try XCTUnwrap(result.actuals?.assets)
        XCTAssertEqual(assets.vehicles, 2)
        XCTAssertEqual(assets.vehicleKinds.map(\.kind), [.emergency])
        XCTAssertEqual(assets.equipmentThreshold, Money(fen: 100 * Money.fenPerWan))
    }
}
