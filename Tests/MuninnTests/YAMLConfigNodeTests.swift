import Testing

@testable import Muninn

/// The configuration reads every scalar as the text written: no YAML tag resolution is involved.
@Suite struct YAMLConfigNodeTests {
    @Test func scalarsKeepTheirText() throws {
        let root = try YAMLConfigNode.parse("a: 010\nb: ~\nc: yes\nd: 1e3\ne: 2026-11-21\nf: =\n", file: "muninn.yaml")
        let members = try root.mapping(allowedKeys: ["a", "b", "c", "d", "e", "f"])
        #expect(try members["a"]?.string() == "010")
        #expect(try members["a"]?.int(in: 0...100) == 10)
        #expect(try members["b"]?.string() == "~")
        #expect(try members["c"]?.bool() == true)
        #expect(try members["d"]?.string() == "1e3")
        #expect(try members["e"]?.string() == "2026-11-21")
        #expect(try members["f"]?.string() == "=")
    }

    @Test func anEmptyFileIsAnEmptyMapping() throws {
        let root = try YAMLConfigNode.parse("", file: "muninn.yaml")
        #expect(try root.mapping(allowedKeys: ["a"]).isEmpty)
    }

    @Test func aDuplicateKeyIsStillAnError() {
        #expect(throws: ConfigurationError.self) { try YAMLConfigNode.parse("a: 1\na: 2\n", file: "muninn.yaml") }
    }
}
