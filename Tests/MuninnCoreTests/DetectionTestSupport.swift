import Foundation
import KubeAPI
import Testing

@testable import MuninnCore

/// Builds pods from small JSON strings, as the API server would send them.
enum DetectionPods {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func time(_ seconds: Int) -> String {
        KubeTime(t0.addingTimeInterval(TimeInterval(seconds))).description
    }

    static func terminated(exitCode: Int = 1, reason: String? = "Error", id: String? = "containerd://aa", finishedAt: Int = 60) -> String {
        var fields = [#""exitCode":\#(exitCode)"#, #""startedAt":"\#(time(0))""#, #""finishedAt":"\#(time(finishedAt))""#]
        if let reason { fields.append(#""reason":"\#(reason)""#) }
        if let id { fields.append(#""containerID":"\#(id)""#) }
        return #"{"terminated":{\#(fields.joined(separator: ","))}}"#
    }

    static func waiting(_ reason: String, message: String = "") -> String {
        #"{"waiting":{"reason":"\#(reason)","message":"\#(message)"}}"#
    }

    static let running = #"{"running":{"startedAt":"2026-01-01T00:00:00Z"}}"#

    static func status(
        _ name: String = "web", restartCount: Int = 0, ready: Bool = false, state: String = running, last: String = "{}", image: String = "shop/web:1"
    ) -> String {
        #"{"name":"\#(name)","image":"\#(image)","ready":\#(ready),"restartCount":\#(restartCount),"state":\#(state),"lastState":\#(last)}"#
    }

    static func readyCondition(_ status: String, reason: String? = nil, since: Int = 0) -> String {
        let reasonField = reason.map { #","reason":"\#($0)","message":"containers with unready status: [web]""# } ?? ""
        return #"{"type":"Ready","status":"\#(status)"\#(reasonField),"lastTransitionTime":"\#(time(since))"}"#
    }

    static func pod(
        name: String = "web-1", namespace: String = "shop", uid: String = "u-1", phase: String = "Running", reason: String? = nil,
        message: String? = nil, deleting: Bool = false, restartPolicy: String = "Always", conditions: [String] = [], sidecars: [String] = [],
        initStatuses: [String] = [], statuses: [String] = [], ephemeralStatuses: [String] = []
    ) throws -> Pod {
        let deletion = deleting ? #","deletionTimestamp":"\#(time(30))""# : ""
        let owner = #""ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f","uid":"rs-1","controller":true}]"#
        let initSpecs = sidecars.map { #"{"name":"\#($0)","image":"proxy:1","restartPolicy":"Always"}"# }
        var statusFields = [#""phase":"\#(phase)""#, #""conditions":[\#(conditions.joined(separator: ","))]"#]
        if let reason { statusFields.append(#""reason":"\#(reason)""#) }
        if let message { statusFields.append(#""message":"\#(message)""#) }
        statusFields.append(#""initContainerStatuses":[\#(initStatuses.joined(separator: ","))]"#)
        statusFields.append(#""containerStatuses":[\#(statuses.joined(separator: ","))]"#)
        statusFields.append(#""ephemeralContainerStatuses":[\#(ephemeralStatuses.joined(separator: ","))]"#)
        let json = """
            {"metadata":{"name":"\(name)","namespace":"\(namespace)","uid":"\(uid)",\(owner)\(deletion)},
             "spec":{"nodeName":"node-1","restartPolicy":"\(restartPolicy)","containers":[{"name":"web","image":"shop/web:1"}],"initContainers":[\(initSpecs.joined(separator: ","))]},
             "status":{\(statusFields.joined(separator: ","))}}
            """
        return try decode(json)
    }

    static func decode(_ json: String) throws -> Pod {
        try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
    }

    /// The real pods saved with the client's tests.
    static func fixture(_ name: String) throws -> Pod {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KubeAPITests/Fixtures/\(name).json")
        return try JSONDecoder().decode(Pod.self, from: Data(contentsOf: url))
    }

    /// A detector past its initial list (nothing known), as after a first start on an empty cluster.
    static func liveDetector(_ configuration: CrashDetector.Configuration = CrashDetector.Configuration()) -> CrashDetector {
        var detector = CrashDetector(configuration: configuration)
        _ = detector.observe(.synced, now: t0)
        return detector
    }
}

extension CrashDetector {
    /// Feeds `pods` as consecutive modifications and returns every incident.
    mutating func feed(_ pods: [Pod], now: Date = DetectionPods.t0) -> [Incident] {
        pods.flatMap { observe(.modified($0), now: now) }
    }
}
