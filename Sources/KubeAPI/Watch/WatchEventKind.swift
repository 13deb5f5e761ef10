/// The object-carrying kinds of watch event, for the state machine.
public enum WatchEventKind: Sendable, Equatable {
    case added, modified, deleted, bookmark
}
