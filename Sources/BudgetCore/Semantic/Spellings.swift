extension Keyword {
    /// Every spelling of a top-level statement, aliases included: what an editor grammar must highlight
    /// at the start of a line (`EditorGrammarTests` holds editors/ to it).
    public static var spellings: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}

extension IndicatorField {
    /// The words after an indicator's value (`权重 10`, `方向 正向`): what editor grammars highlight on an indicator line.
    public static var spellings: [String] { allCases.map(\.rawValue) }
}

extension IndicatorDirection {
    /// The values of `方向`, aliases included.
    public static var spellings: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}

extension ReasonBasis {
    /// The words between a `说明` topic and its reason (`三公 较预算 "……"`), aliases included.
    public static var spellings: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}

extension Publisher {
    /// Every word `公开稿` takes: 部门, 单位 and each with 预算 or 决算 (`公开稿 单位决算`).
    public static var spellings: [String] {
        allCases.flatMap { [$0.rawValue, $0.rawValue + DocumentKind.budget.rawValue, $0.rawValue + DocumentKind.actuals.rawValue] }
    }
}

extension UnpublishedFigure {
    /// The words after a budget's `未公开`, aliases included.
    public static var spellings: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}
