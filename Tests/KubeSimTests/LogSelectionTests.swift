import Foundation
import KubeJSON
import KubeletModel
import Synchronization
import Testing
@testable import KubeSim

@Suite struct LogSelectionTests {
    private func pod(_ status: JSONValue) -> JSONValue {
        ["spec": ["containers": [["name": "app"]]], "status": ["containerStatuses": [status]]]
    }

    private func message(_ pod: JSONValue, previous: Bool = false) -> String? {
        do {
            _ = try ContainerLogLocator.containerID(in: pod, podName: "p", container: "app", previous: previous)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func kubeletMessagesForEachState() {
        #expect(message(["spec": [:], "status": [:]]) == "container \"app\" in pod \"p\" is not available")
        #expect(message(pod(["name": "app", "state": ["terminated": ["exitCode": 1]], "lastState": [:]]))
            == "container \"app\" in pod \"p\" is terminated")
        #expect(message(pod(["name": "app", "state": [:], "lastState": [:]]))
            == "container \"app\" in pod \"p\" is waiting to start - no logs yet")
        #expect(message(pod(["name": "app", "state": ["waiting": ["reason": "ErrImagePull"]], "lastState": [:]]))
            == "container \"app\" in pod \"p\" is waiting to start: image can't be pulled")
        #expect(message(pod(["name": "app", "state": ["waiting": ["reason": "CreateContainerConfigError"]], "lastState": [:]]))
            == "container \"app\" in pod \"p\" is waiting to start: CreateContainerConfigError")
        #expect(message(pod(["name": "app", "state": ["running": [:]], "lastState": ["terminated": ["exitCode": 1]]]), previous: true)
            == "previous terminated container \"app\" in pod \"p\" not found")
    }

    @Test func crashLoopingContainerServesTheLastInstance() throws {
        let crashLooping = pod([
            "name": "app", "state": ["waiting": ["reason": "CrashLoopBackOff"]],
            "lastState": ["terminated": ["exitCode": 1, "containerID": "containerd://old"]],
        ])
        #expect(try ContainerLogLocator.containerID(in: crashLooping, podName: "p", container: "app", previous: false) == "containerd://old")
        #expect(try ContainerLogLocator.containerID(in: crashLooping, podName: "p", container: "app", previous: true) == "containerd://old")
    }

    @Test func sinceSecondsUsesTheInjectedClock() async throws {
        let now = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
        let configuration = SimulatorConfiguration(now: { now.withLock { $0 } })
        try await withTestSimulator(configuration) { simulator, client in
            var pod = TestObjects.pod("p")
            pod[path: ["status", "containerStatuses"]] = [TestObjects.containerStatus("app", running: "containerd://1")]
            try simulator.apply([.apply(.pods, pod),
                                 .appendLog(namespace: "default", pod: "p", container: "app", containerID: "containerd://1", text: "early\n")])
            now.withLock { $0 = $0.addingTimeInterval(120) }
            try simulator.apply([.appendLog(namespace: "default", pod: "p", container: "app", containerID: "containerd://1", text: "late\n")])
            #expect(try await client.get("/api/v1/namespaces/default/pods/p/log?sinceSeconds=60").text == "late\n")
            #expect(try await client.get("/api/v1/namespaces/default/pods/p/log?sinceSeconds=600").text == "early\nlate\n")
            #expect(try await client.get("/api/v1/namespaces/default/pods/p/log?sinceTime=2023-11-14T22:14:00Z").text == "late\n")
            let stamped = try await client.get("/api/v1/namespaces/default/pods/p/log?timestamps=true").text
            #expect(stamped == "2023-11-14T22:13:20.000000000Z early\n2023-11-14T22:15:20.000000000Z late\n")
            #expect(try await client.get("/api/v1/namespaces/default/pods/p/log?sinceSeconds=5&sinceTime=2023-11-14T22:14:00Z").status == 422)
        }
    }
}

@Suite struct LogRetentionTests {
    @Test func onlyTheCurrentAndPreviousInstancesAreKept() {
        let logs = LogStore(now: { Date() })
        for id in ["c1", "c2", "c3"] {
            logs.append(namespace: "ns", pod: "p", container: "app", containerID: id, text: "\(id)\n")
        }
        #expect(logs.lines(containerID: "c1").isEmpty)
        #expect(logs.lines(containerID: "c2").map(\.text) == [Array("c2\n".utf8)])
        #expect(logs.lines(containerID: "c3").map(\.text) == [Array("c3\n".utf8)])
    }

    @Test func partialLinesAreContinued() {
        let logs = LogStore(now: { Date() })
        logs.append(namespace: "ns", pod: "p", container: "app", containerID: "c", text: "hel")
        logs.append(namespace: "ns", pod: "p", container: "app", containerID: "c", text: "lo\nworld")
        #expect(logs.lines(containerID: "c").map { String(decoding: $0.text, as: UTF8.self) } == ["hello\n", "world"])
    }
}
