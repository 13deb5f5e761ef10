/// A browser test's own failure (the fixture could not be built, a page lacks what a check needs).
struct BrowserTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
