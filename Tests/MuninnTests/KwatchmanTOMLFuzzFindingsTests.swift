import Testing

@testable import Muninn

/// Found by the kwatchman-toml fuzz target (Fuzz/regressions/kwatchman-toml): a table header starting with a
/// character no key starts with (`[{handler]]`, a typo) made toml++ abort the whole process on an `assert`. Such a
/// header is now a configuration error naming the line, checked before toml++ sees the text. The second run found
/// the same assertion on a header with no name on its line (`[[` then a newline), the third on `[` followed by a
/// combining mark (one Character, so a Character-based check did not see the bracket).
@Suite struct KwatchmanTOMLFuzzFindingsTests {
    @Test(arguments: ["[{handler]]\nname = \"diff\"\n", "[[resource]]\nkind = \"Pod\"\n[ {a]\n", "[[ .x]]\n", "[=]\n", "[[\ni = 1\n", "[  \n", "[[resource]]\r\nkind = \"Pod\"\r\n[{handler]]\r\n", "[\u{07AC}a = \"\"\n"])
    func aHeaderThatCannotStartAKeyIsAnErrorNotAnAbort(text: String) {
        #expect(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(text, file: "kwatchman.toml") }
    }

    @Test func theErrorNamesTheLine() {
        #expect(TOMLHeaderCheck.problem(in: "[[resource]]\nkind = \"Pod\"\n[{handler]]\n")?.line == 3)
    }

    /// Lines inside multi-line arrays and strings may start with `[` and are not headers.
    @Test(arguments: [
        "events = [\n  [{a = 1}],\n]\n[[handler]]\nname = \"diff\"\n",
        "note = \"\"\"\n[{not a header\n\"\"\"\n",
        "note = '''\n[{not a header either'''\n",
        "[ \"quoted\" ]\n['single']\n[_x]\n[-y]\n[9]\n",
        "a = \"[\" # [\n[b]\n",
    ])
    func validTOMLIsNotFlagged(text: String) {
        #expect(TOMLHeaderCheck.problem(in: text) == nil)
    }
}
