extension Keyword {
    /// Every spelling of a top-level statement, aliases included: what an editor grammar must highlight
    /// at the start of a line (`EditorGrammarTests` holds editors/ to it).
    public static var spellings: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }
}
