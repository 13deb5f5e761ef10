import KubeletModel

/// Deterministic mutations of fuzz inputs, for the short fuzz run CI can afford without libFuzzer's instrumented
/// build: the same seed gives the same inputs on every machine, so a failure reproduces and a passing run stays
/// passing. The mutations are libFuzzer's usual kinds, with the bytes JSON, YAML and TOML parsers care about.
struct FuzzMutator {
    /// Small, fast and good enough to pick mutations.
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    private static let interesting: [UInt8] = Array("\"{}[]:,\\-.0123456789eE\n\t #=/'&*!|>%@`".utf8) + [0, 0x7f, 0x80, 0xbf, 0xc0, 0xef, 0xff]

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }

    /// `input` with one to four mutations: a bit flipped, a byte replaced, a range removed, duplicated or cut off,
    /// bytes inserted, or a range copied over another place.
    mutating func mutate(_ input: [UInt8], maxLength: Int = 65_536) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            switch below(7) {
            case 0 where !bytes.isEmpty:
                let index = below(bytes.count)
                bytes[index] ^= UInt8(1 << below(8))
            case 1 where !bytes.isEmpty:
                bytes[below(bytes.count)] = Self.interesting[below(Self.interesting.count)]
            case 2 where !bytes.isEmpty:
                let start = below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(16)))
            case 3 where !bytes.isEmpty:
                let start = below(bytes.count)
                let range = start..<min(bytes.count, start + 1 + below(64))
                bytes.insert(contentsOf: bytes[range], at: below(bytes.count + 1))
            case 4 where !bytes.isEmpty:
                bytes.removeSubrange(below(bytes.count)...)
            case 5:
                let inserted = (0..<(1 + below(8))).map { _ in Self.interesting[below(Self.interesting.count)] }
                bytes.insert(contentsOf: inserted, at: below(bytes.count + 1))
            default:
                guard bytes.count > 1 else { continue }
                let source = below(bytes.count)
                let length = min(bytes.count - source, 1 + below(32))
                let destination = below(bytes.count - length + 1)
                bytes.replaceSubrange(destination..<(destination + length), with: bytes[source..<(source + length)])
            }
        }
        return bytes.count > maxLength ? Array(bytes.prefix(maxLength)) : bytes
    }
}
