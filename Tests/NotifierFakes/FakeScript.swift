import Synchronization

/// Scripted answers shared by the fakes: the next requests get these instead of the normal outcome.
final class FakeScript: Sendable {
    private let answers = Mutex<[FakeAnswer]>([])

    func add(_ answer: FakeAnswer, count: Int) {
        answers.withLock { $0.append(contentsOf: Array(repeating: answer, count: max(0, count))) }
    }

    /// The next scripted answer, if any (and uses it up).
    func next() -> FakeAnswer? {
        answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
