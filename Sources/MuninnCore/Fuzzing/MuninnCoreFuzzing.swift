/// The internal text functions `muninn fuzz` drives (see Fuzz/README.md), reached from the Muninn target.
package enum MuninnCoreFuzzing {
    /// The alert's log text for raw bytes from the cluster, with the caps the enricher uses.
    package static func logText(from bytes: [UInt8], maximumBytes: Int, maximumLines: Int) -> String {
        LogText.text(from: bytes, maximumBytes: maximumBytes, maximumLines: maximumLines)
    }
}
