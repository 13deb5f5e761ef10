import FoundationEssentials
import Glibc
struct P: Codable { var name: String; var n: Int }
let p = try JSONDecoder().decode(P.self, from: Data(#"{"name":"x","n":1}"#.utf8))
print("ready \(p.name)")
while true { sleep(1000) }
