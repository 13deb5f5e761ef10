import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension MuninnConfiguration.LogFormat {
    /// `auto` decided: text when standard error is a terminal (someone is reading), JSON otherwise (a pod's log,
    /// read by a collector). `text` and `json` stay as they are.
    func resolved(standardErrorIsTerminal: Bool = isatty(STDERR_FILENO) == 1) -> Self {
        guard self == .auto else { return self }
        return standardErrorIsTerminal ? .text : .json
    }
}
