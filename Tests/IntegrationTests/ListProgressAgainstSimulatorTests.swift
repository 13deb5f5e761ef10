import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import MuninnTesting
import Synchronization
import Testing

@testable import Muninn

/// The reflector's page hook against the simulator serving a list in many pages, and the progress line
/// `muninn run` logs from it.
@Suite(.timeLimit(.minutes(2)))
struct ListProgressAgainstSimulatorTests {
    @Test func aListOfManyPagesIsReportedPageByPage() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            _ = try cluster.simulator.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bulk"]])
            for index in 0..<1_600 {
                let object: JSONValue = [
                    "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("cm-\(index)"), "namespace": "bulk"], "data": ["k": "v"],
                ]
                _ = try cluster.simulator.create(.configMaps, namespace: "bulk", object)
            }
            let pages = Mutex<[ListProgress]>([])
            let recorder = LogRecorder()
            let reporter = ListProgressReporter(resource: "configmaps", namespace: "bulk", everyPages: 2, interval: .seconds(3600), logger: recorder.logger())
            try await cluster.withClient { client in
                let reflector = client.reflector(
                    for: .configMaps, namespace: "bulk", as: JSONValue.self, listFromWatchCache: false,
                    onListPage: { progress in
                        pages.withLock { $0.append(progress) }
                        reporter.record(progress)
                    })
                var listed = 0
                for try await event in reflector {
                    if case .synced = event { break }
                    listed += 1
                }
                #expect(listed == 1_600)
            }
            #expect(pages.withLock { $0 } == [
                ListProgress(pages: 1, objects: 500, isComplete: false), ListProgress(pages: 2, objects: 1_000, isComplete: false),
                ListProgress(pages: 3, objects: 1_500, isComplete: false), ListProgress(pages: 4, objects: 1_600, isComplete: true),
            ])
            let lists = cluster.simulator.recorder.requests.filter { $0.path.hasSuffix("/namespaces/bulk/configmaps") && !$0.query.contains("watch=") }
            #expect(lists.count == 4)
            #expect(lists.allSatisfy { $0.query.contains("limit=500") })
            #expect(recorder.records.map(\.message) == ["initial list in progress", "initial list complete"])
            #expect(recorder.records.map { $0.metadata["objects"].map { "\($0)" } } == ["1000", "1600"])
        }
    }
}
