import KubeJSON
import Foundation
import Testing

@testable import KubeAPI

@Suite struct RFC3339Tests {
    @Test func parsesSecondsFractionsAndOffsets() throws {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(RFC3339.parse("2025-02-27T06:36:22Z") == Date(timeIntervalSince1970: 1_740_638_182))
        let micro = try #require(RFC3339.parse("2023-07-04T21:58:48.065888Z"))
        #expect(abs(micro.timeIntervalSince1970 - 1_688_507_928.065888) < 1e-6)
        #expect(RFC3339.parse("2025-02-27T07:36:22+01:00") == Date(timeIntervalSince1970: 1_740_638_182))
        #expect(RFC3339.parse("not a time") == nil)
        #expect(RFC3339.parse("2025-13-01T00:00:00Z") == nil)
        #expect(RFC3339.parse("2025-02-27T06:36:22") == nil)
    }

    @Test func formatsSecondsAndMicroseconds() {
        let date = Date(timeIntervalSince1970: 1_688_507_928.065888)
        #expect(RFC3339.format(date, fractionalDigits: 0) == "2023-07-04T21:58:48Z")
        #expect(RFC3339.format(date, fractionalDigits: 6) == "2023-07-04T21:58:48.065888Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400), fractionalDigits: 0) == "2000-02-29T00:00:00Z")
    }
}
