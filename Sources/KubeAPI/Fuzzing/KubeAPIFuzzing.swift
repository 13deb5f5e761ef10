import Foundation

/// The decoders `muninn fuzz` drives (see Fuzz/README.md), reached from the Muninn target. Each returns the
/// invariant the input broke, or nil; crashing is the other finding, and libFuzzer catches that itself.
package enum KubeAPIFuzzing {
    /// One thing the decoder produced, compared by value (a description would depend on dictionary order).
    package struct WatchOutcome: Equatable, CustomStringConvertible {
        var label: String
        var pod: Pod?
        var status: Status?

        package var description: String { label + (pod.map { " \($0.metadata.name)" } ?? "") + (status.map { " \($0)" } ?? "") }
    }

    /// Feeds a watch body to the decoder in the given chunk sizes (cycled) and describes each event, the error
    /// that ended the stream, or the final unterminated event.
    package static func watchOutcomes(_ body: [UInt8], chunkSizes: [Int], maximumLineLength: Int) -> [WatchOutcome] {
        var decoder = WatchEventDecoder<Pod>(maximumLineLength: maximumLineLength)
        var outcomes: [WatchOutcome] = []
        var offset = 0
        var chunk = 0
        do {
            while offset < body.count {
                let size = max(1, chunkSizes.isEmpty ? body.count : chunkSizes[chunk % chunkSizes.count])
                let end = min(body.count, offset + size)
                decoder.append(body[offset..<end])
                offset = end
                chunk += 1
                while let event = try decoder.next() { outcomes.append(describe(event)) }
            }
            if let last = try decoder.finish() {
                var outcome = describe(last)
                outcome.label = "final " + outcome.label
                outcomes.append(outcome)
            }
        } catch {
            outcomes.append(WatchOutcome(label: "error \(error)"))
        }
        return outcomes
    }

    /// A watch body must decode to the same events however the network cut it into chunks.
    package static func watchChunkingDisagreement(_ body: [UInt8], chunkSizes: [Int], maximumLineLength: Int) -> String? {
        let whole = watchOutcomes(body, chunkSizes: [], maximumLineLength: maximumLineLength)
        let chunked = watchOutcomes(body, chunkSizes: chunkSizes, maximumLineLength: maximumLineLength)
        guard whole != chunked else { return nil }
        guard let index = zip(whole, chunked).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            return "watch events depend on chunking \(chunkSizes): \(whole.count) outcomes whole, \(chunked.count) chunked"
        }
        return "watch events depend on chunking \(chunkSizes): outcome \(index) is \(whole[index]) whole but \(chunked[index]) chunked"
    }

    /// Where `JSONDecoder` decodes the bytes (valid JSON), the fast pod decoder either declines or gives exactly
    /// what it gives: for a pod, a pod list and a watch event holding the bytes. Where `JSONDecoder` throws, the fast
    /// path may still answer (it skips the subtrees it does not read by their structure, without validating them);
    /// it must only not crash.
    package static func fastDecodingDisagreement(_ bytes: [UInt8]) -> String? {
        if let fast = FastJSONDecoding.decode(Pod.self, from: bytes), let reference = try? JSONDecoder().decode(Pod.self, from: Data(bytes)),
            fast != reference
        {
            return "pod: fast \(fast) vs Foundation \(reference)"
        }
        let list = Array(#"{"kind":"PodList","metadata":{"resourceVersion":"5"},"items":["#.utf8) + bytes + Array("]}".utf8)
        if let fast = FastJSONDecoding.decode(ObjectList<Pod>.self, from: list),
            let expected = try? JSONDecoder().decode(ObjectList<Pod>.self, from: Data(list)),
            fast.items != expected.items || fast.metadata != expected.metadata
        {
            return "list: fast and Foundation differ"
        }
        let event = Array(#"{"type":"MODIFIED","object":"#.utf8) + bytes + Array("}".utf8)
        if let fast = FastJSONDecoding.decode(WatchEvent<Pod>.self, from: event),
            let expected = try? JSONDecoder().decode(WatchEvent<Pod>.self, from: Data(event))
        {
            guard case .modified(let pod) = fast, case .modified(let reference) = expected, pod == reference else {
                return "event: fast and Foundation differ"
            }
        }
        return nil
    }

    private static func describe(_ event: WatchEvent<Pod>) -> WatchOutcome {
        switch event {
        case .added(let pod): WatchOutcome(label: "added", pod: pod)
        case .modified(let pod): WatchOutcome(label: "modified", pod: pod)
        case .deleted(let pod): WatchOutcome(label: "deleted", pod: pod)
        case .bookmark(let resourceVersion): WatchOutcome(label: "bookmark \(resourceVersion)")
        case .error(let status): WatchOutcome(label: "error", status: status)
        }
    }
}
