extension JSONValue {
    /// Applies a JSON merge patch (RFC 7386), as `application/merge-patch+json` does on the API server:
    /// objects merge recursively, `null` deletes a key, anything else replaces.
    public func mergePatched(with patch: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = objectValue ?? JSONObject()
        for (key, patchValue) in patchObject {
            if patchValue.isNull {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).mergePatched(with: patchValue)
            }
        }
        return .object(result)
    }
}
