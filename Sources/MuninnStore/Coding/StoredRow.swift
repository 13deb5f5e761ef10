import Foundation
import MuninnCore
import SQLiteNIO

/// Typed reads of one result row; a column of the wrong type is a clear error, never a crash.
struct StoredRow {
    let row: SQLiteRow

    init(_ row: SQLiteRow) {
        self.row = row
    }

    func text(_ column: String) throws -> String {
        guard let value = optionalText(column) else { throw mismatch(column, expected: "text") }
        return value
    }

    func optionalText(_ column: String) -> String? {
        guard case .text(let value) = row.column(column) else { return nil }
        return value
    }

    func integer(_ column: String) throws -> Int {
        guard let value = optionalInteger(column) else { throw mismatch(column, expected: "an integer") }
        return value
    }

    func optionalInteger(_ column: String) -> Int? {
        guard case .integer(let value) = row.column(column) else { return nil }
        return value
    }

    func date(_ column: String) throws -> Date {
        EpochMilliseconds(value: try integer(column)).date
    }

    func isNull(_ column: String) -> Bool {
        row.column(column)?.isNull ?? true
    }

    private func mismatch(_ column: String, expected: String) -> StoreError {
        StoreError("stored column \(column) is not \(expected) (found \(row.column(column).map { "\($0)" } ?? "no such column"))")
    }
}
