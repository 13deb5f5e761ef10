import PostgresNIO

/// SQL assembled from fixed pieces with every value bound: `bind` returns the placeholder (`$3`) to put in
/// the text, so whatever a person typed reaches PostgreSQL only as a parameter, never as SQL.
struct BoundSQL {
    private(set) var bindings = PostgresBindings()

    mutating func bind(_ value: String) -> String {
        bindings.append(StorableText.text(value))
        return "$\(bindings.count)"
    }

    mutating func bind(_ value: Int64) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    mutating func bind(_ values: [String]) -> String {
        bindings.append(values.map { StorableText.text($0) })
        return "$\(bindings.count)"
    }

    mutating func bind(_ values: [Int64]) -> String {
        bindings.append(values)
        return "$\(bindings.count)"
    }

    /// Call it once the text is complete, after every `bind`: the bindings are read when it is called.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
