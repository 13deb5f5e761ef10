import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

@Suite struct DetectionTerminationTests {
    typealias P = DetectionPods

    @Test func theFirstStatusShowingStateTerminatedReportsOnceWithAllDetails() throws {
        var detector = P.liveDetector()
        let oom = P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://aa")
        let sequence = try [
            P.pod(statuses: [P.status(ready: true)]),
            P.pod(statuses: [P.status(state: oom)]),
            P.pod(statuses: [P.status(state: oom)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: oom)]),
            P.pod(statuses: [P.status(restartCount: 1, ready: true, last: oom)]),
        ]
        let incidents = detector.feed(sequence)
        let incident = try #require(incidents.count == 1 ? incidents.first : nil)
        #expect(incident.kind == .containerTerminated)
        #expect(incident.identity == "u-1/web/containerd://aa")
        #expect(incident.reason == "OOMKilled" && incident.exitCode == 137)
        #expect(incident.restartCount == 0 && incident.restartsSeen == 1)
        #expect(incident.container == "web" && incident.role == .regular && incident.image == "shop/web:1")
        #expect(incident.namespace == "shop" && incident.podName == "web-1" && incident.podUID == "u-1" && incident.node == "node-1")
        #expect(incident.owner?.kind == "ReplicaSet" && incident.owner?.name == "web-7d9f")
        #expect(incident.containerID == "containerd://aa")
        #expect(incident.finishedAt == P.t0.addingTimeInterval(60) && incident.startedAt == P.t0)
        #expect(!incident.seenLate)
    }

    @Test func aTerminationSeenOnlyInLastStateIsReportedOnce() throws {
        var detector = P.liveDetector()
        let error = P.terminated(exitCode: 1, reason: "Error", id: "containerd://bb")
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(ready: true)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: error)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: error)]),
            P.pod(statuses: [P.status(restartCount: 1, ready: true, last: error)]),
        ])
        #expect(incidents.map(\.identity) == ["u-1/web/containerd://bb"])
        #expect(incidents.first?.restartsSeen == 1 && incidents.first?.restartCount == 1)
    }

    /// Every termination instance once, whatever the pattern of updates around it.
    @Test(arguments: [
        ["state", "state", "last", "last"],
        ["last", "last", "last"],
        ["state", "last", "state", "last"],  // a stale update: never repeats
    ])
    func exactlyOneIncidentPerInstance(pattern: [String]) throws {
        var detector = P.liveDetector()
        let error = P.terminated(id: "containerd://cc")
        let pods = try pattern.map { where_ in
            where_ == "state"
                ? try P.pod(statuses: [P.status(state: error)])
                : try P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: error)])
        }
        #expect(detector.feed(pods).map(\.identity) == ["u-1/web/containerd://cc"])
    }

    @Test func aRestartCountJumpReportsHowManyRestartsWereSeen() throws {
        var detector = P.liveDetector()
        let five = P.terminated(id: "containerd://05", finishedAt: 500)
        let eight = P.terminated(id: "containerd://08", finishedAt: 800)
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(restartCount: 5, ready: true, last: five)]),
            P.pod(statuses: [P.status(restartCount: 8, state: P.waiting("CrashLoopBackOff"), last: eight)]),
        ])
        #expect(incidents.map(\.restartsSeen) == [5, 3])
        #expect(incidents.map(\.restartCount) == [5, 8])
    }

    @Test func aJumpShowingTwoNewInstancesReportsBoth() throws {
        var detector = P.liveDetector()
        let first = P.terminated(id: "containerd://01")
        let second = P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://02")
        _ = detector.feed(try [P.pod(statuses: [P.status(ready: true)])])
        let incidents = detector.feed(try [P.pod(statuses: [P.status(restartCount: 1, state: second, last: first)])])
        #expect(incidents.map(\.identity) == ["u-1/web/containerd://01", "u-1/web/containerd://02"])
        #expect(incidents.map(\.restartsSeen) == [1, 1])
        // Both now known, in either position.
        #expect(detector.feed(try [P.pod(statuses: [P.status(restartCount: 2, state: P.waiting("CrashLoopBackOff"), last: second)])]).isEmpty)
    }

    @Test func instancesWithoutContainerIDAreKeyedByFinishTimeThenAttempt() throws {
        var detector = P.liveDetector()
        let byTime = P.terminated(id: nil, finishedAt: 90)
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(state: byTime)]),
            P.pod(statuses: [P.status(restartCount: 1, state: P.waiting("CrashLoopBackOff"), last: byTime)]),
        ])
        #expect(incidents.map(\.identity) == ["u-1/web/\(P.time(90))"])
        let anonymous = #"{"terminated":{"exitCode":137,"reason":"ContainerStatusUnknown","startedAt":null,"finishedAt":null}}"#
        var other = P.liveDetector()
        let unknown = other.feed(try [
            P.pod(statuses: [P.status(restartCount: 3, state: anonymous)]),
            P.pod(statuses: [P.status(restartCount: 4, state: P.waiting("CrashLoopBackOff"), last: anonymous)]),
        ])
        #expect(unknown.map(\.identity) == ["u-1/web/attempt-3"])
    }

    struct RoleCase: Sendable, CustomTestStringConvertible {
        var list: String
        var sidecar: Bool
        var role: Incident.Role
        var testDescription: String { "\(role)" }
    }

    @Test(arguments: [
        RoleCase(list: "containers", sidecar: false, role: .regular),
        RoleCase(list: "initContainers", sidecar: false, role: .`init`),
        RoleCase(list: "initContainers", sidecar: true, role: .sidecar),
        RoleCase(list: "ephemeralContainers", sidecar: false, role: .ephemeral),
    ])
    func terminationsOfEveryRoleAreReported(_ testCase: RoleCase) throws {
        var detector = P.liveDetector()
        let crashed = [P.status("helper", state: P.terminated(exitCode: 2, id: "containerd://hh"))]
        let main = [P.status(ready: true)]
        let pod = try P.pod(
            sidecars: testCase.sidecar ? ["helper"] : [],
            initStatuses: testCase.list == "initContainers" ? crashed : [],
            statuses: testCase.list == "containers" ? crashed : main,
            ephemeralStatuses: testCase.list == "ephemeralContainers" ? crashed : [])
        let incidents = detector.feed([pod])
        #expect(incidents.map(\.role) == [testCase.role])
        #expect(incidents.map(\.container) == ["helper"])
        #expect(incidents.map(\.exitCode) == [2])
    }

    @Test func sidecarsStoppedAfterTheMainContainersFinishedAreNotCrashes() throws {
        var detector = P.liveDetector()
        let pod = try P.pod(
            phase: "Succeeded", restartPolicy: "Never", sidecars: ["proxy"],
            initStatuses: [P.status("proxy", state: P.terminated(exitCode: 143, reason: "Error", id: "containerd://px"))],
            statuses: [P.status(state: P.terminated(exitCode: 0, reason: "Completed", id: "containerd://job"))])
        #expect(detector.feed([pod]).isEmpty)
        // With restartPolicy Always the main container comes back: a sidecar crash meanwhile is a crash.
        var always = P.liveDetector()
        let crashed = try P.pod(
            sidecars: ["proxy"], initStatuses: [P.status("proxy", state: P.terminated(exitCode: 2, reason: "Error", id: "containerd://px"))],
            statuses: [P.status(state: P.terminated(exitCode: 1, reason: "Error", id: "containerd://web"))])
        #expect(always.feed([crashed]).map(\.role) == [.sidecar, .regular])
    }

    struct ExitCase: Sendable, CustomTestStringConvertible {
        var reason: String?
        var exitCode: Int
        var reported: Bool
        var testDescription: String { "\(reason ?? "nil")/\(exitCode)" }
    }

    /// Keyed on reason: OOMKilled has been reported with exit codes 0, 1 and 143.
    @Test(arguments: [
        ExitCase(reason: "Completed", exitCode: 0, reported: false),
        ExitCase(reason: nil, exitCode: 0, reported: false),
        ExitCase(reason: "OOMKilled", exitCode: 0, reported: true),
        ExitCase(reason: "OOMKilled", exitCode: 1, reported: true),
        ExitCase(reason: "OOMKilled", exitCode: 143, reported: true),
        ExitCase(reason: "Error", exitCode: 1, reported: true),
        ExitCase(reason: nil, exitCode: 255, reported: true),
        ExitCase(reason: "StartError", exitCode: 128, reported: true),
    ])
    func completedContainersAreIgnoredAndFailuresKeyOnReason(_ testCase: ExitCase) throws {
        var detector = P.liveDetector()
        let pod = try P.pod(phase: "Running", statuses: [P.status(state: P.terminated(exitCode: testCase.exitCode, reason: testCase.reason))])
        #expect(detector.feed([pod]).count == (testCase.reported ? 1 : 0))
        // Ignored or not, the instance is remembered: it never shows up later.
        #expect(detector.feed([try P.pod(statuses: [P.status(restartCount: 1, ready: true, last: P.terminated(exitCode: testCase.exitCode, reason: testCase.reason))])]).isEmpty)
    }

    @Test(arguments: [false, true])
    func killsOfPodsBeingDeletedAreIgnoredUnlessConfigured(report: Bool) throws {
        var detector = P.liveDetector(CrashDetector.Configuration(reportDeletionKills: report))
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(ready: true)]),
            P.pod(deleting: true, statuses: [P.status(state: P.terminated(exitCode: 143, reason: "Error"))]),
        ])
        #expect(incidents.count == (report ? 1 : 0))
        _ = detector.observe(.deleted(try P.pod(deleting: true)), now: P.t0)
        #expect(detector.rememberedPodCount == 0)
    }

    @Test func aRestartWithoutAnyTerminationRecordIsStillReported() throws {
        var detector = P.liveDetector()
        let incidents = detector.feed(try [
            P.pod(statuses: [P.status(restartCount: 2, ready: true, last: P.terminated(id: "containerd://02"))]),
            P.pod(statuses: [P.status(restartCount: 4, ready: true)]),
            P.pod(statuses: [P.status(restartCount: 4, ready: true)]),
        ])
        #expect(incidents.count == 2)
        #expect(incidents.last?.reason == nil && incidents.last?.restartsSeen == 2 && incidents.last?.identity == "u-1/web/attempt-3")
    }

    @Test func realPodsFromClustersAreReportedOnFirstLiveSighting() throws {
        // These pods have been unready for years by now: not what this test is about.
        var detector = P.liveDetector(CrashDetector.Configuration(notReadyThreshold: nil))
        let oom = detector.feed([try P.fixture("pod-oomkilled-crashloopbackoff-kind")])
        #expect(oom.map(\.reason) == ["OOMKilled"])
        #expect(oom.first?.restartsSeen == 6 && oom.first?.exitCode == 137)
        let crashLoop = detector.feed([try P.fixture("pod-crashloopbackoff-aks")])
        #expect(crashLoop.map(\.reason) == ["Error"] && crashLoop.first?.exitCode == 255)
        // A Failed Job pod without a pod-level reason: its container's failure is the incident, not the pod.
        let startError = detector.feed([try P.fixture("pod-starterror-failed-eks-fargate")])
        #expect(startError.map(\.kind) == [.containerTerminated])
        #expect(startError.first?.reason == "StartError" && startError.first?.exitCode == 128 && startError.first?.owner?.kind == "Job")
        // Healthy pods with a sidecar and completed init containers: nothing, and nothing to remember.
        let remembered = detector.rememberedPodCount
        #expect(detector.feed([try P.fixture("pod-sidecar-init-running-kind"), try P.fixture("pod-benchmark-exemplar-upstream")]).isEmpty)
        #expect(detector.rememberedPodCount == remembered)
        // Everything again: nothing new.
        let again = ["pod-oomkilled-crashloopbackoff-kind", "pod-crashloopbackoff-aks", "pod-starterror-failed-eks-fargate"]
        #expect(detector.feed(try again.map(P.fixture)).isEmpty)
    }
}
