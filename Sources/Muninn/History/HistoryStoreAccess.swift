import Foundation
import Logging
import MuninnCore
import MuninnStore

/// Opens the store file the history commands read: it must exist (a mistyped path must not quietly
/// create an empty history), and any failure is one line on standard error and exit status 1.
enum HistoryStoreAccess {
    static func withStore<T>(path: String, _ body: (SQLiteStore) async throws -> T) async throws -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandSupport.fail("no store at \(path): give the file `muninn run` writes with --store PATH")
        }
        guard !isDirectory.boolValue else { throw CommandSupport.fail("the store path \(path) is a directory, not a store file") }
        // Warnings (an unreadable row) go to standard error; standard output is for the answer alone.
        var logger = Logger(label: "muninn.history", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let store: SQLiteStore
        do {
            store = try await SQLiteStore.open(path: path, logger: logger)
        } catch {
            throw CommandSupport.fail(error.message)
        }
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch let error as StoreError {
            await store.close()
            throw CommandSupport.fail(error.message)
        } catch {
            await store.close()
            throw error
        }
    }
}
