extension PodStatus: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init()
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "phase"), seen.first(0) {
                phase = try cursor.readString().lenient
            } else if cursor.key(key, is: "reason"), seen.first(1) {
                reason = try cursor.readString().lenient
            } else if cursor.key(key, is: "message"), seen.first(2) {
                message = try cursor.readString().lenient
            } else if cursor.key(key, is: "conditions"), seen.first(3) {
                conditions = try cursor.lenientArray(PodCondition.init(fastJSON:))
            } else if cursor.key(key, is: "hostIP"), seen.first(4) {
                hostIP = try cursor.readString().lenient
            } else if cursor.key(key, is: "podIP"), seen.first(5) {
                podIP = try cursor.readString().lenient
            } else if cursor.key(key, is: "startTime"), seen.first(6) {
                startTime = try cursor.lenientTime()
            } else if cursor.key(key, is: "containerStatuses"), seen.first(7) {
                containerStatuses = try cursor.lenientArray(ContainerStatus.init(fastJSON:))
            } else if cursor.key(key, is: "initContainerStatuses"), seen.first(8) {
                initContainerStatuses = try cursor.lenientArray(ContainerStatus.init(fastJSON:))
            } else if cursor.key(key, is: "ephemeralContainerStatuses"), seen.first(9) {
                ephemeralContainerStatuses = try cursor.lenientArray(ContainerStatus.init(fastJSON:))
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension PodCondition: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        type = ""
        status = "Unknown"
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "type"), seen.first(0) {
                type = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "status"), seen.first(1) {
                status = try cursor.readString().lenient ?? "Unknown"
            } else if cursor.key(key, is: "reason"), seen.first(2) {
                reason = try cursor.readString().lenient
            } else if cursor.key(key, is: "message"), seen.first(3) {
                message = try cursor.readString().lenient
            } else if cursor.key(key, is: "lastProbeTime"), seen.first(4) {
                lastProbeTime = try cursor.lenientTime()
            } else if cursor.key(key, is: "lastTransitionTime"), seen.first(5) {
                lastTransitionTime = try cursor.lenientTime()
            } else {
                try cursor.skipValue()
            }
        }
    }
}
