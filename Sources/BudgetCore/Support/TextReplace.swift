extension StringProtocol {
    /// Every occurrence of `target` replaced by `replacement`, matched byte for byte on UTF-8 (a
    /// literal search, like Foundation's `replacingOccurrences(of:with:options: .literal)`, which
    /// bridges through NSString and dominated the start-up profile: 14% of `check` on the reference
    /// example). UTF-8 is self-synchronising, so a byte match always starts and ends on characters.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let text = Array(utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, text.count >= needle.count else { return String(self) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if text[i] == needle[0], i + needle.count <= text.count, text[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                i += needle.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation, which bridged each text through NSString
    /// (3.8 M of `check`'s instructions on the reference example, issue 15). The same scalars come off both
    /// ends: Foundation's whitespace set (held to it, scalar by scalar, by a test), all in the BMP, where
    /// its UTF-16 units are scalars.
    public func trimmingSpaces() -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        var lower = scalars.startIndex, upper = scalars.endIndex
        while lower < upper, Normalize.isSpace(scalars[lower]) { lower = scalars.index(after: lower) }
        while lower < upper, Normalize.isSpace(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
        return String(scalars[lower..<upper])
    }
}
