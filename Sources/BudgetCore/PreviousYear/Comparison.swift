/// Reasons written in a budget for its changes (说明 topics, reasons on lines): one lookup for
/// the rules and the 说明.
enum Reasons {
    /// A reason for a classification code: `说明` topic with the code, a reason written on a line
    /// with that code, or (for an economic 款) the reason of its 三公 part or of its 类.
    static func forCode(_ code: String, in b: EvaluatedBudget, economic: Bool) -> Reason? {
        if let topic = b.budget.topicReasons[code], !topic.text.isEmpty { return topic }
        let fromLine = b.lines.first {
            ($0.line.reason?.text.isEmpty == false) && (economic ? $0.line.economicCode == code : $0.line.functionCode == code)
        }?.line.reason
        if let fromLine { return fromLine }
        // A 三公 款 (30217 …) is the same money as its 三公 part: the part's own topic (公务接待 "……") explains it.
        if economic, let part = SanGongPart.allCases.first(where: { $0.economicCode == code }), let partReason = topic(part.topic, in: b) {
            return partReason
        }
        if economic && code.count == 5, let classReason = b.budget.topicReasons[String(code.prefix(3))], !classReason.text.isEmpty {
            return classReason
        }
        return nil
    }

    static func topic(_ name: String, in b: EvaluatedBudget) -> Reason? {
        guard let r = b.budget.topicReasons[name], !r.text.isEmpty else { return nil }
        return r
    }

    static func topic(_ topic: Topic, in b: EvaluatedBudget) -> Reason? { self.topic(topic.rawValue, in: b) }

    /// The text of a reason as it follows “主要原因是” in a sentence: a lead-in the officer wrote
    /// (“主要原因是……”, as change-needs-reason's hint shows) is not repeated, nor the closing punctuation.
    static func clause(_ reason: Reason) -> String {
        var text = reason.text.trimmingSpaces()
        for prefix in ["主要原因是：", "主要原因是:", "主要原因是", "主要原因：", "主要原因:", "主要是", "原因是"] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            break
        }
        while text.hasSuffix("。") || text.hasSuffix("；") || text.hasSuffix(";") { text.removeLast() }
        return text
    }

    /// “主要原因是X”; a reason that lists its parts (一是……；二是……) reads “主要原因：一是……；二是……”.
    static func mainReason(_ reason: Reason, lead: String = "主要原因是") -> String {
        let text = clause(reason)
        if lead == "主要原因是" && text.hasPrefix("一是") { return "主要原因：" + text }
        return lead + text
    }

    /// The reason for a 三公 part: its own topic, else the 三公 topic.
    static func sanGong(_ part: SanGongPart?, in b: EvaluatedBudget) -> Reason? {
        part.flatMap { topic($0.topic, in: b) } ?? topic(.sanGong, in: b)
    }
}

/// Exact comparisons of products of fen amounts (ratios such as 120% without division or Double).
enum Exact {
    /// a × b as a 128-bit value that compares correctly.
    static func product(_ a: Int64, _ b: Int64) -> Product {
        let r = a.multipliedFullWidth(by: b)
        return Product(high: r.high, low: r.low)
    }

    struct Product: Comparable {
        var high: Int64
        var low: UInt64
        static func < (x: Product, y: Product) -> Bool { (x.high, x.low) < (y.high, y.low) }
    }
}

/// Year-on-year changes: percentages, thresholds and their wording, one way everywhere.
enum Change {
    /// "79.04%": `part` as a percentage of `whole` (执行率), rounded to hundredths.
    static func rate(_ part: Money, of whole: Money) -> String {
        guard !whole.isZero, let r = try? Rational(part.fen.multipliedReportingOverflow(by: 10000).partialValue, whole.fen) else { return "" }
        let hundredths = r.roundedToInteger()
        return "\(hundredths / 100).\(twoDigits(abs(hundredths % 100)))%"
    }

    static func percent(_ change: Money, of old: Money) -> String {
        guard !old.isZero, let r = try? Rational(change.fen * 10000, old.fen) else { return "" }
        let hundredths = r.roundedToInteger()
        let sign = hundredths < 0 ? "-" : "+"
        let a = abs(hundredths)
        return "\(sign)\(a / 100).\(twoDigits(a % 100))%"
    }

    /// 0…99 as two digits ("%02d" without `String(format:)`, whose variadic arguments cost four conformance
    /// look-ups of `check`, issue 15).
    static func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Both thresholds of `变动阈值` reached (a new or removed item counts as 100%).
    static func needsReason(old: Money, new: Money, in b: EvaluatedBudget) -> Bool {
        let change = new - old
        guard !change.isZero, change.fen.magnitude >= b.budget.changeThresholdAmount.fen.magnitude else { return false }
        if old.isZero { return true }
        let percent = (try? Rational(change.fen.magnitude > Int64.max.magnitude / 100 ? Int64.max : Int64(change.fen.magnitude) * 100, Int64(old.fen.magnitude)))?.roundedToInteger() ?? 100
        return percent >= Int64(b.budget.changeThresholdPercent)
    }

    /// The first line of each (功能分类项, 经济分类款) combination of `budget` that `other` does not have.
    static func combinations(of budget: EvaluatedBudget, absentFrom other: EvaluatedBudget) -> [EvaluatedLine] {
        let present = Set(other.lines.map { "\($0.line.functionCode) \($0.line.economicCode)" })
        var seen = Set<String>()
        return budget.lines.filter { line in
            let key = "\(line.line.functionCode) \(line.line.economicCode)"
            return !present.contains(key) && seen.insert(key).inserted
        }
    }

    static func describe(in b: EvaluatedBudget, _ old: Money, _ new: Money, basis: Basis? = nil) -> String {
        let change = new - old
        let versus = basis?.comparison ?? "较上年"
        if change.isZero { return basis == nil ? "与上年持平" : "与\(basis!.rawValue)持平" }
        let direction = change.fen > 0 ? "增加" : "减少"
        let pct = percent(change, of: old)
        return "\(versus)\(direction) \(b.amount(Money(fen: abs(change.fen))))" + (pct.isEmpty ? "" : "（\(pct)）")
    }
}

