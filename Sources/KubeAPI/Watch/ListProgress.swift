/// How far a reflector's paginated list has come, told after each page (`onListPage`): enough for a progress line
/// while a large cluster's initial list loads.
public struct ListProgress: Sendable, Equatable {
    /// Pages read so far in this list (1 after the first page).
    public var pages: Int
    /// Objects read so far in this list.
    public var objects: Int
    /// True on the last page: the list is complete and the watch comes next.
    public var isComplete: Bool

    public init(pages: Int, objects: Int, isComplete: Bool) {
        self.pages = pages
        self.objects = objects
        self.isComplete = isComplete
    }
}
