/// A stable `pod-template-hash`-style string for a pod template.
enum TemplateHash {
    static func of(_ text: String, length: Int = 10) -> String {
        var random = SeededRandom(seed: Hex.fnv1a(text))
        return random.nameSuffix(length)
    }
}
