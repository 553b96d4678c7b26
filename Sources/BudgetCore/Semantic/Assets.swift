/// State assets held (`资产`), one statement for both kinds of document: a budget states what the
/// department held at the end of last year (its 说明, 国有资产占有使用情况, reference 004), a 决算
/// what it held at the end of its year (决算说明, 国有资产占用情况, reference 002).
///
///     资产 车辆 2 应急保障用车 2 大型设备 0 单价 100万

/// The kinds of vehicle a 国有资产 sentence lists after 其中 (reference 002, 十二).
public enum VehicleKind: String, CaseIterable, Sendable {
    case leaders = "符合规定领导干部用车", confidential = "机要通信用车", emergency = "应急保障用车"
    case lawEnforcement = "执法执勤用车", specialTechnical = "特种专业技术用车", retired = "离退休干部用车", other = "其他用车"

    static let aliases: [String: VehicleKind] = ["领导干部用车": .leaders, "机要用车": .confidential, "执法用车": .lawEnforcement]

    static func named(_ word: String) -> VehicleKind? { VehicleKind(rawValue: word) ?? aliases[word] }
}

public struct AssetsHeld: Sendable, Equatable {
    public struct VehicleCount: Sendable, Equatable {
        public var kind: VehicleKind
        public var count: Int
    }
    public var vehicles: Int?
    /// 其中 by kind, in written order.
    public var vehicleKinds: [VehicleCount] = []
    public var largeEquipment: Int?
    /// The unit price above which equipment is counted (`单价 100万`); 20 万元 when not stated.
    public var equipmentThreshold: Money?
    public var span: SourceSpan?

    public var threshold: Money { equipmentThreshold ?? Money(fen: 20 * Money.fenPerWan) }
    public var isEmpty: Bool { vehicles == nil && largeEquipment == nil }
}

extension Resolver {
    /// A budget's `资产`: what the department held at the end of last year; written once.
    mutating func budgetAssets(_ node: SyntaxNode) -> AssetsHeld? {
        rejectFormula(node)
        let assets = resolveAssets(node)
        guard budget.assets == nil else { error("资产 只能写一次", at: node.span, id: "duplicate"); return nil }
        return assets
    }

    static let assetLabels = ["车辆", "大型设备", "单价"] + VehicleKind.allCases.map(\.rawValue)

    /// `资产 车辆 2 应急保障用车 2 大型设备 0 单价 100万`, in a budget or a 决算.
    mutating func resolveAssets(_ node: SyntaxNode) -> AssetsHeld {
        rejectChildren(node)
        var assets = AssetsHeld(span: node.span)
        var fields = node.fields.dropFirst()
        let usage = "资产 可写：车辆 N（其中 应急保障用车 N 等）大型设备 N 单价 100万"
        while let label = fields.first {
            fields = fields.dropFirst()
            guard let value = fields.first else { error("“\(label.text)”后面缺少数值", at: label.span, hint: usage); break }
            fields = fields.dropFirst()
            func number() -> Int? {
                if let n = count(value) { return n }
                error("“\(value.text)”应是整数", at: value.span, id: "bad-number")
                return nil
            }
            switch label.folded {
            case "车辆": assets.vehicles = number() ?? assets.vehicles
            case "大型设备", "设备": assets.largeEquipment = number() ?? assets.largeEquipment
            case "单价", "门槛":
                guard case .success(let l) = NumberLiteral.parse(value.folded), l.measureWord.isEmpty,
                      let fen = l.fen(defaultUnitIsWan: true), fen.isInteger else {
                    error("单价门槛写作：单价 100万 或 单价 50万", at: value.span, id: "bad-number"); continue
                }
                assets.equipmentThreshold = Money(fen: fen.numerator)
            case let word:
                if let kind = VehicleKind.named(word) {
                    if let n = number() { assets.vehicleKinds.append(.init(kind: kind, count: n)) }
                } else {
                    error("资产 中不认识“\(label.text)”", at: label.span, hint: Suggest.hint(word, among: Self.assetLabels) ?? usage)
                }
            }
        }
        let byKind = assets.vehicleKinds.reduce(0) { $0 + $1.count }
        if let total = assets.vehicles, byKind > total {
            error("各类用车合计 \(byKind) 辆，多于车辆总数 \(total) 辆", at: node.span, hint: "核对 车辆 和各类用车的数量")
        } else if assets.vehicles == nil && !assets.vehicleKinds.isEmpty {
            error("写了各类用车，却没有写车辆总数", at: node.span, hint: "写作：资产 车辆 \(byKind) \(assets.vehicleKinds.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: " "))")
        }
        return assets
    }
}
