import Foundation
import MuninnCore

/// Checks where the database file goes before SQLite sees it, so a bad path fails with a sentence
/// naming it rather than SQLite's "unable to open database file".
enum StoreFile {
    /// The absolute path of the database, created (owner-only, it holds logs) when missing.
    static func prepare(_ path: String) throws(StoreError) -> String {
        guard !path.isEmpty else { throw StoreError("the store path is empty") }
        guard !path.contains("\0") else { throw StoreError("the store path \(path.debugDescription) contains a NUL character") }
        // Absolute, so SQLite never reads a "file:" prefix as a URI and a later change of directory cannot move the store.
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let file = url.path
        let directory = url.deletingLastPathComponent().path
        let files = FileManager.default

        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw StoreError("cannot open the store at \(path): directory \(directory) does not exist")
        }
        guard isDirectory.boolValue else {
            throw StoreError("cannot open the store at \(path): \(directory) is not a directory")
        }
        // SQLite writes the -wal and -shm files beside the database, so the directory must be writable too.
        guard files.isWritableFile(atPath: directory) else {
            throw StoreError("cannot open the store at \(path): directory \(directory) is not writable")
        }
        if files.fileExists(atPath: file, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw StoreError("cannot open the store at \(path): it is a directory") }
            guard files.isWritableFile(atPath: file) else { throw StoreError("cannot open the store at \(path): the file is not writable") }
        } else {
            guard files.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError("cannot open the store at \(path): cannot create the file in \(directory)")
            }
        }
        return file
    }
}
