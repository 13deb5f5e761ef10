import Crypto

/// Secret comparison whose time does not depend on where the inputs differ: both sides are hashed first (so
/// lengths leak nothing) and the digests compared without an early exit.
enum ConstantTime {
    static func equal(_ given: String, _ expected: String) -> Bool {
        let left = Array(SHA256.hash(data: Array(given.utf8)))
        let right = Array(SHA256.hash(data: Array(expected.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
