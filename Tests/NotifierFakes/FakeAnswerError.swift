/// An error answer carried through `Result`.
struct FakeAnswerError: Error {
    var answer: FakeAnswer
}
