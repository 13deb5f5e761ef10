extension ContainerStatus: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        name = ""
        ready = false
        restartCount = 0
        state = .empty
        lastState = .empty
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "name"), seen.first(0) {
                name = try cursor.readString().lenient ?? ""
            } else if cursor.key(key, is: "image"), seen.first(1) {
                image = try cursor.readString().lenient
            } else if cursor.key(key, is: "imageID"), seen.first(2) {
                imageID = try cursor.readString().lenient
            } else if cursor.key(key, is: "containerID"), seen.first(3) {
                containerID = try cursor.readString().lenient
            } else if cursor.key(key, is: "ready"), seen.first(4) {
                ready = try cursor.readBool().lenient ?? false
            } else if cursor.key(key, is: "started"), seen.first(5) {
                started = try cursor.readBool().lenient
            } else if cursor.key(key, is: "restartCount"), seen.first(6) {
                restartCount = try cursor.readInt().lenient ?? 0
            } else if cursor.key(key, is: "state"), seen.first(7) {
                state = try cursor.lenientObject(ContainerState.init(fastJSON:)) ?? .empty
            } else if cursor.key(key, is: "lastState"), seen.first(8) {
                lastState = try cursor.lenientObject(ContainerState.init(fastJSON:)) ?? .empty
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension ContainerState: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        // Foundation's order: waiting, then running, then terminated, whatever the order of the keys.
        var waiting: (reason: String?, message: String?)?
        var running: KubeTime??
        var terminated: Terminated?
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "waiting"), seen.first(0) {
                waiting = try cursor.strictWaiting()
            } else if cursor.key(key, is: "running"), seen.first(1) {
                running = try cursor.lenientObject { cursor throws(FastJSONUnsupported) in
                    var startedAt: KubeTime?
                    var seen = SeenFields()
                    try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
                        if cursor.key(key, is: "startedAt"), seen.first(0) {
                            startedAt = try cursor.lenientTime()
                        } else {
                            try cursor.skipValue()
                        }
                    }
                    return startedAt
                }
            } else if cursor.key(key, is: "terminated"), seen.first(2) {
                terminated = try cursor.lenientObject(Terminated.init(fastJSON:))
            } else {
                try cursor.skipValue()
            }
        }
        if let waiting {
            self = .waiting(reason: waiting.reason, message: waiting.message)
        } else if let running {
            self = .running(startedAt: running)
        } else if let terminated {
            self = .terminated(terminated)
        } else {
            self = .empty
        }
    }
}

extension ContainerState.Terminated: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        exitCode = 0
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "exitCode"), seen.first(0) {
                exitCode = try cursor.readInt().lenient ?? 0
            } else if cursor.key(key, is: "signal"), seen.first(1) {
                signal = try cursor.readInt().lenient
            } else if cursor.key(key, is: "reason"), seen.first(2) {
                reason = try cursor.readString().lenient
            } else if cursor.key(key, is: "message"), seen.first(3) {
                message = try cursor.readString().lenient
            } else if cursor.key(key, is: "startedAt"), seen.first(4) {
                startedAt = try cursor.lenientTime()
            } else if cursor.key(key, is: "finishedAt"), seen.first(5) {
                finishedAt = try cursor.lenientTime()
            } else if cursor.key(key, is: "containerID"), seen.first(6) {
                containerID = try cursor.readString().lenient
            } else {
                try cursor.skipValue()
            }
        }
    }
}

extension JSONCursor {
    /// `ContainerState`'s private `Waiting` is a synthesized `Decodable`: a field of the wrong type fails the whole
    /// `waiting` (then running and terminated are tried), where null and absent are nil.
    mutating func strictWaiting() throws(FastJSONUnsupported) -> (reason: String?, message: String?)? {
        try lenientObject { cursor throws(FastJSONUnsupported) -> (reason: String?, message: String?)? in
            var reason: String?
            var message: String?
            var failed = false
            var seen = SeenFields()
            try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
                if cursor.key(key, is: "reason"), seen.first(0) {
                    switch try cursor.readString() {
                    case .value(let value): reason = value
                    case .null: break
                    case .mismatch: failed = true
                    }
                } else if cursor.key(key, is: "message"), seen.first(1) {
                    switch try cursor.readString() {
                    case .value(let value): message = value
                    case .null: break
                    case .mismatch: failed = true
                    }
                } else {
                    try cursor.skipValue()
                }
            }
            return failed ? nil : (reason, message)
        } ?? nil
    }
}
