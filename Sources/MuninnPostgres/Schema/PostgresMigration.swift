/// One step of the schema: applied once, in order, inside the transaction that opens the store.
struct PostgresMigration: Sendable {
    /// Increasing from 1; recorded in `schema_migrations`.
    var version: Int
    /// What the step does, for people reading `schema_migrations`.
    var name: String
    /// Run one by one, in the migration's transaction (PostgreSQL's DDL is transactional).
    var statements: [String]
}
