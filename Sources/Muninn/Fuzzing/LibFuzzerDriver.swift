import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver, present only in a binary built by scripts/fuzz.sh (instrumented, linked with libFuzzer).
/// It is looked up at run time so that the same sources build normally; `muninn fuzz` then replays files.
enum LibFuzzerDriver {
    private typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    private typealias RunDriver = @convention(c) (
        UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, TestOneInput
    ) -> Int32

    /// The target libFuzzer's callback runs; set once before the driver starts.
    private static let selected = Mutex<FuzzTarget?>(nil)

    private static func lookUp() -> RunDriver? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "LLVMFuzzerRunDriver") else { return nil }
        return unsafeBitCast(symbol, to: RunDriver.self)
    }

    static var isAvailable: Bool { lookUp() != nil }

    /// libFuzzer starts child processes (`-merge=1`, `-minimize_crash=1`, `-fork`) with `system()` on its argv[0]
    /// followed by its own flags; `muninn` needs `fuzz TARGET` before them, so argv[0] carries it, shell-quoted.
    static func childCommand(for target: FuzzTarget, executable: String = CommandLine.arguments.first ?? "muninn") -> String {
        [executable, "fuzz", target.name].map(shellQuoted).joined(separator: " ")
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Runs libFuzzer on `target` with its command-line `arguments` (flags and corpus directories); returns its
    /// exit status. A broken invariant stops the process with the message, which libFuzzer reports as a crash
    /// and saves the input for.
    static func run(_ target: FuzzTarget, arguments: [String]) -> Int32? {
        guard let driver = lookUp() else { return nil }
        selected.withLock { $0 = target }
        let strings = [childCommand(for: target)] + arguments
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var argc = Int32(strings.count)
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return driver(&argc, &argv) { data, count in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
                guard let target = LibFuzzerDriver.selected.withLock({ $0 }) else { return 0 }
                if let problem = target.check(bytes) {
                    // The fuzzer's purpose: turn a broken invariant into a crash libFuzzer records.
                    fatalError("fuzz target \(target.name): \(problem)")
                }
                return 0
            }
        }
    }
}
