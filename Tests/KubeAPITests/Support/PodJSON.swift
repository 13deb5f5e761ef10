/// Small pod and list JSON for scripted server replies.
enum PodJSON {
    static func pod(_ name: String, rv: String, namespace: String = "default", phase: String = "Running") -> String {
        "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"\(name)\",\"namespace\":\"\(namespace)\",\"uid\":\"uid-\(name)\",\"resourceVersion\":\"\(rv)\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]},\"status\":{\"phase\":\"\(phase)\"}}"
    }

    /// A list item: no kind/apiVersion, as a real server sends.
    static func item(_ name: String, rv: String) -> String {
        "{\"metadata\":{\"name\":\"\(name)\",\"namespace\":\"default\",\"resourceVersion\":\"\(rv)\"},\"spec\":{},\"status\":{\"phase\":\"Running\"}}"
    }

    static func list(_ items: [String], rv: String, continue token: String? = nil) -> String {
        let continuePart = token.map { ",\"continue\":\"\($0)\"" } ?? ""
        return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"\(rv)\"\(continuePart)},\"items\":[\(items.joined(separator: ","))]}"
    }

    static func event(_ type: String, _ object: String) -> String {
        "{\"type\":\"\(type)\",\"object\":\(object)}"
    }

    static func bookmark(rv: String) -> String {
        "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"\(rv)\",\"creationTimestamp\":null},\"spec\":{\"containers\":null},\"status\":{}}}"
    }

    static func expiredEvent(reason: String = "Expired") -> String {
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: 1 (100)\",\"reason\":\"\(reason)\",\"code\":410}}"
    }
}
