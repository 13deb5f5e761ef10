import Foundation
import Testing

@testable import KubeJSON

@Suite struct RFC3339Tests {
    @Test func formatsTimeMicroTimeAndLogTimestamps() {
        let date = Date(timeIntervalSince1970: 1_688_507_928.065888)
        #expect(RFC3339.format(date) == "2023-07-04T21:58:48Z")
        #expect(RFC3339.format(date, fractionalDigits: 6) == "2023-07-04T21:58:48.065888Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0), fractionalDigits: 9) == "1970-01-01T00:00:00.000000000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func parsesWhatServersWrite() throws {
        #expect(RFC3339.parse("2023-07-04T21:58:48Z") == Date(timeIntervalSince1970: 1_688_507_928))
        #expect(RFC3339.parse("2023-07-04T23:58:48+02:00") == Date(timeIntervalSince1970: 1_688_507_928))
        #expect(RFC3339.parse("2025-02-27T06:36:22Z") == Date(timeIntervalSince1970: 1_740_638_182))
        let micro = try #require(RFC3339.parse("2023-07-04T21:58:48.065888Z"))
        #expect(RFC3339.format(micro, fractionalDigits: 6) == "2023-07-04T21:58:48.065888Z")
    }

    @Test(arguments: ["", "2023-07-04", "2023-13-04T00:00:00Z", "2023-07-04T21:58:48", "2023-07-04T21:58:48.Z", "2023-07-04T21:58:48Zjunk"])
    func rejectsWhatIsNotATime(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }
}
