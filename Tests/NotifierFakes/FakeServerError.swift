/// The fake server could not start.
public enum FakeServerError: Error { case notListening }
