/// Bearer tokens for simulators Muninn starts itself, so even a demo cluster is not open to
/// anything else on the machine.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<40).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
