extension Pod: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init(placeholderFor: ObjectKey(namespace: nil, name: ""))
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "metadata"), seen.first(0) {
                metadata = try cursor.lenientObject(ObjectMeta.init(fastJSON:)) ?? ObjectMeta()
            } else if cursor.key(key, is: "spec"), seen.first(1) {
                spec = try cursor.lenientObject(PodSpec.init(fastJSON:)) ?? PodSpec()
            } else if cursor.key(key, is: "status"), seen.first(2) {
                status = try cursor.lenientObject(PodStatus.init(fastJSON:)) ?? PodStatus()
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension ObjectMeta: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init()
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            // managedFields, finalizers and the rest are skipped without being built: most of a pod's bytes.
            if cursor.key(key, is: "name"), seen.first(0) {
                name = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "namespace"), seen.first(1) {
                namespace = try cursor.readString().lenient
            } else if cursor.key(key, is: "uid"), seen.first(2) {
                uid = try cursor.readString().lenient
            } else if cursor.key(key, is: "resourceVersion"), seen.first(3) {
                resourceVersion = try cursor.readString().lenient
            } else if cursor.key(key, is: "generation"), seen.first(4) {
                generation = try cursor.readInt64().lenient
            } else if cursor.key(key, is: "labels"), seen.first(5) {
                labels = try cursor.lenientStringMap()
            } else if cursor.key(key, is: "annotations"), seen.first(6) {
                annotations = try cursor.lenientStringMap()
            } else if cursor.key(key, is: "ownerReferences"), seen.first(7) {
                ownerReferences = try cursor.lenientArray(OwnerReference.init(fastJSON:))
            } else if cursor.key(key, is: "creationTimestamp"), seen.first(8) {
                creationTimestamp = try cursor.lenientTime()
            } else if cursor.key(key, is: "deletionTimestamp"), seen.first(9) {
                deletionTimestamp = try cursor.lenientTime()
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension OwnerReference: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init(apiVersion: "", kind: "", name: "", uid: "")
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "apiVersion"), seen.first(0) {
                apiVersion = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "kind"), seen.first(1) {
                kind = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "name"), seen.first(2) {
                name = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "uid"), seen.first(3) {
                uid = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "controller"), seen.first(4) {
                controller = try cursor.readBool().lenient
            } else if cursor.key(key, is: "blockOwnerDeletion"), seen.first(5) {
                blockOwnerDeletion = try cursor.readBool().lenient
            } else {
                try cursor.skipValue()
            }
        }
    }
}
