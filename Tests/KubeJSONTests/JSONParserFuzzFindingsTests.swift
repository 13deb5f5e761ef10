import Testing

@testable import KubeJSON

/// Found by the `json` fuzz target (Fuzz/regressions/json): `1.5e3003658460` parsed to infinity, which the writer
/// can only print as `null`, so a value did not survive writing. Such numbers are now an error, as in Go and
/// Foundation.
@Suite struct JSONParserFuzzFindingsTests {
    @Test(arguments: ["1.5e3003658460", "-1e309", "[1e400]", #"{"a":[1,-0,1.5e3003658460]}"#])
    func numbersBeyondDoubleRangeAreRejected(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func theLargestAndSmallestFiniteNumbersStillParseAndRoundTrip() throws {
        for text in ["1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "18446744073709551616"] {
            let value = try JSONValue(parsing: text)
            #expect(try JSONValue(parsing: value.serialized()) == value, "\(text)")
        }
    }
}
