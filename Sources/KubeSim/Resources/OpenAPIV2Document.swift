/// An empty OpenAPI v2 document (`swagger: "2.0"`, info, no paths). kubectl 1.27–1.28 fetch
/// `/openapi/v2` (as protobuf, gnostic `openapi_v2.Document`) before `apply` and give up if it
/// is missing; with an empty document they fall back to built-in patch metadata, and field
/// validation is decided by the OpenAPI v3 documents.
enum OpenAPIV2Document {
    /// What kube-openapi answers (clients ask with `…spec.v2@v1.0+protobuf`; `@` is not valid in
    /// a returned media type, and Go's mime parser rejects it).
    static let protobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    static func protobuf(version: String) -> [UInt8] {
        let info = field(1, Array("Kubernetes".utf8)) + field(2, Array(version.utf8))
        return field(1, Array("2.0".utf8)) + field(2, info) + field(8, [])
    }

    static func json(version: String) -> String {
        #"{"swagger":"2.0","info":{"title":"Kubernetes","version":"\#(version)"},"paths":{}}"#
    }

    /// A length-delimited protobuf field (wire type 2).
    private static func field(_ number: UInt64, _ payload: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(payload.count)) + payload
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        return bytes
    }
}
