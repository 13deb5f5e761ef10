import Foundation
import MuninnCore
import MuninnStoreContract
import MuninnTesting
import Testing

@testable import MuninnStore

/// Free-text search: fragments of panics and exception names, phrases, and text that looks like syntax.
@Suite(.timeLimit(.minutes(1)))
struct HistorySearchTests {
    @Test func searchTermsAreParsedWithoutALanguage() {
        #expect(SearchTerms.parse("connection refused") == ["connection", "refused"])
        #expect(SearchTerms.parse("  \"connection  refused\" pod-1 ") == ["connection  refused", "pod-1"])
        #expect(SearchTerms.parse("a\"b c") == ["a", "b c"])
        #expect(SearchTerms.parse("\"\" \t ") == [])
        #expect(SearchExpression(terms: ["ab", "abc", "x\"y"]).match == "\"abc\" \"x\"\"y\"")
        #expect(SearchExpression(terms: ["ab", "abc"]).shortTerms == ["ab"])
    }
}
