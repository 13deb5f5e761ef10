/// What happened to a watched object. The raw values are kwatchman's event names, which its
/// `ignoreEvents` handler matches (`events = ["Add", "Update", "Delete"]`).
public enum ChangeAction: String, Sendable, Hashable, Codable, CaseIterable {
    case added = "Add"
    case updated = "Update"
    case deleted = "Delete"
}
