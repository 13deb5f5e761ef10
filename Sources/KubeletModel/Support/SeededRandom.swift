/// A small, fast, seedable random generator (SplitMix64), so the same seed gives the same cluster.
///
/// `SystemRandomNumberGenerator` cannot be seeded; reproducible runs need our own.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for a sub-component, so adding randomness in one place does not
    /// change every value drawn after it elsewhere.
    public mutating func fork() -> SeededRandom { SeededRandom(seed: next()) }

    /// A random version-4 UUID in the lowercase 8-4-4-4-12 form Kubernetes uses for `uid`.
    public mutating func uuid() -> String {
        let high = next(), low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (UInt64(i) * 8))
            bytes[i + 8] = UInt8(truncatingIfNeeded: low >> (UInt64(i) * 8))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = ""
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append("-") }
            text.append(Hex.digits[Int(byte >> 4)])
            text.append(Hex.digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// `count` lowercase hex digits (container IDs are 64).
    public mutating func hex(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        var bits: UInt64 = 0
        for index in 0..<count {
            if index % 16 == 0 { bits = next() }
            text.append(Hex.digits[Int(bits & 0x0F)])
            bits >>= 4
        }
        return text
    }

    /// Characters the apiserver uses for generated names and template hashes
    /// (`rand.String`/`SafeEncodeString` avoid vowels and look-alikes).
    static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A suffix like the `-x7k2p` of generated pod names.
    public mutating func nameSuffix(_ count: Int = 5) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count {
            text.append(Self.nameAlphabet[Int(next() % UInt64(Self.nameAlphabet.count))])
        }
        return text
    }

    /// A value in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }
}

enum Hex {
    static let digits: [Character] = Array("0123456789abcdef")

    /// A stable 64-hex digest of a string (FNV-1a, widened), for image digests that must be the
    /// same for the same image in every pod and every run.
    static func digest(of text: String) -> String {
        var random = SeededRandom(seed: fnv1a(text))
        return random.hex(64)
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
