import KubeAPI
import MuninnCore
#if canImport(Glibc)
import CMalloc
#endif

/// Gives the heap's free memory back to the system after the initial list.
///
/// Decoding a large cluster's list pages leaves most of their memory free but held by glibc's malloc (in the
/// arenas of the threads that decoded them, which it never trims on its own), so the resident size stayed at its
/// peak for the life of the process although Muninn keeps only a few hundred bytes per pod.
enum HeapTrimmer {
    static func trim() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }

    /// The pod-event hook that trims once each time the pod list is in sync, then calls `next`.
    static func trimmingOnSync(
        then next: (@Sendable (InformerEvent<Pod>, [Incident]) -> Void)?
    ) -> @Sendable (InformerEvent<Pod>, [Incident]) -> Void {
        { event, incidents in
            if case .synced = event { trim() }
            next?(event, incidents)
        }
    }
}
