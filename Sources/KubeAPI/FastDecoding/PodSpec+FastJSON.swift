extension PodSpec: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init()
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            // volumes, affinity, tolerations and the containers' env, probes and mounts are skipped unbuilt.
            if cursor.key(key, is: "nodeName"), seen.first(0) {
                nodeName = try cursor.readString().lenient
            } else if cursor.key(key, is: "restartPolicy"), seen.first(1) {
                restartPolicy = try cursor.readString().lenient
            } else if cursor.key(key, is: "containers"), seen.first(2) {
                containers = try cursor.lenientArray(Container.init(fastJSON:))
            } else if cursor.key(key, is: "initContainers"), seen.first(3) {
                initContainers = try cursor.lenientArray(Container.init(fastJSON:))
            } else if cursor.key(key, is: "ephemeralContainers"), seen.first(4) {
                ephemeralContainers = try cursor.lenientArray(Container.init(fastJSON:))
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension Container: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        name = ""
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "name"), seen.first(0) {
                name = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "image"), seen.first(1) {
                image = try cursor.readString().lenient
            } else if cursor.key(key, is: "restartPolicy"), seen.first(2) {
                restartPolicy = try cursor.readString().lenient
            } else {
                try cursor.skipValue()
            }
        }
    }
}
