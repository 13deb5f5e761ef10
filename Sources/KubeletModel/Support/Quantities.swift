/// Adds resource quantities that share a suffix (`5m` + `5m` = `10m`, `20M` + `20M` = `40M`),
/// enough for pod-level `allocatedResources` of simulated pods.
enum Quantities {
    static func sum(_ lists: [[String: String]]) -> [String: String] {
        var result: [String: String] = [:]
        for resource in Set(lists.flatMap(\.keys)) {
            let values = lists.compactMap { $0[resource] }
            let suffixes = Set(values.map { String($0.drop { $0.isNumber }) })
            let numbers = values.compactMap { Int($0.prefix { $0.isNumber }) }
            if suffixes.count == 1, numbers.count == values.count, let suffix = suffixes.first {
                result[resource] = "\(numbers.reduce(0, +))\(suffix)"
            } else if let first = values.first {
                result[resource] = first
            }
        }
        return result
    }
}
