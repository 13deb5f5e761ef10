import Foundation
import MuninnCore
import PostgresNIO

/// Typed reads of one result row; a missing column or one of the wrong type is a clear error, never a crash.
struct StoredRow {
    private let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw StoreError("stored column \(column) is null, expected text") }
        return value
    }

    func optionalText(_ column: String) throws -> String? {
        try decode(String?.self, column)
    }

    func integer(_ column: String) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw StoreError("stored column \(column) is null, expected an integer") }
        return value
    }

    func optionalInteger(_ column: String) throws -> Int64? {
        try decode(Int64?.self, column)
    }

    func date(_ column: String) throws -> Date {
        EpochMilliseconds(value: try integer(column)).date
    }

    func optionalDate(_ column: String) throws -> Date? {
        try optionalInteger(column).map { EpochMilliseconds(value: $0).date }
    }

    private func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        guard row.contains(column) else { throw StoreError("the query returned no column \(column)") }
        do {
            return try row[column].decode(T.self)
        } catch {
            throw StoreError("stored column \(column) is not \(T.self) (\(row[column].dataType))")
        }
    }
}
