import KubeAPI

extension FuzzTarget {
    /// The watch-stream decoder (line splitting, the fast pod path, Foundation's fallback): the first four bytes
    /// choose three chunk sizes and the line limit, the rest is the response body. Whatever the bytes, the events
    /// (or the error that ends the stream) must not depend on where the network cut the body.
    static let watchStream = FuzzTarget(name: "watch-stream", summary: "watch body -> events, at any chunk boundaries") { bytes in
        guard bytes.count >= 4 else { return nil }
        let chunkSizes = bytes[0..<3].map { Int($0 % 32) + 1 }
        let maximumLineLength = 64 + Int(bytes[3]) * 16
        let body = Array(bytes[4...])
        if let problem = KubeAPIFuzzing.watchChunkingDisagreement(body, chunkSizes: chunkSizes, maximumLineLength: maximumLineLength) {
            return problem
        }
        return KubeAPIFuzzing.watchChunkingDisagreement(body, chunkSizes: [1], maximumLineLength: maximumLineLength)
    }

    /// The fast pod decoder against Foundation's `JSONDecoder`: on what Foundation decodes it may decline, never
    /// disagree; on what Foundation rejects it must not crash.
    static let fastPod = FuzzTarget(name: "fast-pod", summary: "fast pod decoder == JSONDecoder on valid JSON, or declines") { bytes in
        KubeAPIFuzzing.fastDecodingDisagreement(bytes)
    }
}
