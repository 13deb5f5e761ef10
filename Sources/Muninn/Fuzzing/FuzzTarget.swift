/// One parser under fuzzing (`muninn fuzz NAME`, see Fuzz/README.md). It must take any bytes without crashing;
/// `check` returns the invariant an input broke, or nil. The same targets replay the committed corpus in the
/// normal test suite, so a crash once found stays fixed.
struct FuzzTarget: Sendable {
    /// The name on the command line and of the corpus directory `Fuzz/corpus/NAME`.
    let name: String
    let summary: String
    let check: @Sendable ([UInt8]) -> String?

    static let all: [FuzzTarget] = [
        .json, .watchStream, .fastPod, .kubeconfig, .configYAML, .kwatchmanTOML, .environment, .routingRules, .logText,
    ]

    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
